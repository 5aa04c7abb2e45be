"""Bar charts drawn on the server as SVG, so the dashboard and the PDF show the same picture.

Every bar carries its label and value as text (readable without colour and by
screen readers through <title>), and pages show a table beside each chart.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Batang:
    label: str
    nilai: Decimal | None  # percent 0–100, None = no value
    keterangan: str = ""  # e.g. "6 dari 7"


def _persen(nilai):
    return "—" if nilai is None else f"{number_format(nilai, 2, use_l10n=True)}%"


def grafik_kolom(batang: list[Batang], *, judul: str, target: Decimal | None = None, lebar=640, tinggi=280) -> str:
    """Vertical bars 0–100%, one per item (triwulan), with an optional target line."""
    kiri, atas, bawah = 44, 28, 52
    area_t = tinggi - atas - bawah
    area_l = lebar - kiri - 12
    n = max(len(batang), 1)
    slot = area_l / n
    lebar_batang = min(72, slot * 0.6)

    def y(nilai):
        return atas + area_t * (1 - float(nilai) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" '
        f'aria-label="{escape(judul)}" class="grafik grafik-kolom" font-family="DejaVu Sans, sans-serif" '
        'font-size="12">',
        f"<title>{escape(judul)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{kiri}" x2="{lebar - 12}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#d0d4d9" stroke-width="1"/>'
            f'<text x="{kiri - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#495057">{tick}%</text>'
        )
    for i, b in enumerate(batang):
        cx = kiri + slot * i + slot / 2
        if b.nilai is not None:
            top = y(b.nilai)
            parts.append(
                f'<rect x="{cx - lebar_batang / 2:.1f}" y="{top:.1f}" width="{lebar_batang:.1f}" '
                f'height="{atas + area_t - top:.1f}" fill="#0d6efd"><title>{escape(b.label)}: '
                f"{escape(_persen(b.nilai))} {escape(b.keterangan)}</title></rect>"
            )
            label_y = max(top - 6, atas - 6)
        else:
            label_y = atas + area_t - 6
        parts.append(
            f'<text x="{cx:.1f}" y="{label_y:.1f}" text-anchor="middle" font-weight="bold" '
            'fill="#212529">'
            f"{escape(_persen(b.nilai))}</text>"
            f'<text x="{cx:.1f}" y="{atas + area_t + 18:.1f}" text-anchor="middle" fill="#212529">'
            f"{escape(b.label)}</text>"
            f'<text x="{cx:.1f}" y="{atas + area_t + 34:.1f}" text-anchor="middle" fill="#495057" font-size="11">'
            f"{escape(b.keterangan)}</text>"
        )
    if target is not None:
        ty = y(min(target, Decimal(100)))
        parts.append(
            f'<line x1="{kiri}" x2="{lebar - 12}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#dc3545" stroke-width="2" '
            f'stroke-dasharray="6 4"/><text x="{lebar - 14}" y="{ty - 5:.1f}" text-anchor="end" fill="#dc3545">'
            f"target {escape(_persen(target))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def grafik_batang(batang: list[Batang], *, judul: str, lebar=640, susun=False) -> str:
    """Horizontal bars 0–100%, one row per item (kecamatan), label left and value right.

    ``susun`` puts each label on its own line above a full-width bar in a narrow drawing, so the
    text keeps a readable size when the chart shrinks to a 390-px phone (the dashboards); the
    PDF keeps the one-line layout."""
    if susun:
        return _grafik_batang_susun(batang, judul=judul)
    kiri, kanan, baris, atas = 150, 110, 24, 8
    tinggi = atas * 2 + baris * max(len(batang), 1)
    area_l = lebar - kiri - kanan
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" '
        f'aria-label="{escape(judul)}" class="grafik grafik-batang" font-family="DejaVu Sans, sans-serif" '
        'font-size="12">',
        f"<title>{escape(judul)}</title>",
    ]
    for i, b in enumerate(batang):
        ty = atas + baris * i
        parts.append(
            f'<text x="{kiri - 6}" y="{ty + 16}" text-anchor="end" fill="#212529">{escape(b.label)}</text>'
            f'<rect x="{kiri}" y="{ty + 4}" width="{area_l}" height="{baris - 8}" fill="#f1f3f5"/>'
        )
        if b.nilai is not None:
            parts.append(
                f'<rect x="{kiri}" y="{ty + 4}" width="{area_l * float(b.nilai) / 100:.1f}" height="{baris - 8}" '
                f'fill="#0d6efd"><title>{escape(b.label)}: {escape(_persen(b.nilai))}</title></rect>'
            )
        parts.append(
            f'<text x="{kiri + area_l + 6}" y="{ty + 16}" fill="#212529" font-weight="bold">'
            f"{escape(_persen(b.nilai))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def _grafik_batang_susun(batang: list[Batang], *, judul: str) -> str:
    # 340 units wide: drawn at about its own size on a phone, so 14-unit text reads as ~14 px.
    lebar, kanan, baris, atas = 340, 78, 40, 4
    tinggi = atas * 2 + baris * max(len(batang), 1)
    area_l = lebar - kanan
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" role="img" '
        f'aria-label="{escape(judul)}" class="grafik grafik-batang grafik-susun" '
        'font-family="DejaVu Sans, sans-serif" font-size="14">',
        f"<title>{escape(judul)}</title>",
    ]
    for i, b in enumerate(batang):
        ty = atas + baris * i
        parts.append(
            f'<text x="0" y="{ty + 14}" fill="#212529">{escape(b.label)}</text>'
            f'<rect x="0" y="{ty + 20}" width="{area_l}" height="14" fill="#f1f3f5"/>'
        )
        if b.nilai is not None:
            parts.append(
                f'<rect x="0" y="{ty + 20}" width="{area_l * float(b.nilai) / 100:.1f}" height="14" '
                f'fill="#0d6efd"><title>{escape(b.label)}: {escape(_persen(b.nilai))}</title></rect>'
            )
        parts.append(
            f'<text x="{lebar}" y="{ty + 32}" text-anchor="end" fill="#212529" font-weight="bold">'
            f"{escape(_persen(b.nilai))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above


def grafik_per_kecamatan(hasil, *, periode_label: str, susun: bool = False) -> tuple[str, str]:
    """The two bar charts of a kabupaten, IKU 1 and IKU 2, one bar per kecamatan in the given order."""
    return tuple(
        grafik_batang(
            [Batang(h.kecamatan.nama, getattr(h, iku).percent) for h in hasil],
            judul=f"IKU {nomor} per kecamatan, {periode_label}",
            susun=susun,
        )
        for nomor, iku in ((1, "iku1"), (2, "iku2"))
    )
