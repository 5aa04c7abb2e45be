"""Reading and checking an import workbook: every error collected, nothing written.

The reader turns the two sheets into dataclasses ready to save, or a list of
``KesalahanImpor`` — sheet, row as Excel shows it, column, message in Bahasa
Indonesia — covering the whole file, so a kecamatan fixes everything in one go.

Security: openpyxl parses the XML parts with defusedxml when it is importable
(it is a pinned requirement); a workbook declaring XML entities (billion
laughs, external entities) is refused as a whole. The upload's bytes are
checked before (``kecamatan.berkas.validate_upload``: real XLSX, no macros,
no zip bomb), and each sheet is capped at ``MAKS_BARIS`` rows.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

import defusedxml
import openpyxl
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.db.models.functions import Lower

from desa.models import pesan_kelurahan
from desa.tenggat import JenisDokumen
from iku_project.spreadsheet import AWALAN_RUMUS
from indikator.impor.format import (
    KOLOM_PER_SHEET,
    NOMOR_KOSONG,
    PEMISAH_DESA,
    SHEET_DOKUMEN,
    SHEET_KEGIATAN,
    kunci_judul,
    kunci_teks,
)
from kecamatan.models import JenisBukti, JenisKegiatan, Kategori, Kegiatan, Seksi, UraianAktivitas
from wilayah.models import Desa, Kecamatan

# The refusal of XML entities depends on openpyxl parsing with defusedxml, not lxml (see the settings).
if openpyxl.xml.LXML or not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured("openpyxl must parse with defusedxml: set OPENPYXL_LXML=False before importing it.")

# A kecamatan logs a few thousand kegiatan a year (docs/DESIGN.md §5); anything far beyond is not a migration file.
MAKS_BARIS = 20_000
# Rows read at all, blank ones included.
MAKS_BARIS_DIBACA = 5 * MAKS_BARIS
TAHUN_MIN = 2000
MAKS_NOMOR_BUKTI = 150
MAKS_NOMOR_DOKUMEN = 100
TAHUN_ANGGARAN_MIN, TAHUN_ANGGARAN_MAX = 2015, 2100

RE_KODE_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
RE_KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
RE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
RE_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class KesalahanImpor:
    """One problem, located as Excel shows it: sheet, row number and column header (and letter)."""

    sheet: str | None
    baris: int | None
    kolom: str | None
    pesan: str
    huruf: str = ""

    @property
    def lokasi(self) -> str:
        bagian = [f"lembar {self.sheet}" if self.sheet else "berkas"]
        if self.baris:
            bagian.append(f"baris {self.baris}")
        if self.kolom:
            bagian.append(f"kolom {self.kolom}" + (f" ({self.huruf})" if self.huruf else ""))
        return ", ".join(bagian)

    def __str__(self):
        return f"{self.lokasi}: {self.pesan}"


@dataclass
class BuktiImpor:
    baris: int
    jenis: JenisBukti
    nomor: str
    tanggal: datetime.date

    @property
    def kunci(self) -> tuple:
        return (self.jenis.pk, kunci_teks(self.nomor))


@dataclass
class KegiatanImpor:
    """One kegiatan, from one row or from several rows that differ only in their bukti."""

    baris: int
    kecamatan: Kecamatan
    uraian: UraianAktivitas
    tanggal: datetime.date
    seksi: Seksi | None
    desa: tuple[Desa, ...]
    keterangan: str
    status: str
    output: str
    tanggal_output: datetime.date | None
    bukti: list[BuktiImpor] = field(default_factory=list)

    @property
    def kunci(self) -> tuple:
        return kunci_kegiatan(
            kecamatan_id=self.kecamatan.pk,
            tanggal=self.tanggal,
            uraian_id=self.uraian.pk,
            keterangan=self.keterangan,
            status=self.status,
            desa_ids=[d.pk for d in self.desa],
            output=self.output,
            tanggal_output=self.tanggal_output,
            seksi_id=self.seksi.pk if self.seksi else None,
        )


def kunci_kegiatan(
    *, kecamatan_id, tanggal, uraian_id, keterangan, status, desa_ids, output, tanggal_output, seksi_id
) -> tuple:
    """What makes two kegiatan "the same" for a re-import: every fact the workbook carries."""
    return (
        kecamatan_id,
        tanggal,
        uraian_id,
        (keterangan or "").strip(),
        status,
        frozenset(desa_ids),
        (output or "").strip(),
        tanggal_output,
        seksi_id,
    )


@dataclass
class DokumenImpor:
    baris: int
    desa: Desa
    jenis: str
    tahun_anggaran: int
    nomor: str
    tanggal: datetime.date


@dataclass
class IsiWorkbook:
    kegiatan: list[KegiatanImpor] = field(default_factory=list)
    dokumen: list[DokumenImpor] = field(default_factory=list)
    kesalahan: list[KesalahanImpor] = field(default_factory=list)
    peringatan: list[KesalahanImpor] = field(default_factory=list)
    baris_kegiatan: int = 0
    baris_dokumen: int = 0


# --- Reading the sheets --------------------------------------------------------------------------


@dataclass
class _Lembar:
    nama: str
    # canonical column name -> (0-based index, letter as Excel shows it)
    kolom: dict[str, tuple[int, str]]
    baris: list[tuple[int, list]]  # (row number, [(value, is_formula), ...])


def _nilai_sel(cell):
    return cell.value, cell.data_type == "f"


def _baca_lembar(ws, nama: str, kesalahan: list) -> _Lembar | None:
    definisi = KOLOM_PER_SHEET[nama]
    dikenal = {kunci_judul(k.nama): k.nama for k in definisi}
    ws.reset_dimensions()  # do not trust the file's declared size
    header = next(ws.iter_rows(max_row=1), ())
    kolom: dict[str, tuple[int, str]] = {}
    ok = True
    for cell in header:
        if getattr(cell, "column", None) is None or cell.value in (None, ""):
            continue
        nama_kolom = dikenal.get(kunci_judul(cell.value))
        huruf = cell.column_letter
        if nama_kolom is None:
            kesalahan.append(
                KesalahanImpor(
                    nama,
                    1,
                    str(cell.value),
                    f"Judul kolom \u201c{cell.value}\u201d tidak dikenal. Kolom yang dikenal: "
                    + ", ".join(k.nama for k in definisi)
                    + ".",
                    huruf,
                )
            )
            ok = False
        elif nama_kolom in kolom:
            kesalahan.append(
                KesalahanImpor(
                    nama, 1, nama_kolom, f"Kolom {nama_kolom} muncul dua kali (juga di {kolom[nama_kolom][1]}).", huruf
                )
            )
            ok = False
        else:
            kolom[nama_kolom] = (cell.column - 1, huruf)
    for item in definisi:
        if item.wajib and item.nama not in kolom:
            kesalahan.append(KesalahanImpor(nama, 1, item.nama, f"Kolom wajib {item.nama} tidak ada di baris judul."))
            ok = False
    if not ok:
        return None
    isi = []
    # Only up to the last known column: read-only openpyxl pads every row out to the sheet's widest
    # cell, so one styled cell in column XFD would cost 16,384 cells a row. Blank rows count toward
    # their own cap, or a small file of a million empty rows would hold a worker for minutes.
    batas_kolom = max(indeks for indeks, _ in kolom.values()) + 1
    for nomor_dibaca, row in enumerate(ws.iter_rows(min_row=2, max_col=batas_kolom), start=2):
        if nomor_dibaca > MAKS_BARIS_DIBACA:
            kesalahan.append(
                KesalahanImpor(
                    nama, nomor_dibaca, None, f"Lembar terlalu panjang: paling banyak {MAKS_BARIS_DIBACA} baris."
                )
            )
            return None
        cells = [c for c in row if getattr(c, "row", None) is not None]
        if not any(c.value not in (None, "") for c in cells):
            continue
        nomor_baris = cells[0].row
        if len(isi) >= MAKS_BARIS:
            kesalahan.append(
                KesalahanImpor(nama, nomor_baris, None, f"Terlalu banyak baris: paling banyak {MAKS_BARIS} per lembar.")
            )
            return None
        values = {c.column - 1: _nilai_sel(c) for c in cells}
        isi.append((nomor_baris, values))
    return _Lembar(nama=nama, kolom=kolom, baris=isi)


def baca_lembar(file) -> tuple[dict[str, _Lembar], list[KesalahanImpor]]:
    """Open the workbook and read the known sheets into memory; errors about the file as a whole."""
    kesalahan: list[KesalahanImpor] = []
    file.seek(0)
    try:
        # data_only=False: a formula is reported, never its possibly stale cached value.
        wb = openpyxl.load_workbook(file, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        if _dari_defusedxml(exc):
            return {}, [_kesalahan_xml()]
        return {}, [KesalahanImpor(None, None, None, "Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx).")]
    lembar: dict[str, _Lembar] = {}
    try:
        per_kunci = {kunci_judul(name): name for name in wb.sheetnames}
        for nama in (SHEET_KEGIATAN, SHEET_DOKUMEN):
            asli = per_kunci.get(kunci_judul(nama))
            if asli is None:
                continue
            hasil = _baca_lembar(wb[asli], nama, kesalahan)
            if hasil is not None:
                lembar[nama] = hasil
    except Exception as exc:
        if _dari_defusedxml(exc):
            return {}, [_kesalahan_xml()]
        return {}, [KesalahanImpor(None, None, None, "Isi buku kerja rusak atau tidak dapat dibaca.")]
    finally:
        wb.close()
    if not lembar and not kesalahan:
        kesalahan.append(
            KesalahanImpor(
                None, None, None, f"Tidak ada lembar {SHEET_KEGIATAN} atau {SHEET_DOKUMEN}: gunakan templat impor."
            )
        )
    return lembar, kesalahan


def _dari_defusedxml(exc: BaseException | None) -> bool:
    """openpyxl re-raises parse errors as ValueError; defusedxml's refusal is somewhere in the chain."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, defusedxml.DefusedXmlException):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _kesalahan_xml() -> KesalahanImpor:
    return KesalahanImpor(
        None,
        None,
        None,
        "Berkas ditolak: berisi deklarasi entitas XML (DTD) yang tidak diizinkan. "
        "Simpan ulang berkas dari Excel atau LibreOffice.",
    )


