"""Reporting periods: a year, a triwulan, a semester or a date range (docs/DESIGN.md §2.4)."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodeTidakSah(ValueError):
    pass


@dataclass(frozen=True)
class Periode:
    mulai: datetime.date
    selesai: datetime.date
    jenis: str  # tahun | triwulan | semester | rentang
    nomor: int | None = None

    def __post_init__(self):
        if self.selesai < self.mulai:
            raise PeriodeTidakSah("Tanggal akhir periode tidak boleh sebelum tanggal awalnya.")

    @property
    def tahun(self) -> int:
        """The measurement year: the year the period ends in."""
        return self.selesai.year

    @property
    def setahun_penuh(self) -> bool:
        return self.mulai == datetime.date(self.tahun, 1, 1) and self.selesai == datetime.date(self.tahun, 12, 31)

    @property
    def label(self) -> str:
        if self.jenis == "tahun":
            return f"Tahun {self.tahun}"
        if self.jenis == "triwulan":
            return f"Triwulan {ROMAWI[self.nomor]} {self.tahun}"
        if self.jenis == "semester":
            return f"Semester {self.nomor} {self.tahun}"
        return f"{date_format(self.mulai, 'j F Y')} s.d. {date_format(self.selesai, 'j F Y')}"

    @property
    def nama_triwulan(self) -> str:
        """The one style of a triwulan's name, "Triwulan II", wherever there is room."""
        return f"Triwulan {ROMAWI[self.nomor]}"

    @property
    def singkatan_triwulan(self) -> str:
        """The short name, "TW II", where space is short (chart bars, narrow table headers)."""
        return f"TW {ROMAWI[self.nomor]}"

    def contains(self, tanggal: datetime.date) -> bool:
        return self.mulai <= tanggal <= self.selesai

    def setahun_sebelumnya(self) -> "Periode":
        """The same period one year earlier (29 February falls back to the 28th)."""
        return Periode(_minus_year(self.mulai), _minus_year(self.selesai), self.jenis, self.nomor)

    def triwulan_di_dalamnya(self) -> list["Periode"]:
        """The triwulan of the period's year, clipped to the period, that overlap it."""
        hasil = []
        for n in range(1, 5):
            tw = triwulan(self.tahun, n)
            mulai, selesai = max(tw.mulai, self.mulai), min(tw.selesai, self.selesai)
            if mulai <= selesai:
                hasil.append(Periode(mulai, selesai, "triwulan", n))
        return hasil


def _minus_year(tanggal: datetime.date) -> datetime.date:
    try:
        return tanggal.replace(year=tanggal.year - 1)
    except ValueError:
        return tanggal.replace(year=tanggal.year - 1, day=28)


def tahunan(tahun: int) -> Periode:
    return Periode(datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31), "tahun")


def triwulan(tahun: int, nomor: int) -> Periode:
    if nomor not in ROMAWI:
        raise PeriodeTidakSah("Triwulan harus 1 sampai 4.")
    bulan_awal = 3 * (nomor - 1) + 1
    akhir = datetime.date(tahun + 1, 1, 1) if nomor == 4 else datetime.date(tahun, bulan_awal + 3, 1)
    return Periode(datetime.date(tahun, bulan_awal, 1), akhir - datetime.timedelta(days=1), "triwulan", nomor)


def semester(tahun: int, nomor: int) -> Periode:
    if nomor not in (1, 2):
        raise PeriodeTidakSah("Semester harus 1 atau 2.")
    if nomor == 1:
        return Periode(datetime.date(tahun, 1, 1), datetime.date(tahun, 6, 30), "semester", 1)
    return Periode(datetime.date(tahun, 7, 1), datetime.date(tahun, 12, 31), "semester", 2)


def rentang(mulai: datetime.date, selesai: datetime.date) -> Periode:
    if selesai.year != mulai.year:
        # IKU 2 is defined per measurement year; a range stays inside one.
        raise PeriodeTidakSah("Rentang tanggal harus berada dalam satu tahun.")
    return Periode(mulai, selesai, "rentang")


def periode_dari(*, tahun: int, triwulan_ke: int | None = None, semester_ke: int | None = None) -> Periode:
    if triwulan_ke and semester_ke:
        raise PeriodeTidakSah("Pilih triwulan atau semester, tidak keduanya.")
    if triwulan_ke:
        return triwulan(tahun, triwulan_ke)
    if semester_ke:
        return semester(tahun, semester_ke)
    return tahunan(tahun)
