"""The Kegiatan sheet: one row per kegiatan (or per bukti of it), checked with ``kegiatan_validate``."""

import datetime

from django.core.exceptions import ValidationError

from indikator.impor.format import NOMOR_KOSONG, PEMISAH_DESA, kunci_teks
from indikator.impor.reader.hasil import BuktiImpor, KegiatanImpor, KesalahanImpor
from indikator.impor.reader.rujukan import Rujukan
from indikator.impor.reader.sel import Baris, Lembar, tampil
from kecamatan.models import Kategori, Kegiatan
from kecamatan.validation import kegiatan_validate
from wilayah.models import Kecamatan

MAKS_NOMOR_BUKTI = 150

KATEGORI = {kunci_teks(label): value for value, label in Kategori.choices} | {
    kunci_teks(value): value for value, _ in Kategori.choices
}
STATUS = {kunci_teks(value): value for value, _ in Kegiatan.Status.choices} | {
    kunci_teks(label): value for value, label in Kegiatan.Status.choices
}
# Where each field of the shared validation is reported on this sheet.
KOLOM_PER_FIELD = {
    "uraian": "No Uraian",
    "tanggal": "Tanggal",
    "status": "Status",
    "seksi": "Seksi",
    "desa": "Desa",
    "output": "Output",
    "tanggal_output": "Tanggal Output",
}


class PilihanBukti(dict):
    """Jenis bukti by name or code, or by the start of its name when only one fits.

    The Berita Acara's full name is a sentence; people write "Berita Acara".
    """

    def get(self, key, default=None):
        found = super().get(key)
        if found is not None:
            return found
        calon = {jb for nama, jb in self.items() if len(key) >= 5 and nama.startswith(key)}
        return calon.pop() if len(calon) == 1 else default


def _rentang(nomor: list[int]) -> str:
    if not nomor:
        return "tidak ada"
    return f"{nomor[0]}–{nomor[-1]}" if len(nomor) > 1 else str(nomor[0])


def _kecamatan(b: Baris, ref: Rujukan) -> Kecamatan | None:
    text = b.teks("Kecamatan", wajib=True)
    if not text:
        return None
    kecamatan, pesan = ref.cari_kecamatan(text)
    if pesan:
        b.galat("Kecamatan", pesan)
    return kecamatan


def _uraian(b: Baris, ref: Rujukan, kategori, no_jenis, no_uraian):
    """The catalogue entry the three numbers name; a retired one is kept, with a warning."""
    if not kategori or no_jenis is None:
        return None
    jenis = ref.jenis.get((kategori, no_jenis))
    label = Kategori(kategori).label
    if jenis is None:
        nomor = sorted(n for k, n in ref.jenis if k == kategori)
        b.galat("No Jenis", f"Jenis nomor {no_jenis} tidak ada dalam kategori {label} (nomor {_rentang(nomor)}).")
        return None
    if no_uraian is None:
        return None
    uraian = ref.uraian.get((kategori, no_jenis, no_uraian))
    if uraian is None:
        nomor = sorted(n for k, j, n in ref.uraian if (k, j) == (kategori, no_jenis))
        b.galat(
            "No Uraian",
            f"Uraian nomor {no_uraian} tidak ada dalam jenis {label} {no_jenis} (nomor {_rentang(nomor)}).",
        )
    elif not (uraian.aktif and jenis.aktif):
        # Accepted on purpose: a migration brings past kegiatan logged under entries retired
        # since; the kegiatan keeps the catalogue text as it stands (snapshot_katalog).
        pesan = f"Uraian {label} {no_jenis}.{no_uraian} sudah dipensiunkan; tetap diimpor sebagai riwayat."
        b.ingat("No Uraian", pesan)
    return uraian


def _desa(b: Baris, ref: Rujukan, kecamatan: Kecamatan | None) -> list:
    desa = []
    text = b.teks("Desa")
    if not text or kecamatan is None:
        return desa
    for token in (t.strip() for t in text.split(PEMISAH_DESA)):
        if not token:
            continue
        found, pesan = ref.cari_desa(token, kecamatan=kecamatan)
        if pesan:
            b.galat("Desa", pesan)
        elif found not in desa:
            desa.append(found)
    return desa


def _seksi(b: Baris, ref: Rujukan, kecamatan: Kecamatan | None):
    text = b.teks("Seksi")
    if not text or kecamatan is None:
        return None
    seksi = ref.seksi.get((kecamatan.pk, kunci_teks(text)))
    if seksi is None:
        b.galat(
            "Seksi",
            f"Seksi \u201c{tampil(text)}\u201d tidak terdaftar di Kecamatan {kecamatan.nama}; "
            "tambahkan lewat Administrasi atau kosongkan.",
        )
    return seksi