# --- Cell values ---------------------------------------------------------------------------------


class _NilaiSalah(Exception):
    pass


def _teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise _NilaiSalah("berisi nilai benar/salah, bukan teks")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise _NilaiSalah("berisi tanggal, bukan teks")
    text = str(value).strip()
    # The other exports of this application defuse formulas with a leading apostrophe; an
    # apostrophe before a formula character is never meant as data.
    if len(text) > 1 and text[0] == "'" and text[1] in AWALAN_RUMUS:
        text = text[1:]
    return text


def _tanggal(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if value.year < TAHUN_MIN:
            raise _NilaiSalah(f"tahun {value.year} tidak wajar")
        return value
    if isinstance(value, bool | int | float):
        raise _NilaiSalah("berisi angka, bukan tanggal: format selnya sebagai tanggal, atau tulis YYYY-MM-DD")
    if not isinstance(value, str):
        raise _NilaiSalah("bukan tanggal")
    text = value.strip()
    iso, dmy = RE_ISO.match(text), RE_DMY.match(text)
    if iso:
        tahun, bulan, hari = (int(x) for x in iso.groups())
    elif dmy:
        hari, bulan, tahun = (int(x) for x in dmy.groups())
    else:
        raise _NilaiSalah(f"\u201c{text}\u201d bukan tanggal: gunakan tanggal Excel, YYYY-MM-DD atau DD/MM/YYYY")
    try:
        tanggal = datetime.date(tahun, bulan, hari)
    except ValueError:
        raise _NilaiSalah(f"\u201c{text}\u201d tidak ada di kalender") from None
    if tanggal.year < TAHUN_MIN:
        raise _NilaiSalah(f"tahun {tanggal.year} tidak wajar")
    return tanggal


def _bilangan(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise _NilaiSalah("bukan bilangan bulat")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise _NilaiSalah(f"\u201c{value}\u201d bukan bilangan bulat")


def _tampil(nilai) -> str:
    """A value quoted back to the user in a message."""
    text = str(nilai)
    return text if len(text) <= 60 else text[:57] + "…"


class _Baris:
    """One data row: typed access to its cells, each problem recorded against its column."""

    def __init__(self, lembar: _Lembar, nomor: int, values: dict, kesalahan: list, peringatan: list):
        self.lembar, self.nomor, self.values = lembar, nomor, values
        self.kesalahan, self.peringatan = kesalahan, peringatan
        self.ok = True

    def _mentah(self, kolom: str):
        posisi = self.lembar.kolom.get(kolom)
        if posisi is None:
            return None
        value, formula = self.values.get(posisi[0], (None, False))
        if formula:
            self.galat(kolom, "Sel berisi rumus; isi dengan nilainya (Tempel Spesial → Nilai).")
            raise _NilaiSalah
        return value

    def kosong(self, kolom: str) -> bool:
        posisi = self.lembar.kolom.get(kolom)
        return posisi is None or self.values.get(posisi[0], (None, False))[0] in (None, "")

    def galat(self, kolom: str | None, pesan: str) -> None:
        self.ok = False
        huruf = self.lembar.kolom[kolom][1] if kolom in self.lembar.kolom else ""
        self.kesalahan.append(KesalahanImpor(self.lembar.nama, self.nomor, kolom, pesan, huruf))

    def ingat(self, kolom: str, pesan: str) -> None:
        huruf = self.lembar.kolom[kolom][1] if kolom in self.lembar.kolom else ""
        self.peringatan.append(KesalahanImpor(self.lembar.nama, self.nomor, kolom, pesan, huruf))

    def _ambil(self, kolom: str, ubah, wajib: bool):
        try:
            value = ubah(self._mentah(kolom))
        except _NilaiSalah as exc:
            if exc.args:
                self.galat(kolom, f"{kolom}: {exc.args[0]}.")
            return None
        if wajib and value in (None, ""):
            self.galat(kolom, f"{kolom} wajib diisi.")
            return None
        return value

    def teks(self, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str:
        value = self._ambil(kolom, _teks, wajib) or ""
        if maks is not None and len(value) > maks:
            self.galat(kolom, f"{kolom} terlalu panjang: paling banyak {maks} karakter.")
        return value

    def tanggal(self, kolom: str, *, wajib: bool = False) -> datetime.date | None:
        return self._ambil(kolom, _tanggal, wajib)

    def bilangan(self, kolom: str, *, wajib: bool = False) -> int | None:
        return self._ambil(kolom, _bilangan, wajib)

    def pilihan(self, kolom: str, pilihan: dict, *, wajib: bool = False, bawaan=None, daftar: str = ""):
        text = self.teks(kolom, wajib=wajib)
        if not text:
            return bawaan
        value = pilihan.get(kunci_teks(text))
        if value is None:
            self.galat(kolom, f"{kolom} \u201c{_tampil(text)}\u201d tidak dikenal; pilih salah satu: {daftar}.")
        return value


# --- Looking things up ---------------------------------------------------------------------------


def _nama_polos(text: str) -> tuple[str, str | None]:
    """ "Desa Kandangan" -> ("kandangan", "desa"); names may carry their kind, as the application shows them."""
    key = kunci_teks(text)
    for jenis in (Desa.Jenis.DESA, Desa.Jenis.KELURAHAN):
        prefix = jenis.value + " "
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], jenis.value
    return key, None


class _Rujukan:
    """Everything the rows refer to, loaded in a few queries before the rows are checked."""

    def __init__(self, *, kecamatan_scope, lembar: dict[str, _Lembar]):
        # A subquery rather than a list of ids: the system's scope may be every kecamatan of the country.
        self.scope_ids = kecamatan_scope.values("pk")
        self.kecamatan = list(kecamatan_scope.select_related("kabupaten"))
        self.kecamatan_by_kode = {k.kode: k for k in self.kecamatan}
        self.kecamatan_by_nama = defaultdict(list)
        for k in self.kecamatan:
            self.kecamatan_by_nama[kunci_teks(k.nama)].append(k)

        uraian = UraianAktivitas.objects.select_related("jenis")
        self.uraian = {(u.jenis.kategori, u.jenis.nomor, u.nomor): u for u in uraian}
        self.jenis = {(j.kategori, j.nomor): j for j in JenisKegiatan.objects.all()}
        self.jenis_bukti = {}
        for jb in JenisBukti.objects.all():
            self.jenis_bukti[kunci_teks(jb.nama)] = jb
            self.jenis_bukti[kunci_teks(jb.kode)] = jb
        self.nama_jenis_bukti = [jb.nama for jb in JenisBukti.objects.aktif()]

        self.seksi = {
            (s.kecamatan_id, kunci_teks(s.nama)): s for s in Seksi.objects.filter(kecamatan_id__in=self.scope_ids)
        }
        self._muat_desa(lembar)

    def _muat_desa(self, lembar: dict[str, _Lembar]) -> None:
        kode, nama = set(), set()
        for item in lembar.values():
            posisi = item.kolom.get("Desa")
            if posisi is None:
                continue
            for _, values in item.baris:
                value = values.get(posisi[0], (None, False))[0]
                if not isinstance(value, str):
                    continue
                for token in value.split(PEMISAH_DESA):
                    token = token.strip()
                    if RE_KODE_DESA.match(token):
                        kode.add(token)
                    elif token:
                        polos, _ = _nama_polos(token)
                        nama.update({kunci_teks(token), polos})
        found = []
        if kode or nama:
            # Names compare in lower case here and with casefold in Python: the same for the region names.
            found = list(
                Desa.objects.alias(nama_kecil=Lower("nama"))
                .filter(Q(kode__in=kode) | Q(nama_kecil__in=nama), kecamatan_id__in=self.scope_ids)
                .select_related("kecamatan")
            )
        self.desa_by_kode = {d.kode: d for d in found}
        self.desa_by_nama = defaultdict(list)
        for d in found:
            self.desa_by_nama[kunci_teks(d.nama)].append(d)

    def cari_kecamatan(self, text: str) -> tuple[Kecamatan | None, str | None]:
        if RE_KODE_KECAMATAN.match(text):
            found = self.kecamatan_by_kode.get(text)
            return (
                (found, None)
                if found
                else (None, f"Kecamatan dengan kode {text} tidak dikenal atau di luar lingkup akun Anda.")
            )
        key = kunci_teks(text)
        if key.startswith("kecamatan "):
            key = key[len("kecamatan ") :]
        found = self.kecamatan_by_nama.get(key, [])
        if len(found) == 1:
            return found[0], None
        if not found:
            return None, f"Kecamatan \u201c{_tampil(text)}\u201d tidak dikenal atau di luar lingkup akun Anda."
        pilihan = ", ".join(f"{k.kode} ({k.kabupaten.nama})" for k in found)
        return None, f"Nama kecamatan \u201c{_tampil(text)}\u201d tidak unik ({pilihan}): tulis kodenya."

    def cari_desa(self, token: str, *, kecamatan: Kecamatan | None) -> tuple[Desa | None, str | None]:
        """By code or name; with ``kecamatan`` the desa must lie in it (the Kegiatan sheet)."""
        di = f" di Kecamatan {kecamatan.nama}" if kecamatan else " dalam lingkup akun Anda"
        if RE_KODE_DESA.match(token):
            found = self.desa_by_kode.get(token)
            if found is None:
                return None, f"Desa/kelurahan dengan kode {token} tidak ditemukan{di}."
            if kecamatan is not None and found.kecamatan_id != kecamatan.pk:
                di_sana = found.kecamatan.nama
                return None, f"{found} ({token}) berada di Kecamatan {di_sana}, bukan di Kecamatan {kecamatan.nama}."
            return found, None
        polos, jenis = _nama_polos(token)
        calon = list(self.desa_by_nama.get(kunci_teks(token), []))
        if jenis is not None:
            calon += [d for d in self.desa_by_nama.get(polos, []) if d.jenis == jenis and d not in calon]
        if kecamatan is not None:
            calon = [d for d in calon if d.kecamatan_id == kecamatan.pk]
        if len(calon) == 1:
            return calon[0], None
        if not calon:
            return None, f"Desa/kelurahan \u201c{_tampil(token)}\u201d tidak ditemukan{di}."
        pilihan = ", ".join(
            f"{d.kode} {d}" + ("" if kecamatan else f" (Kec. {d.kecamatan.nama})")
            for d in sorted(calon, key=lambda d: d.kode)
        )
        return None, f"Nama desa/kelurahan \u201c{_tampil(token)}\u201d tidak unik{di} ({pilihan}): tulis kodenya."


# --- Checking the rows ---------------------------------------------------------------------------

KATEGORI = {kunci_teks(label): value for value, label in Kategori.choices} | {
    kunci_teks(value): value for value, _ in Kategori.choices
}
STATUS = {kunci_teks(value): value for value, _ in Kegiatan.Status.choices} | {
    kunci_teks(label): value for value, label in Kegiatan.Status.choices
}
DOKUMEN = {kunci_teks(value): value for value, _ in JenisDokumen.choices} | {
    kunci_teks(label): value for value, label in JenisDokumen.choices
}


def _baris_kegiatan(b: _Baris, ref: _Rujukan, hari_ini: datetime.date) -> KegiatanImpor | None:
    kecamatan = None
    text = b.teks("Kecamatan", wajib=True)
    if text:
        kecamatan, pesan = ref.cari_kecamatan(text)
        if pesan:
            b.galat("Kecamatan", pesan)
    tanggal = b.tanggal("Tanggal", wajib=True)
    kategori = b.pilihan("Kategori", KATEGORI, wajib=True, daftar="Fasilitasi, Koordinasi, Rekomendasi")
    no_jenis = b.bilangan("No Jenis", wajib=True)
    no_uraian = b.bilangan("No Uraian", wajib=True)
    uraian = None
    if kategori and no_jenis is not None:
        jenis = ref.jenis.get((kategori, no_jenis))
        label = Kategori(kategori).label
        if jenis is None:
            nomor = sorted(n for k, n in ref.jenis if k == kategori)
            b.galat("No Jenis", f"Jenis nomor {no_jenis} tidak ada dalam kategori {label} (nomor {_rentang(nomor)}).")
        elif no_uraian is not None:
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
                b.ingat(
                    "No Uraian",
                    f"Uraian {label} {no_jenis}.{no_uraian} sudah dipensiunkan; tetap diimpor sebagai riwayat.",
                )

    desa = []
    text = b.teks("Desa")
    if text and kecamatan is not None:
        for token in (t.strip() for t in text.split(PEMISAH_DESA)):
            if not token:
                continue
            found, pesan = ref.cari_desa(token, kecamatan=kecamatan)
            if pesan:
                b.galat("Desa", pesan)
            elif found not in desa:
                desa.append(found)

    seksi = None
    text = b.teks("Seksi")
    if text and kecamatan is not None:
        seksi = ref.seksi.get((kecamatan.pk, kunci_teks(text)))
        if seksi is None:
            b.galat(
                "Seksi",
                f"Seksi \u201c{_tampil(text)}\u201d tidak terdaftar di Kecamatan {kecamatan.nama}; "
                "tambahkan lewat Administrasi atau kosongkan.",
            )

    keterangan = b.teks("Keterangan")
    status = b.pilihan(
        "Status", STATUS, bawaan=Kegiatan.Status.DILAKSANAKAN, daftar="dilaksanakan, rencana, dibatalkan"
    )
    output = b.teks("Output")
    tanggal_output = b.tanggal("Tanggal Output")
    if output and b.kosong("Tanggal Output"):
        b.galat("Tanggal Output", "Output diisi tanpa Tanggal Output: isi keduanya, atau kosongkan keduanya.")
    if not b.kosong("Tanggal Output") and b.kosong("Output"):
        b.galat("Output", "Tanggal Output diisi tanpa Output: isi keduanya, atau kosongkan keduanya.")
    if status and tanggal:
        if status == Kegiatan.Status.DILAKSANAKAN and tanggal > hari_ini:
            b.galat("Tanggal", "Kegiatan yang sudah dilaksanakan tidak boleh bertanggal setelah hari ini.")
        if output and status != Kegiatan.Status.DILAKSANAKAN:
            b.galat("Output", "Output hanya dapat dicatat untuk kegiatan berstatus dilaksanakan.")
    if tanggal_output is not None and tanggal is not None and tanggal_output < tanggal:
        b.galat("Tanggal Output", "Tanggal Output tidak boleh sebelum tanggal kegiatan.")
    if tanggal_output is not None and tanggal_output > hari_ini:
        b.galat("Tanggal Output", "Tanggal Output tidak boleh setelah hari ini.")

    bukti = None
    jenis_bukti = b.pilihan("Jenis Bukti", _PilihanBukti(ref.jenis_bukti), daftar="; ".join(ref.nama_jenis_bukti))
    nomor_bukti = b.teks("Nomor Bukti", maks=MAKS_NOMOR_BUKTI)
    tanggal_bukti = b.tanggal("Tanggal Bukti")
    if jenis_bukti is not None:
        if not nomor_bukti:
            b.galat("Nomor Bukti", "Nomor Bukti wajib diisi bila Jenis Bukti diisi.")
        if not jenis_bukti.aktif:
            b.ingat(
                "Jenis Bukti", f"Jenis bukti \u201c{jenis_bukti.nama}\u201d tidak aktif; tetap diimpor sebagai riwayat."
            )
        bukti = BuktiImpor(
            baris=b.nomor,
            jenis=jenis_bukti,
            nomor="" if kunci_teks(nomor_bukti) == NOMOR_KOSONG else nomor_bukti,
            tanggal=tanggal_bukti or tanggal_output or tanggal,
        )
    elif b.kosong("Jenis Bukti") and (nomor_bukti or tanggal_bukti):
        b.galat("Jenis Bukti", "Nomor/Tanggal Bukti diisi tanpa Jenis Bukti.")

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


class _PilihanBukti(dict):
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


def _baris_dokumen(b: _Baris, ref: _Rujukan) -> DokumenImpor | None:
    desa = None
    text = b.teks("Desa", wajib=True)
    if text:
        if PEMISAH_DESA in text.strip(PEMISAH_DESA + " "):
            b.galat("Desa", "Isi satu desa saja per baris.")
        else:
            desa, pesan = ref.cari_desa(text.strip(PEMISAH_DESA + " "), kecamatan=None)
            if pesan:
                b.galat("Desa", pesan)
            elif desa.is_kelurahan:
                b.galat("Desa", pesan_kelurahan(desa))
                desa = None
    jenis = b.pilihan("Dokumen", DOKUMEN, wajib=True, daftar="RKPDes, APBDes, LPPDes")
    tahun_anggaran = b.bilangan("Tahun Anggaran", wajib=True)
    if tahun_anggaran is not None and not TAHUN_ANGGARAN_MIN <= tahun_anggaran <= TAHUN_ANGGARAN_MAX:
        b.galat("Tahun Anggaran", f"Tahun anggaran harus antara {TAHUN_ANGGARAN_MIN} dan {TAHUN_ANGGARAN_MAX}.")
        tahun_anggaran = None
    nomor = b.teks("Nomor", maks=MAKS_NOMOR_DOKUMEN)
    tanggal = b.tanggal("Tanggal", wajib=True)
    # The same plausibility rule as DokumenDesa.clean, reported on the cell.
    if tanggal and tahun_anggaran and not (tahun_anggaran - 2 <= tanggal.year <= tahun_anggaran + 2):
        b.galat("Tanggal", f"Tanggal tidak wajar untuk tahun anggaran {tahun_anggaran}: periksa tahunnya.")
    if not b.ok:
        return None
    return DokumenImpor(
        baris=b.nomor, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, nomor=nomor, tanggal=tanggal
    )


def _gabung_kegiatan(rows: list[KegiatanImpor], kesalahan: list, lembar: _Lembar) -> list[KegiatanImpor]:
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


def _cek_dokumen_ganda(rows: list[DokumenImpor], kesalahan: list, lembar: _Lembar) -> None:
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


def workbook_read(*, file, kecamatan_scope, hari_ini: datetime.date) -> IsiWorkbook:
    """Parse and check the whole workbook against the database (read-only)."""
    lembar, kesalahan = baca_lembar(file)
    isi = IsiWorkbook(kesalahan=kesalahan)
    if not lembar:
        return isi
    ref = _Rujukan(kecamatan_scope=kecamatan_scope, lembar=lembar)
    if SHEET_KEGIATAN in lembar:
        item = lembar[SHEET_KEGIATAN]
        rows = []
        for nomor, values in item.baris:
            row = _baris_kegiatan(_Baris(item, nomor, values, isi.kesalahan, isi.peringatan), ref, hari_ini)
            if row is not None:
                rows.append(row)
        isi.baris_kegiatan = len(item.baris)
        isi.kegiatan = _gabung_kegiatan(rows, isi.kesalahan, item)
    if SHEET_DOKUMEN in lembar:
        item = lembar[SHEET_DOKUMEN]
        for nomor, values in item.baris:
            row = _baris_dokumen(_Baris(item, nomor, values, isi.kesalahan, isi.peringatan), ref)
            if row is not None:
                isi.dokumen.append(row)
        isi.baris_dokumen = len(item.baris)
        _cek_dokumen_ganda(isi.dokumen, isi.kesalahan, item)
    urutan = {SHEET_KEGIATAN: 0, SHEET_DOKUMEN: 1, None: -1}
    isi.kesalahan.sort(key=lambda k: (urutan.get(k.sheet, 2), k.baris or 0))
    return isi
