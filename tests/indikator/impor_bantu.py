"""Helpers of the import tests: workbooks built cell by cell, as a kecamatan's own spreadsheet would be."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from indikator.impor.format import KOLOM_DOKUMEN, KOLOM_KEGIATAN

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JUDUL_KEGIATAN = [k.nama for k in KOLOM_KEGIATAN]
JUDUL_DOKUMEN = [k.nama for k in KOLOM_DOKUMEN]


def kegiatan(**nilai) -> dict:
    """A valid Senduro row unless told otherwise."""
    row = {
        "Kecamatan": "35.08.12",
        "Tanggal": datetime.date(2024, 3, 1),
        "Kategori": "Fasilitasi",
        "No Jenis": 1,
        "No Uraian": 1,
        "Keterangan": "Rapat fasilitasi",
    }
    row.update(nilai)
    return row


def dokumen(**nilai) -> dict:
    row = {"Desa": "35.08.12.2001", "Dokumen": "RKPDes", "Tahun Anggaran": 2025, "Nomor": "4", "Tanggal": "2024-09-30"}
    row.update(nilai)
    return row


def buku(kegiatan_rows=(), dokumen_rows=(), *, judul_kegiatan=None, judul_dokumen=None, sheets=None) -> bytes:
    """An .xlsx with the given rows under the given headers (the template's by default)."""
    wb = Workbook()
    wb.remove(wb.active)
    sheets = sheets or ("Kegiatan", "DokumenDesa")
    isi = {
        "Kegiatan": (judul_kegiatan or JUDUL_KEGIATAN, kegiatan_rows),
        "DokumenDesa": (judul_dokumen or JUDUL_DOKUMEN, dokumen_rows),
    }
    for nama in sheets:
        judul, rows = isi[nama]
        ws = wb.create_sheet(nama)
        ws.append(judul)
        for row in rows:
            ws.append([row.get(j) for j in judul])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def unggah(content: bytes, name: str = "impor.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def lokasi(hasil) -> list[tuple]:
    return [(k.sheet, k.baris, k.kolom) for k in hasil.kesalahan]


def baris_banyak(n: int, *, kecamatan: str = "35.08.12", desa=("Kandangan", "Argosari", "35.08.12.2001")) -> list[dict]:
    """``n`` distinct, valid kegiatan rows over 2024 across the whole catalogue; half followed up with a bukti."""
    from kecamatan.models import UraianAktivitas

    nomor = [
        (u.jenis.get_kategori_display(), u.jenis.nomor, u.nomor)
        for u in UraianAktivitas.objects.select_related("jenis").order_by("jenis__kategori", "jenis__nomor", "nomor")
    ]
    rows = []
    for i in range(n):
        kategori, no_jenis, no_uraian = nomor[i % len(nomor)]
        tanggal = datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 360)
        row = {
            "Kecamatan": kecamatan,
            "Tanggal": tanggal,
            "Kategori": kategori,
            "No Jenis": no_jenis,
            "No Uraian": no_uraian,
            "Desa": "; ".join(desa[: 1 + i % len(desa)]),
            "Keterangan": f"Kegiatan nomor {i}",
        }
        if i % 2:
            row |= {
                "Output": "Berita acara",
                "Tanggal Output": tanggal + datetime.timedelta(days=3),
                "Jenis Bukti": "Berita Acara",
                "Nomor Bukti": f"BA/{i}/2024",
            }
        rows.append(row)
    return rows