def _bukti(b: Baris, ref: Rujukan, tanggal_bawaan: datetime.date | None) -> BuktiImpor | None:
    jenis = b.pilihan("Jenis Bukti", PilihanBukti(ref.jenis_bukti), daftar="; ".join(ref.nama_jenis_bukti))
    nomor = b.teks("Nomor Bukti", maks=MAKS_NOMOR_BUKTI)
    tanggal = b.tanggal("Tanggal Bukti")
    if jenis is None:
        if b.kosong("Jenis Bukti") and (nomor or tanggal):
            b.galat("Jenis Bukti", "Nomor/Tanggal Bukti diisi tanpa Jenis Bukti.")
        return None
    if not nomor:
        b.galat("Nomor Bukti", "Nomor Bukti wajib diisi bila Jenis Bukti diisi.")
    if not jenis.aktif:
        b.ingat("Jenis Bukti", f"Jenis bukti \u201c{jenis.nama}\u201d tidak aktif; tetap diimpor sebagai riwayat.")
    return BuktiImpor(
        baris=b.nomor,
        jenis=jenis,
        nomor="" if kunci_teks(nomor) == NOMOR_KOSONG else nomor,
        tanggal=tanggal or tanggal_bawaan,
    )


def baris_kegiatan(b: Baris, ref: Rujukan, hari_ini: datetime.date) -> KegiatanImpor | None:
    kecamatan = _kecamatan(b, ref)
    tanggal = b.tanggal("Tanggal", wajib=True)
    kategori = b.pilihan("Kategori", KATEGORI, wajib=True, daftar="Fasilitasi, Koordinasi, Rekomendasi")
    no_jenis = b.bilangan("No Jenis", wajib=True)
    no_uraian = b.bilangan("No Uraian", wajib=True)
    uraian = _uraian(b, ref, kategori, no_jenis, no_uraian)
    desa = _desa(b, ref, kecamatan)
    seksi = _seksi(b, ref, kecamatan)
    keterangan = b.teks("Keterangan")
    status = b.pilihan(
        "Status", STATUS, bawaan=Kegiatan.Status.DILAKSANAKAN, daftar="dilaksanakan, rencana, dibatalkan"
    )
    output = b.teks("Output")
    tanggal_output = b.tanggal("Tanggal Output")
    fakta = {"tanggal": tanggal, "status": status, "output": output, "tanggal_output": tanggal_output}
    fakta = b.fakta({field: (KOLOM_PER_FIELD[field], value) for field, value in fakta.items()})
    try:
        # Desa and seksi were looked up inside the row's kecamatan; the past may keep retired entries.
        fakta |= {"desa": desa, "seksi": seksi}
        kegiatan_validate(kecamatan=kecamatan, data=fakta, today=hari_ini, riwayat=True)
    except ValidationError as exc:
        b.galat_validasi(exc, KOLOM_PER_FIELD)
    bukti = _bukti(b, ref, tanggal_output or tanggal)
    if not b.ok:
        return None
    kegiatan = KegiatanImpor(
        baris=b.nomor,
        kecamatan=kecamatan,
        uraian=uraian,
        tanggal=tanggal,
        seksi=seksi,
        desa=tuple(desa),
        keterangan=keterangan,
        status=status,
        output=output,
        tanggal_output=tanggal_output,
    )
    if bukti is not None:
        kegiatan.bukti.append(bukti)
    return kegiatan


def gabung_kegiatan(rows: list[KegiatanImpor], kesalahan: list, lembar: Lembar) -> list[KegiatanImpor]:
    """Rows differing only in their bukti are one kegiatan with several bukti; identical rows are an error."""
    per_kunci: dict[tuple, KegiatanImpor] = {}
    terlihat: dict[tuple, int] = {}
    for row in rows:
        bukti = row.bukti[0] if row.bukti else None
        kunci_baris = (row.kunci, bukti.kunci if bukti else None)
        if kunci_baris in terlihat:
            sama = "kegiatan dan bukti" if bukti else "kegiatan"
            kesalahan.append(
                KesalahanImpor(
                    lembar.nama,
                    row.baris,
                    None,
                    f"Baris ganda: {sama} sama dengan baris {terlihat[kunci_baris]}. "
                    "Hapus salah satu; bila memang dua kegiatan berbeda, bedakan Keterangannya.",
                )
            )
            continue
        terlihat[kunci_baris] = row.baris
        ada = per_kunci.get(row.kunci)
        if ada is None:
            per_kunci[row.kunci] = row
        elif bukti is not None:
            ada.bukti.append(bukti)
    return list(per_kunci.values())


def baca_kegiatan(lembar: Lembar, ref: Rujukan, isi, hari_ini: datetime.date) -> None:
    """Check every row of the sheet into ``isi`` (an ``IsiWorkbook``)."""
    rows = []
    for nomor, values in lembar.baris:
        row = baris_kegiatan(Baris(lembar, nomor, values, isi.kesalahan, isi.peringatan), ref, hari_ini)
        if row is not None:
            rows.append(row)
    isi.baris_kegiatan = len(lembar.baris)
    isi.kegiatan = gabung_kegiatan(rows, isi.kesalahan, lembar)
