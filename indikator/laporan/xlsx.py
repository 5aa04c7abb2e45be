"""XLSX formatter: the three reports as workbooks (streamed, so Lampiran I of any size fits in memory).

Every cell goes through ``iku_project.spreadsheet``, the project's one writer and formula guard:
no text a user typed can run as a formula. Percentages are numbers on a 0–100 scale with two
decimals, exactly the figures of the JSON output. Each sheet, and each table of the Capaian
sheet, is its own function; tables are declared as ``Kolom`` lists.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from openpyxl.styles import Alignment, Font, PatternFill

from iku_project.spreadsheet import FORMAT_BILANGAN as BILANGAN
from iku_project.spreadsheet import FORMAT_PERSEN as PERSEN
from iku_project.spreadsheet import (
    Kolom,
    cetak_area,
    cetak_siapkan,
    kolom_kepala,
    lebar_kolom,
    sel,
    simpan,
    tabel_tulis,
    workbook,
)
from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten

JUDUL = Font(bold=True, size=13)
KEPALA = PatternFill("solid", fgColor="E9ECEF")
BUNGKUS = Alignment(wrap_text=True, vertical="top")
KOSONG = Kolom("", lambda _: "")


def _lembar(wb, nama: str, *, lebar: list[int], baris_judul: str, lanskap: bool = True, beku: str | None = None):
    """A sheet set up before its first row, as a streamed sheet requires: print, widths, frozen panes."""
    sheet = wb.create_sheet(nama)
    cetak_siapkan(sheet, lanskap=lanskap, baris_judul=baris_judul)
    lebar_kolom(sheet, lebar)
    if beku:
        sheet.freeze_panes = beku
    return sheet


def _judul(sheet, *baris: str) -> int:
    """Title rows; returns how many rows were written."""
    for i, teks in enumerate(baris):
        sheet.append([sel(sheet, teks, font=JUDUL if i == 0 else Font(italic=True))])
    sheet.append([])
    return len(baris) + 1


def _kepala(sheet, kolom: list[Kolom]) -> None:
    sheet.append(kolom_kepala(sheet, kolom, fill=KEPALA, alignment=BUNGKUS))


def _tabel(sheet, kolom: list[Kolom], items) -> None:
    """The heading and one row per item, every value through ``_nilai``."""
    _kepala(sheet, kolom)
    tabel_tulis(sheet, kolom, items, penulis=_nilai)


def _bagian(sheet, judul: str, kolom: list[Kolom], items) -> None:
    """A titled table of the Capaian sheet, after a blank row."""
    sheet.append([])
    sheet.append([sel(sheet, judul, bold=True)])
    _tabel(sheet, kolom, items)


def _nilai(sheet, value, number_format=None):
    if isinstance(value, Decimal):
        return sel(sheet, value, number_format=number_format or PERSEN)
    if value is None:
        return sel(sheet, "—")
    if isinstance(value, str):
        return sel(sheet, value, alignment=BUNGKUS)
    return sel(sheet, value, number_format=number_format)


def _baris(sheet, values):
    """A row of plain values, each through ``_nilai``."""
    return [_nilai(sheet, value) for value in values]


def _tanggal(value) -> str:
    return date_format(value, "j F Y")


def _baris_ttd(ttd) -> list[str]:
    """The signature block of docs/DESIGN.md §2.5 as lines, in the order of templates/pdf/_ttd.html."""
    baris = [f"{ttd.tempat}, {_tanggal(ttd.tanggal)}"] if ttd.tanggal else []
    baris += [*ttd.baris_jabatan, ttd.nama]
    if ttd.pangkat_golongan:
        baris.append(ttd.pangkat_golongan)
    return [*baris, f"NIP. {ttd.nip}"]


# ---------------------------------------------------------------- Laporan Capaian


def _capaian_indikator(sheet, laporan: LaporanCapaian, *, draf: bool) -> None:
    """Title and the two indicators (with IKU 2 so far while the year runs)."""
    kecamatan, periode, iku2 = laporan.kecamatan, laporan.periode, laporan.hasil.iku2
    status = "DRAF — belum disahkan" if draf else "Disahkan"
    _judul(
        sheet,
        f"Laporan Capaian IKU Kecamatan {kecamatan.nama} — {periode.label}",
        f"{kecamatan.kabupaten.nama}; {_tanggal(periode.mulai)} s.d. {_tanggal(periode.selesai)}; "
        f"dihitung per {_tanggal(laporan.as_of)}; {status}",
    )
    _tabel(
        sheet,
        [
            Kolom("No.", lambda b: b[0]),
            Kolom("Indikator Kinerja Utama", lambda b: b[1]),
            Kolom("Pembilang", lambda b: b[2].numerator, format=BILANGAN),
            Kolom("Penyebut", lambda b: b[2].denominator, format=BILANGAN),
            Kolom("Realisasi (%)", lambda b: b[2].percent if b[0] == 1 or iku2.berlaku else "tidak berlaku"),
            Kolom("Target (%)", lambda b: b[2].target),
            Kolom("Capaian (%)", lambda b: b[2].capaian),
        ],
        [(1, laporan.nama_iku1, laporan.hasil.iku1), (2, laporan.nama_iku2, iku2)],
    )
    if iku2.berlaku and iku2.berjalan:
        # Beside the year's figure, never instead of it: the documents not yet due cannot be late yet.
        sejauh = iku2.sejauh_ini
        sheet.append(
            [
                _nilai(sheet, ""),
                _nilai(
                    sheet,
                    f"IKU 2 sejauh ini: tepat waktu ÷ dokumen yang sudah jatuh tempo atau sudah masuk "
                    f"({sejauh.belum_jatuh_tempo} dokumen belum jatuh tempo)",
                ),
                _nilai(sheet, sejauh.numerator, BILANGAN),
                _nilai(sheet, sejauh.denominator, BILANGAN),
                _nilai(sheet, sejauh.percent if sejauh.percent is not None else f"— ({sejauh.alasan})"),
            ]
        )


def _kolom_persen(judul: str, pembilang: str, penyebut: str, label) -> list[Kolom]:
    """A breakdown table: label, numerator, denominator and percentage of a result ``r``."""
    return [
        KOSONG,
        Kolom(judul, label),
        Kolom(pembilang, lambda item: item[1].numerator, format=BILANGAN),
        Kolom(penyebut, lambda item: item[1].denominator, format=BILANGAN),
        Kolom("Persentase (%)", lambda item: item[1].percent),
    ]


def _capaian_iku1(sheet, laporan: LaporanCapaian) -> None:
    _bagian(
        sheet,
        "IKU 1 per triwulan",
        _kolom_persen(
            "Triwulan",
            "Ditindaklanjuti",
            "Dilaksanakan",
            lambda item: f"{item[0].nama_triwulan} ({_tanggal(item[0].mulai)} s.d. {_tanggal(item[0].selesai)})",
        ),
        laporan.hasil.iku1.per_triwulan,
    )
    _bagian(
        sheet,
        "IKU 1 per seksi",
        _kolom_persen("Seksi / Sub Bagian", "Ditindaklanjuti", "Dilaksanakan", lambda item: item[1].nama),
        ((None, baris) for baris in laporan.per_seksi),
    )


def _capaian_iku2(sheet, laporan: LaporanCapaian) -> None:
    _bagian(
        sheet,
        f"IKU 2 per dokumen (basis: {laporan.basis_label.lower()})",
        [
            KOSONG,
            Kolom("Dokumen", lambda r: f"{r.wajib.label} (tenggat {_tanggal(r.wajib.tenggat)})"),
            Kolom("Tepat waktu", "tepat_waktu", format=BILANGAN),
            Kolom("Terlambat", "terlambat", format=BILANGAN),
            Kolom("Belum ada", "belum_ada", format=BILANGAN),
            Kolom("Belum jatuh tempo", "belum_jatuh_tempo", format=BILANGAN),
            Kolom("Persentase (%)", "percent"),
        ],
        laporan.hasil.iku2.dokumen,
    )


def _capaian_tujuan(sheet, laporan: LaporanCapaian) -> None:
    if laporan.tujuan is None:
        return
    _bagian(
        sheet,
        "Indikator tujuan",
        [
            KOSONG,
            Kolom("Indikator", "indikator"),
            Kolom("Nilai", "nilai"),
            Kolom("Mutu", lambda t: t.mutu or ""),
            Kolom("Responden", "responden", format=BILANGAN),
            Kolom("Sumber", "sumber_label"),
        ],
        [laporan.tujuan],
    )


def _capaian_catatan(sheet, laporan: LaporanCapaian) -> None:
    sheet.append([])
    sheet.append([sel(sheet, "Catatan", bold=True)])
    for teks in laporan.keterangan_iku1 + laporan.keterangan_iku2:
        sheet.append([_nilai(sheet, ""), _nilai(sheet, teks)])
    if laporan.tanda_tangan:
        sheet.append([])
        for teks in _baris_ttd(laporan.tanda_tangan):
            sheet.append([_nilai(sheet, ""), _nilai(sheet, teks)])


def _lembar_capaian(wb, laporan: LaporanCapaian, *, draf: bool) -> None:
    # Landscape and one page wide: the indicator names and their figures print on the same page.
    # Frozen below the header: 2 title rows, a blank, the header.
    sheet = _lembar(wb, "Capaian", lebar=[6, 60, 14, 14, 14, 14, 14], baris_judul="4:4", beku="A5")
    _capaian_indikator(sheet, laporan, draf=draf)
    _capaian_iku1(sheet, laporan)
    _capaian_iku2(sheet, laporan)
    _capaian_tujuan(sheet, laporan)
    _capaian_catatan(sheet, laporan)
    cetak_area(sheet, kolom=7)


def _bukti_teks(kegiatan) -> str:
    return "\n".join(
        f"{b.jenis}{f' No. {b.nomor}' if b.nomor else ''}, {b.tanggal:%d/%m/%Y}"
        + (" (tanpa berkas)" if b.tanpa_berkas else "")
        for b in kegiatan.bukti
    )


KOLOM_LAMPIRAN_I = [
    Kolom("No.", "nomor", 6),
    Kolom("Tanggal", "tanggal", 12),
    Kolom("Kategori", "kategori", 12),
    Kolom("Jenis kegiatan", "jenis", 40),
    Kolom("Uraian aktivitas", "uraian", 50),
    Kolom("Seksi", "seksi", 26),
    Kolom("Desa/kelurahan", "desa", 26),
    Kolom("Keterangan", "keterangan", 36),
    Kolom("Status", "status", 14),
    Kolom("Output", "output", 36),
    Kolom("Tanggal output", lambda k: k.tanggal_output or "", 12),
    Kolom("Bukti pendukung", _bukti_teks, 50),
    Kolom("Ditindaklanjuti", "tindak_lanjut", 20),
]


def _lembar_lampiran_i(wb, laporan: LaporanCapaian) -> None:
    sheet = _lembar(wb, "Lampiran I Kegiatan", lebar=[k.lebar for k in KOLOM_LAMPIRAN_I], baris_judul="4:4", beku="A5")
    _judul(
        sheet,
        f"Lampiran I — Daftar kegiatan {laporan.periode.label}, Kecamatan {laporan.kecamatan.nama}",
        f"Tindak lanjut dinilai per {_tanggal(laporan.as_of)}",
    )
    _tabel(sheet, KOLOM_LAMPIRAN_I, laporan.kegiatan)
    cetak_area(sheet, kolom=len(KOLOM_LAMPIRAN_I))


def _kolom_lampiran_ii(wajib) -> list[Kolom]:
    """No., kode and desa, then tanggal, nomor and status of each required document."""
    kolom = [Kolom("No.", lambda b: b[0], 6), Kolom("Kode", lambda b: b[1], 16), Kolom("Desa", lambda b: b[2], 26)]
    for i, w in enumerate(wajib):
        kolom += [
            Kolom(f"{w.label} tanggal", lambda b, i=i: b[3][i].tanggal or "", 12),
            Kolom(f"{w.label} nomor", lambda b, i=i: b[3][i].nomor, 22),
            Kolom(f"{w.label} status (tenggat {_tanggal(w.tenggat)})", lambda b, i=i: b[3][i].status.label, 18),
        ]
    return kolom


def _lembar_lampiran_ii(wb, laporan: LaporanCapaian) -> None:
    kolom = _kolom_lampiran_ii(laporan.matriks.kolom)
    sheet = _lembar(wb, "Lampiran II Dokumen Desa", lebar=[k.lebar for k in kolom], baris_judul="4:4", beku="D5")
    _judul(
        sheet,
        f"Lampiran II — Dokumen administrasi pemerintahan desa, Kecamatan {laporan.kecamatan.nama}",
        f"Basis: {laporan.basis_label.lower()}; status per {_tanggal(laporan.as_of)}",
    )
    _tabel(sheet, kolom, laporan.matriks.baris)
    if not laporan.hasil.iku2.berlaku:
        sheet.append([_nilai(sheet, "IKU 2 tidak berlaku: kecamatan ini tidak memiliki desa.")])
    cetak_area(sheet, kolom=len(kolom))


def laporan_capaian_xlsx(laporan: LaporanCapaian, *, draf: bool = True) -> bytes:
    wb = workbook()
    _lembar_capaian(wb, laporan, draf=draf)
    _lembar_lampiran_i(wb, laporan)
    _lembar_lampiran_ii(wb, laporan)
    return simpan(wb)


# ---------------------------------------------------------------- Rekap Kabupaten


KOLOM_REKAP = [
    Kolom("No.", lambda b: b[0], 6),
    Kolom("Kode", lambda b: b[1].kecamatan.kode, 12),
    Kolom("Kecamatan", lambda b: b[1].kecamatan.nama, 24),
    Kolom("IKU 1 pembilang", lambda b: b[1].iku1.numerator, 12, BILANGAN),
    Kolom("IKU 1 penyebut", lambda b: b[1].iku1.denominator, 12, BILANGAN),
    Kolom("IKU 1 (%)", lambda b: b[1].iku1.percent, 12),
    Kolom("IKU 1 capaian (%)", lambda b: b[1].iku1.capaian, 12),
    Kolom("IKU 2 pembilang", lambda b: b[1].iku2.numerator, 12, BILANGAN),
    Kolom("IKU 2 penyebut", lambda b: b[1].iku2.denominator, 12, BILANGAN),
    Kolom("IKU 2 (%)", lambda b: b[1].iku2.percent if b[1].iku2.berlaku else "tidak berlaku", 12),
    Kolom("IKU 2 capaian (%)", lambda b: b[1].iku2.capaian, 12),
]


def rekap_kabupaten_xlsx(rekap: RekapKabupaten) -> bytes:
    wb = workbook()
    # Frozen below the header (2 title rows, a blank, the header) and right of the kecamatan names.
    sheet = _lembar(wb, "Rekap", lebar=[k.lebar for k in KOLOM_REKAP], baris_judul="4:4", beku="D5")
    _judul(
        sheet,
        f"Rekap Capaian IKU Kecamatan — {rekap.kabupaten.nama} — {rekap.periode.label}",
        f"Dihitung per {_tanggal(rekap.as_of)}; IKU 2 basis {rekap.basis_label.lower()}; dicetak pada "
        f"{date_format(timezone.localtime(rekap.dicetak_pada), 'j F Y H.i')} WIB",
    )
    _tabel(sheet, KOLOM_REKAP, enumerate(rekap.hasil, start=1))
    sheet.append(
        [
            _nilai(sheet, ""),
            _nilai(sheet, ""),
            sel(sheet, "Kabupaten", bold=True),
            _nilai(sheet, rekap.total_iku1.numerator, BILANGAN),
            _nilai(sheet, rekap.total_iku1.denominator, BILANGAN),
            _nilai(sheet, rekap.total_iku1.percent),
            _nilai(sheet, ""),
            _nilai(sheet, rekap.total_iku2.numerator, BILANGAN),
            _nilai(sheet, rekap.total_iku2.denominator, BILANGAN),
            _nilai(sheet, rekap.total_iku2.percent),
            _nilai(sheet, ""),
        ]
    )
    cetak_area(sheet, kolom=len(KOLOM_REKAP))
    return simpan(wb)


# ---------------------------------------------------------------- Dokumen IKU


def _rumus_teks(baris, *, penjelasan: bool) -> str:
    teks = f"({baris.rumus_pembilang}) / ({baris.rumus_penyebut}) × 100%"
    if penjelasan and baris.penjelasan:
        teks += f"\nPenjelasan: {baris.penjelasan}"
    return teks


def _lembar_dokumen_iku(wb, data: DokumenIKUData) -> None:
    dokumen, kecamatan = data.dokumen, data.kecamatan
    # The header row of the indicator table: two title rows, a blank, five label rows, a blank.
    sheet = _lembar(wb, "Dokumen IKU", lebar=[6, 30, 34, 60, 24, 24], baris_judul="10:10")
    _judul(
        sheet,
        dokumen.judul,
        f"Organisasi Perangkat Daerah di Lingkungan Pemerintah {kecamatan.kabupaten.nama}",
    )
    for label, teks in [
        ("Instansi", f"KECAMATAN {kecamatan.nama.upper()}"),
        ("Tugas", dokumen.tugas),
        ("Fungsi", "\n".join(f"{huruf}. {f}" for huruf, f in dokumen.daftar_fungsi)),
        ("Tujuan", dokumen.tujuan),
        ("Indikator tujuan", dokumen.indikator_tujuan),
    ]:
        sheet.append([_nilai(sheet, ""), sel(sheet, label, bold=True), _nilai(sheet, teks)])
    sheet.append([])
    _tabel(
        sheet,
        [
            Kolom("No.", "nomor"),
            Kolom("Sasaran Strategis", "sasaran_strategis"),
            Kolom("Indikator Kinerja Utama", "nama_indikator"),
            Kolom("Rumus/Formula", lambda b: _rumus_teks(b, penjelasan=data.penjelasan_di_rumus)),
            Kolom("Sumber Data", "sumber_data"),
            Kolom("Penanggung Jawab", "penanggung_jawab"),
        ],
        data.baris,
    )
    if data.tanda_tangan:
        sheet.append([])
        for teks in _baris_ttd(data.tanda_tangan):
            sheet.append([_nilai(sheet, ""), _nilai(sheet, ""), _nilai(sheet, teks)])
    cetak_area(sheet, kolom=6)


KOLOM_KATALOG = [
    Kolom("Kategori", lambda b: b[0].nama, 14),
    Kolom("No.", lambda b: b[1].nomor, 6),
    Kolom("Jenis", lambda b: b[1].nama, 40),
    Kolom("No.", lambda b: b[2].nomor, 6),
    Kolom("Uraian aktivitas", lambda b: b[2].teks, 60),
    Kolom("Output aktivitas", lambda b: b[2].output_lengkap, 50),
]


def _lembar_katalog(wb, data: DokumenIKUData) -> None:
    sheet = _lembar(wb, "Katalog", lebar=[k.lebar for k in KOLOM_KATALOG], baris_judul="1:1", beku="A2")
    baris = (
        (kategori, jenis, uraian)
        for kategori in data.katalog
        for jenis in kategori.jenis
        for uraian in jenis.uraian_cocok
    )
    _tabel(sheet, KOLOM_KATALOG, baris)
    cetak_area(sheet, kolom=len(KOLOM_KATALOG))


KOLOM_BUKTI = [Kolom("No.", lambda b: b[0], 6), Kolom("Jenis bukti pendukung", lambda b: b[1], 60)]


def _lembar_bukti(wb, data: DokumenIKUData) -> None:
    sheet = _lembar(wb, "Bukti pendukung", lebar=[k.lebar for k in KOLOM_BUKTI], baris_judul="1:1", lanskap=False)
    _tabel(sheet, KOLOM_BUKTI, enumerate(data.jenis_bukti, start=1))
    cetak_area(sheet, kolom=len(KOLOM_BUKTI))


def dokumen_iku_xlsx(data: DokumenIKUData) -> bytes:
    wb = workbook()
    _lembar_dokumen_iku(wb, data)
    if data.memuat_penjelasan:
        # Without it, as its paper original: no catalogue appendix (Lumajang's IKU Perubahan).
        _lembar_katalog(wb, data)
        _lembar_bukti(wb, data)
    return simpan(wb)
