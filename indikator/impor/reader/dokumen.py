"""The DokumenDesa sheet: one row per RKPDes, APBDes or LPPDes, checked with ``dokumen_desa_validate``."""

import datetime

from django.core.exceptions import ValidationError

from desa.tenggat import JenisDokumen
from desa.validation import dokumen_desa_validate
from indikator.impor.format import PEMISAH_DESA, kunci_teks
from indikator.impor.reader.hasil import DokumenImpor, KesalahanImpor
from indikator.impor.reader.rujukan import Rujukan
from indikator.impor.reader.sel import Baris, Lembar

MAKS_NOMOR_DOKUMEN = 100

DOKUMEN = {kunci_teks(value): value for value, _ in JenisDokumen.choices} | {
    kunci_teks(label): value for value, label in JenisDokumen.choices
}
KOLOM_PER_FIELD = {"desa": "Desa", "jenis": "Dokumen", "tahun_anggaran": "Tahun Anggaran", "tanggal": "Tanggal"}


def _desa(b: Baris, ref: Rujukan):
    text = b.teks("Desa", wajib=True)
    if not text:
        return None
    text = text.strip(PEMISAH_DESA + " ")
    if PEMISAH_DESA in text:
        b.galat("Desa", "Isi satu desa saja per baris.")
        return None
    desa, pesan = ref.cari_desa(text, kecamatan=None)
    if pesan:
        b.galat("Desa", pesan)
    return desa


def baris_dokumen(b: Baris, ref: Rujukan, hari_ini: datetime.date) -> DokumenImpor | None:
    desa = _desa(b, ref)
    jenis = b.pilihan("Dokumen", DOKUMEN, wajib=True, daftar="RKPDes, APBDes, LPPDes")
    tahun_anggaran = b.bilangan("Tahun Anggaran", wajib=True)
    nomor = b.teks("Nomor", maks=MAKS_NOMOR_DOKUMEN)
    tanggal = b.tanggal("Tanggal", wajib=True)
    fakta = {"desa": desa, "jenis": jenis, "tahun_anggaran": tahun_anggaran, "tanggal": tanggal}
    # An unreadable cell is already reported: its rules are skipped (None), not judged again.
    fakta = dict.fromkeys(fakta) | b.fakta({field: (KOLOM_PER_FIELD[field], nilai) for field, nilai in fakta.items()})
    try:
        dokumen_desa_validate(**fakta, today=hari_ini)
    except ValidationError as exc:
        b.galat_validasi(exc, KOLOM_PER_FIELD)
    if not b.ok:
        return None
    return DokumenImpor(
        baris=b.nomor, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, nomor=nomor, tanggal=tanggal
    )


def cek_dokumen_ganda(rows: list[DokumenImpor], kesalahan: list, lembar: Lembar) -> None:
    terlihat: dict[tuple, int] = {}
    for row in rows:
        kunci = (row.desa.pk, row.jenis, row.tahun_anggaran)
        if kunci in terlihat:
            kesalahan.append(
                KesalahanImpor(
                    lembar.nama,
                    row.baris,
                    None,
                    f"Baris ganda: {JenisDokumen(row.jenis).label} TA {row.tahun_anggaran} {row.desa} "
                    f"sudah ada di baris {terlihat[kunci]}; satu desa hanya punya satu dokumen per tahun anggaran.",
                )
            )
        else:
            terlihat[kunci] = row.baris


def baca_dokumen(lembar: Lembar, ref: Rujukan, isi, hari_ini: datetime.date) -> None:
    """Check every row of the sheet into ``isi`` (an ``IsiWorkbook``)."""
    for nomor, values in lembar.baris:
        row = baris_dokumen(Baris(lembar, nomor, values, isi.kesalahan, isi.peringatan), ref, hari_ini)
        if row is not None:
            isi.dokumen.append(row)
    isi.baris_dokumen = len(lembar.baris)
    cek_dokumen_ganda(isi.dokumen, isi.kesalahan, lembar)
