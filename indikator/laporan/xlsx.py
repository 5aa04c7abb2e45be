"""XLSX formatter: the three reports as workbooks (openpyxl write-only, so Lampiran I of any size streams).

Every cell goes through ``kecamatan.ekspor.sel_aman``, the project's one formula
guard: no text a user typed can run as a formula. Percentages are numbers on a
0–100 scale with two decimals, exactly the figures of the JSON output.
"""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten
from kecamatan.ekspor import cetak_area, cetak_siapkan, sel_aman

PERSEN = "0.00"
BILANGAN = "#,##0"
JUDUL = Font(bold=True, size=13)
KEPALA = PatternFill("solid", fgColor="E9ECEF")
BUNGKUS = Alignment(wrap_text=True, vertical="top")


def _lebar(sheet, lebar: list[int]) -> None:
    for index, width in enumerate(lebar, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _judul(sheet, *baris: str) -> int:
    """Title rows; returns how many rows were written."""
    for i, teks in enumerate(baris):
        sheet.append([sel_aman(sheet, teks, font=JUDUL if i == 0 else Font(italic=True))])
    sheet.append([])
    return len(baris) + 1


def _kepala(sheet, labels: list[str]) -> None:
    sheet.append([sel_aman(sheet, label, bold=True, fill=KEPALA, alignment=BUNGKUS) for label in labels])


def _baris(sheet, values):
    """A row of plain values, each through ``_nilai``."""
    return [_nilai(sheet, value) for value in values]


def _nilai(sheet, value, number_format=None):
    if isinstance(value, Decimal):
        return sel_aman(sheet, value, number_format=number_format or PERSEN)
    if value is None:
        return sel_aman(sheet, "—")
    if isinstance(value, str):
        return sel_aman(sheet, value, alignment=BUNGKUS)
    return sel_aman(sheet, value, number_format=number_format)


def _simpan(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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


def laporan_capaian_xlsx(laporan: LaporanCapaian, *, draf: bool = True) -> bytes:
    workbook = Workbook(write_only=True)
    kecamatan, hasil, periode = laporan.kecamatan, laporan.hasil, laporan.periode
    iku1, iku2 = hasil.iku1, hasil.iku2
    status = "DRAF — belum disahkan" if draf else "Disahkan"

    ringkasan = workbook.create_sheet("Capaian")
    # Landscape and one page wide: the indicator names and their figures print on the same page.
    cetak_siapkan(ringkasan, lanskap=True, baris_judul="4:4")
    _lebar(ringkasan, [6, 60, 14, 14, 14, 14, 14])
    # Write-only sheets write their view first: freeze before the first row (2 title rows, a blank, header).
    ringkasan.freeze_panes = "A5"
    _judul(
        ringkasan,
        f"Laporan Capaian IKU Kecamatan {kecamatan.nama} — {periode.label}",
        f"{kecamatan.kabupaten.nama}; {_tanggal(periode.mulai)} s.d. {_tanggal(periode.selesai)}; "
        f"dihitung per {_tanggal(laporan.as_of)}; {status}",
    )
    _kepala(
        ringkasan,
        ["No.", "Indikator Kinerja Utama", "Pembilang", "Penyebut", "Realisasi (%)", "Target (%)", "Capaian (%)"],
    )
    for nomor, nama, iku in ((1, laporan.nama_iku1, iku1), (2, laporan.nama_iku2, iku2)):
        ringkasan.append(
            [
                _nilai(ringkasan, nomor),
                _nilai(ringkasan, nama),
                _nilai(ringkasan, iku.numerator, BILANGAN),
                _nilai(ringkasan, iku.denominator, BILANGAN),
                _nilai(ringkasan, iku.percent if nomor == 1 or iku2.berlaku else "tidak berlaku"),
                _nilai(ringkasan, iku.target),
                _nilai(ringkasan, iku.capaian),
            ]
        )
    if iku2.berlaku and iku2.berjalan:
        # Beside the year's figure, never instead of it: the documents not yet due cannot be late yet.
        sejauh = iku2.sejauh_ini
        ringkasan.append(
            [
                _nilai(ringkasan, ""),
                _nilai(
                    ringkasan,
                    f"IKU 2 sejauh ini: tepat waktu ÷ dokumen yang sudah jatuh tempo atau sudah masuk "
                    f"({sejauh.belum_jatuh_tempo} dokumen belum jatuh tempo)",
                ),
                _nilai(ringkasan, sejauh.numerator, BILANGAN),
                _nilai(ringkasan, sejauh.denominator, BILANGAN),
                _nilai(ringkasan, sejauh.percent if sejauh.percent is not None else f"— ({sejauh.alasan})"),
            ]
        )
    ringkasan.append([])
    ringkasan.append([sel_aman(ringkasan, "IKU 1 per triwulan", bold=True)])
    _kepala(ringkasan, ["", "Triwulan", "Ditindaklanjuti", "Dilaksanakan", "Persentase (%)"])
    for tw, r in iku1.per_triwulan:
        ringkasan.append(
            [
                _nilai(ringkasan, ""),
                _nilai(ringkasan, f"{tw.nama_triwulan} ({_tanggal(tw.mulai)} s.d. {_tanggal(tw.selesai)})"),
                _nilai(ringkasan, r.numerator, BILANGAN),
                _nilai(ringkasan, r.denominator, BILANGAN),
                _nilai(ringkasan, r.percent),
            ]
        )
    ringkasan.append([])
    ringkasan.append([sel_aman(ringkasan, "IKU 1 per seksi", bold=True)])
    _kepala(ringkasan, ["", "Seksi / Sub Bagian", "Ditindaklanjuti", "Dilaksanakan", "Persentase (%)"])
    for baris in laporan.per_seksi:
        ringkasan.append(
            [
                _nilai(ringkasan, ""),
                _nilai(ringkasan, baris.nama),
                _nilai(ringkasan, baris.numerator, BILANGAN),
                _nilai(ringkasan, baris.denominator, BILANGAN),
                _nilai(ringkasan, baris.percent),
            ]
        )
    ringkasan.append([])
    ringkasan.append([sel_aman(ringkasan, f"IKU 2 per dokumen (basis: {laporan.basis_label.lower()})", bold=True)])
    _kepala(ringkasan, ["", "Dokumen", "Tepat waktu", "Terlambat", "Belum ada", "Belum jatuh tempo", "Persentase (%)"])
    for r in iku2.dokumen:
        ringkasan.append(
            [
                _nilai(ringkasan, ""),
                _nilai(ringkasan, f"{r.wajib.label} (tenggat {_tanggal(r.wajib.tenggat)})"),
                _nilai(ringkasan, r.tepat_waktu, BILANGAN),
                _nilai(ringkasan, r.terlambat, BILANGAN),
                _nilai(ringkasan, r.belum_ada, BILANGAN),
                _nilai(ringkasan, r.belum_jatuh_tempo, BILANGAN),
                _nilai(ringkasan, r.percent),
            ]
        )
    if laporan.tujuan is not None:
        tujuan = laporan.tujuan
        ringkasan.append([])
        ringkasan.append([sel_aman(ringkasan, "Indikator tujuan", bold=True)])
        _kepala(ringkasan, ["", "Indikator", "Nilai", "Mutu", "Responden", "Sumber"])
        ringkasan.append(
            [
                _nilai(ringkasan, ""),
                _nilai(ringkasan, tujuan.indikator),
                _nilai(ringkasan, tujuan.nilai),
                _nilai(ringkasan, tujuan.mutu or ""),
                _nilai(ringkasan, tujuan.responden, BILANGAN),
                _nilai(ringkasan, tujuan.sumber_label),
            ]
        )
    ringkasan.append([])
    ringkasan.append([sel_aman(ringkasan, "Catatan", bold=True)])
    for teks in laporan.keterangan_iku1 + laporan.keterangan_iku2:
        ringkasan.append([_nilai(ringkasan, ""), _nilai(ringkasan, teks)])
    if laporan.tanda_tangan:
        ttd = laporan.tanda_tangan
        ringkasan.append([])
        for teks in _baris_ttd(ttd):
            ringkasan.append([_nilai(ringkasan, ""), _nilai(ringkasan, teks)])

    cetak_area(ringkasan, kolom=7)

    lampiran1 = workbook.create_sheet("Lampiran I Kegiatan")
    cetak_siapkan(lampiran1, lanskap=True, baris_judul="4:4")
    _lebar(lampiran1, [6, 12, 12, 40, 50, 26, 26, 36, 14, 36, 12, 50, 20])
    # Write-only sheets write their view first: freeze before the first row (2 title rows, a blank, header).
    lampiran1.freeze_panes = "A5"
    _judul(
        lampiran1,
        f"Lampiran I — Daftar kegiatan {periode.label}, Kecamatan {kecamatan.nama}",
        f"Tindak lanjut dinilai per {_tanggal(laporan.as_of)}",
    )
    _kepala(
        lampiran1,
        [
            "No.",
            "Tanggal",
            "Kategori",
            "Jenis kegiatan",
            "Uraian aktivitas",
            "Seksi",
            "Desa/kelurahan",
            "Keterangan",
            "Status",
            "Output",
            "Tanggal output",
            "Bukti pendukung",
            "Ditindaklanjuti",
        ],
    )
    for k in laporan.kegiatan:
        bukti = "\n".join(
            f"{b.jenis}{f' No. {b.nomor}' if b.nomor else ''}, {b.tanggal:%d/%m/%Y}"
            + (" (tanpa berkas)" if b.tanpa_berkas else "")
            for b in k.bukti
        )
        lampiran1.append(
            _baris(
                lampiran1,
                [
                    k.nomor,
                    k.tanggal,
                    k.kategori,
                    k.jenis,
                    k.uraian,
                    k.seksi,
                    k.desa,
                    k.keterangan,
                    k.status,
                    k.output,
                    k.tanggal_output or "",
                    bukti,
                    k.tindak_lanjut,
                ],
            )
        )

    cetak_area(lampiran1, kolom=13)

    lampiran2 = workbook.create_sheet("Lampiran II Dokumen Desa")
    cetak_siapkan(lampiran2, lanskap=True, baris_judul="4:4")
    kolom = laporan.matriks.kolom
    _lebar(lampiran2, [6, 16, 26] + [12, 22, 18] * len(kolom))
    # Write-only sheets write their view first: freeze before the first row (2 title rows, a blank, header).
    lampiran2.freeze_panes = "D5"
    _judul(
        lampiran2,
        f"Lampiran II — Dokumen administrasi pemerintahan desa, Kecamatan {kecamatan.nama}",
        f"Basis: {laporan.basis_label.lower()}; status per {_tanggal(laporan.as_of)}",
    )
    labels = ["No.", "Kode", "Desa"]
    for w in kolom:
        labels += [f"{w.label} tanggal", f"{w.label} nomor", f"{w.label} status (tenggat {_tanggal(w.tenggat)})"]
    _kepala(lampiran2, labels)
    for nomor, kode, nama, sel_list in laporan.matriks.baris:
        row = [_nilai(lampiran2, nomor), _nilai(lampiran2, kode), _nilai(lampiran2, nama)]
        for sel in sel_list:
            row += [
                _nilai(lampiran2, sel.tanggal) if sel.tanggal else _nilai(lampiran2, ""),
                _nilai(lampiran2, sel.nomor),
                _nilai(lampiran2, sel.status.label),
            ]
        lampiran2.append(row)
    if not iku2.berlaku:
        lampiran2.append([_nilai(lampiran2, "IKU 2 tidak berlaku: kecamatan ini tidak memiliki desa.")])
    cetak_area(lampiran2, kolom=3 + 3 * len(kolom))
    return _simpan(workbook)


# ---------------------------------------------------------------- Rekap Kabupaten


def rekap_kabupaten_xlsx(rekap: RekapKabupaten) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Rekap")
    cetak_siapkan(sheet, lanskap=True, baris_judul="4:4")
    _lebar(sheet, [6, 12, 24, 12, 12, 12, 12, 12, 12, 12, 12])
    # Write-only sheets write their view first: freeze before the first row (2 title rows, a blank, header).
    sheet.freeze_panes = "D5"
    _judul(
        sheet,
        f"Rekap Capaian IKU Kecamatan — {rekap.kabupaten.nama} — {rekap.periode.label}",
        f"Dihitung per {_tanggal(rekap.as_of)}; IKU 2 basis {rekap.basis_label.lower()}; dicetak pada "
        f"{date_format(timezone.localtime(rekap.dicetak_pada), 'j F Y H.i')} WIB",
    )
    _kepala(
        sheet,
        [
            "No.",
            "Kode",
            "Kecamatan",
            "IKU 1 pembilang",
            "IKU 1 penyebut",
            "IKU 1 (%)",
            "IKU 1 capaian (%)",
            "IKU 2 pembilang",
            "IKU 2 penyebut",
            "IKU 2 (%)",
            "IKU 2 capaian (%)",
        ],
    )
    for nomor, h in enumerate(rekap.hasil, start=1):
        sheet.append(
            [
                _nilai(sheet, nomor),
                _nilai(sheet, h.kecamatan.kode),
                _nilai(sheet, h.kecamatan.nama),
                _nilai(sheet, h.iku1.numerator, BILANGAN),
                _nilai(sheet, h.iku1.denominator, BILANGAN),
                _nilai(sheet, h.iku1.percent),
                _nilai(sheet, h.iku1.capaian),
                _nilai(sheet, h.iku2.numerator, BILANGAN),
                _nilai(sheet, h.iku2.denominator, BILANGAN),
                _nilai(sheet, h.iku2.percent) if h.iku2.berlaku else _nilai(sheet, "tidak berlaku"),
                _nilai(sheet, h.iku2.capaian),
            ]
        )
    sheet.append(
        [
            _nilai(sheet, ""),
            _nilai(sheet, ""),
            sel_aman(sheet, "Kabupaten", bold=True),
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
    cetak_area(sheet, kolom=11)
    return _simpan(workbook)


# ---------------------------------------------------------------- Dokumen IKU


def _rumus_teks(baris, *, penjelasan: bool) -> str:
    teks = f"({baris.rumus_pembilang}) / ({baris.rumus_penyebut}) × 100%"
    if penjelasan and baris.penjelasan:
        teks += f"\nPenjelasan: {baris.penjelasan}"
    return teks


def dokumen_iku_xlsx(data: DokumenIKUData) -> bytes:
    workbook = Workbook(write_only=True)
    dokumen, kecamatan = data.dokumen, data.kecamatan
    sheet = workbook.create_sheet("Dokumen IKU")
    # The header row of the indicator table: two title rows, a blank, five label rows, a blank.
    cetak_siapkan(sheet, lanskap=True, baris_judul="10:10")
    _lebar(sheet, [6, 30, 34, 60, 24, 24])
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
        sheet.append([_nilai(sheet, ""), sel_aman(sheet, label, bold=True), _nilai(sheet, teks)])
    sheet.append([])
    _kepala(
        sheet,
        ["No.", "Sasaran Strategis", "Indikator Kinerja Utama", "Rumus/Formula", "Sumber Data", "Penanggung Jawab"],
    )
    for b in data.baris:
        sheet.append(
            [
                _nilai(sheet, b.nomor),
                _nilai(sheet, b.sasaran_strategis),
                _nilai(sheet, b.nama_indikator),
                _nilai(sheet, _rumus_teks(b, penjelasan=data.penjelasan_di_rumus)),
                _nilai(sheet, b.sumber_data),
                _nilai(sheet, b.penanggung_jawab),
            ]
        )
    if data.tanda_tangan:
        ttd = data.tanda_tangan
        sheet.append([])
        for teks in _baris_ttd(ttd):
            sheet.append([_nilai(sheet, ""), _nilai(sheet, ""), _nilai(sheet, teks)])

    cetak_area(sheet, kolom=6)
    if not data.memuat_penjelasan:
        # As its paper original: no catalogue appendix (Lumajang's IKU Perubahan).
        return _simpan(workbook)

    katalog = workbook.create_sheet("Katalog")
    cetak_siapkan(katalog, lanskap=True, baris_judul="1:1")
    _lebar(katalog, [14, 6, 40, 6, 60, 50])
    katalog.freeze_panes = "A2"  # before the first row: write-only sheets write their view first
    _kepala(katalog, ["Kategori", "No.", "Jenis", "No.", "Uraian aktivitas", "Output aktivitas"])
    for kategori in data.katalog:
        for jenis in kategori.jenis:
            for uraian in jenis.uraian_cocok:
                katalog.append(
                    _baris(
                        katalog,
                        [kategori.nama, jenis.nomor, jenis.nama, uraian.nomor, uraian.teks, uraian.output_lengkap],
                    )
                )
    cetak_area(katalog, kolom=6)
    bukti = workbook.create_sheet("Bukti pendukung")
    cetak_siapkan(bukti, lanskap=False, baris_judul="1:1")
    _lebar(bukti, [6, 60])
    _kepala(bukti, ["No.", "Jenis bukti pendukung"])
    for nomor, nama in enumerate(data.jenis_bukti, start=1):
        bukti.append([_nilai(bukti, nomor), _nilai(bukti, nama)])
    cetak_area(bukti, kolom=2)
    return _simpan(workbook)
