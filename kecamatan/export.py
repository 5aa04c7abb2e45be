"""The kegiatan list as an XLSX workbook (streamed), safe to open in a spreadsheet."""

import datetime

from django.utils.formats import date_format

from iku_project.spreadsheet import (
    Kolom,
    cetak_area,
    cetak_siapkan,
    kolom_kepala,
    kolom_lebar,
    sel,
    simpan,
    tabel_tulis,
    workbook,
)

KOLOM = [
    Kolom("No.", "nomor_baris", 6),
    Kolom("Kecamatan", "kecamatan.nama", 16),
    Kolom("Tanggal", "tanggal", 12),
    Kolom("Kategori", "get_kategori_display", 12),
    Kolom("Jenis kegiatan", lambda k: f"{k.jenis_nomor}. {k.jenis_nama}", 40),
    Kolom("Uraian aktivitas", lambda k: f"{k.nomor_katalog} {k.uraian_teks}", 50),
    Kolom("Seksi", lambda k: k.seksi.nama if k.seksi else "", 28),
    Kolom("Desa/kelurahan", lambda k: ", ".join(str(desa) for desa in k.desa.all()), 30),
    Kolom("Keterangan", "keterangan", 40),
    Kolom("Status", "get_status_display", 14),
    Kolom("Output", "output", 40),
    Kolom("Tanggal output", "tanggal_output", 14),
    Kolom("Jumlah bukti", "jumlah_bukti", 10),
    Kolom("Ditindaklanjuti", lambda k: "Ya" if k.ditindaklanjuti else "Tidak", 14),
]


def _bernomor(kegiatan):
    for nomor, item in enumerate(kegiatan.iterator(chunk_size=500), start=1):
        item.nomor_baris = nomor
        yield item


def kegiatan_xlsx(kegiatan, *, judul: str, as_of: datetime.date) -> bytes:
    """``kegiatan`` is a queryset from ``selectors.kegiatan_list`` (annotated, desa prefetched)."""
    wb = workbook()
    sheet = wb.create_sheet("Kegiatan")
    cetak_siapkan(sheet, lanskap=True, baris_judul="3:3")
    kolom_lebar(sheet, KOLOM)
    sheet.append([sel(sheet, judul, bold=True)])
    sheet.append([sel(sheet, f"Tindak lanjut dinilai per {date_format(as_of, 'j F Y')}")])
    sheet.append(kolom_kepala(sheet, KOLOM))
    tabel_tulis(sheet, KOLOM, _bernomor(kegiatan))
    cetak_area(sheet, kolom=len(KOLOM))
    return simpan(wb)
