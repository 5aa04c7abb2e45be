"""Cell values and rows, shared by every sheet: typed access, each problem recorded against its column."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from iku_project.spreadsheet import AWALAN_RUMUS
from indikator.impor.format import kunci_teks
from indikator.impor.reader.hasil import KesalahanImpor

TAHUN_MIN = 2000
RE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
RE_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class Lembar:
    nama: str
    # canonical column name -> (0-based index, letter as Excel shows it)
    kolom: dict[str, tuple[int, str]]
    baris: list[tuple[int, list]]  # (row number, [(value, is_formula), ...])


class NilaiSalah(Exception):
    pass


def teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise NilaiSalah("berisi nilai benar/salah, bukan teks")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise NilaiSalah("berisi tanggal, bukan teks")
    text = str(value).strip()
    # The other exports of this application defuse formulas with a leading apostrophe; an
    # apostrophe before a formula character is never meant as data.
    if len(text) > 1 and text[0] == "'" and text[1] in AWALAN_RUMUS:
        text = text[1:]
    return text


def _tanggal_teks(text: str) -> datetime.date:
    iso, dmy = RE_ISO.match(text), RE_DMY.match(text)
    if iso:
        tahun, bulan, hari = (int(x) for x in iso.groups())
    elif dmy:
        hari, bulan, tahun = (int(x) for x in dmy.groups())
    else:
        raise NilaiSalah(f"\u201c{text}\u201d bukan tanggal: gunakan tanggal Excel, YYYY-MM-DD atau DD/MM/YYYY")
    try:
        return datetime.date(tahun, bulan, hari)
    except ValueError:
        raise NilaiSalah(f"\u201c{text}\u201d tidak ada di kalender") from None


def tanggal(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, bool | int | float):
        raise NilaiSalah("berisi angka, bukan tanggal: format selnya sebagai tanggal, atau tulis YYYY-MM-DD")
    if not isinstance(value, datetime.date | str):
        raise NilaiSalah("bukan tanggal")
    hasil = value if isinstance(value, datetime.date) else _tanggal_teks(value.strip())
    if hasil.year < TAHUN_MIN:
        raise NilaiSalah(f"tahun {hasil.year} tidak wajar")
    return hasil


def bilangan(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise NilaiSalah("bukan bilangan bulat")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise NilaiSalah(f"\u201c{value}\u201d bukan bilangan bulat")


def tampil(nilai) -> str:
    """A value quoted back to the user in a message."""
    text = str(nilai)
    return text if len(text) <= 60 else text[:57] + "…"


class Baris:
    """One data row: typed access to its cells, each problem recorded against its column."""

    def __init__(self, lembar: Lembar, nomor: int, values: dict, kesalahan: list, peringatan: list):
        self.lembar, self.nomor, self.values = lembar, nomor, values
        self.kesalahan, self.peringatan = kesalahan, peringatan
        self.ok = True
        # Columns already reported: the shared validation judges only the facts that were read.
        self.salah: set[str | None] = set()

    def _mentah(self, kolom: str):
        posisi = self.lembar.kolom.get(kolom)
        if posisi is None:
            return None
        value, formula = self.values.get(posisi[0], (None, False))
        if formula:
            self.galat(kolom, "Sel berisi rumus; isi dengan nilainya (Tempel Spesial → Nilai).")
            raise NilaiSalah
        return value

    def kosong(self, kolom: str) -> bool:
        posisi = self.lembar.kolom.get(kolom)
        return posisi is None or self.values.get(posisi[0], (None, False))[0] in (None, "")

    def _huruf(self, kolom: str | None) -> str:
        return self.lembar.kolom[kolom][1] if kolom in self.lembar.kolom else ""

    def galat(self, kolom: str | None, pesan: str) -> None:
        self.ok = False
        self.salah.add(kolom)
        self.kesalahan.append(KesalahanImpor(self.lembar.nama, self.nomor, kolom, pesan, self._huruf(kolom)))

    def ingat(self, kolom: str, pesan: str) -> None:
        self.peringatan.append(KesalahanImpor(self.lembar.nama, self.nomor, kolom, pesan, self._huruf(kolom)))

    def fakta(self, nilai: dict[str, tuple[str, object]]) -> dict:
        """``{field: (column, value)}`` → ``{field: value}`` for the columns read without a problem."""
        return {field: value for field, (kolom, value) in nilai.items() if kolom not in self.salah}

    def galat_validasi(self, exc: ValidationError, kolom_per_field: dict[str, str]) -> None:
        """Report the shared validation's field-keyed errors at their columns."""
        for field, pesan_list in exc.message_dict.items():
            for pesan in pesan_list:
                self.galat(kolom_per_field.get(field), pesan)

    def _ambil(self, kolom: str, ubah, wajib: bool):
        try:
            value = ubah(self._mentah(kolom))
        except NilaiSalah as exc:
            if exc.args:
                self.galat(kolom, f"{kolom}: {exc.args[0]}.")
            return None
        if wajib and value in (None, ""):
            self.galat(kolom, f"{kolom} wajib diisi.")
            return None
        return value

    def teks(self, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str:
        value = self._ambil(kolom, teks, wajib) or ""
        if maks is not None and len(value) > maks:
            self.galat(kolom, f"{kolom} terlalu panjang: paling banyak {maks} karakter.")
        return value

    def tanggal(self, kolom: str, *, wajib: bool = False) -> datetime.date | None:
        return self._ambil(kolom, tanggal, wajib)

    def bilangan(self, kolom: str, *, wajib: bool = False) -> int | None:
        return self._ambil(kolom, bilangan, wajib)

    def pilihan(self, kolom: str, pilihan: dict, *, wajib: bool = False, bawaan=None, daftar: str = ""):
        text = self.teks(kolom, wajib=wajib)
        if not text:
            return bawaan
        value = pilihan.get(kunci_teks(text))
        if value is None:
            self.galat(kolom, f"{kolom} \u201c{tampil(text)}\u201d tidak dikenal; pilih salah satu: {daftar}.")
        return value
