"""The one period vocabulary: ``Periode``, its codes and names, and its parsing (docs/DESIGN.md §2.4).

A period is a year, a triwulan, a semester or a date range. Everything that takes a period from a
person (a form, a query string, the command line) reads it here, and a period that cannot be read is
an error in Bahasa Indonesia (``PeriodeTidakSah``), never quietly another period. Nothing here reads
the clock: today's date is passed in by the view or command that has it.

It lives in kecamatan, the lower app, because the kegiatan list needs it as much as the IKU
dashboards, reports and commands in indikator, and SKM.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
# The measurement years a command accepts; a form offers only the last few of them.
TAHUN_MIN, TAHUN_MAX = 1900, 9998
FORMAT_TANGGAL = "TTTT-BB-HH"

# The codes of a form's "Periode" select and of a query string's ``bagian``: "" is the whole year.
KODE_BAGIAN = {
    "tw1": ("triwulan", 1),
    "tw2": ("triwulan", 2),
    "tw3": ("triwulan", 3),
    "tw4": ("triwulan", 4),
    "s1": ("semester", 1),
    "s2": ("semester", 2),
}


class PeriodeTidakSah(ValueError):
    pass


def _nama(jenis: str, nomor: int | None) -> str:
    if jenis == "triwulan":
        return f"Triwulan {ROMAWI[nomor]}"
    if jenis == "semester":
        return f"Semester {ROMAWI[nomor]}"
    return "Setahun"


BAGIAN = [("", "Setahun"), *((kode, _nama(*jenis_nomor)) for kode, jenis_nomor in KODE_BAGIAN.items())]


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
    def kode(self) -> str:
        """The ``bagian`` code that names this period with its year ("" for a year); a range has none."""
        for kode, jenis_nomor in KODE_BAGIAN.items():
            if jenis_nomor == (self.jenis, self.nomor):
                return kode
        return ""

    @property
    def label(self) -> str:
        if self.jenis == "tahun":
            return f"Tahun {self.tahun}"
        if self.jenis in ("triwulan", "semester"):
            return f"{_nama(self.jenis, self.nomor)} {self.tahun}"
        return f"{date_format(self.mulai, 'j F Y')} s.d. {date_format(self.selesai, 'j F Y')}"

    @property
    def nama_triwulan(self) -> str:
        """The one style of a triwulan's name, "Triwulan II", wherever there is room."""
        return _nama("triwulan", self.nomor)

    @property
    def singkatan_triwulan(self) -> str:
        """The short name, "TW II", where space is short (chart bars, narrow table headers)."""
        return f"TW {ROMAWI[self.nomor]}"

    def ke_json(self) -> dict:
        """The period as a job's parameters carry it (JSON: dates as ISO strings)."""
        return {
            "mulai": self.mulai.isoformat(),
            "selesai": self.selesai.isoformat(),
            "jenis": self.jenis,
            "nomor": self.nomor,
        }

    @classmethod
    def dari_json(cls, data: dict) -> "Periode":
        return cls(
            datetime.date.fromisoformat(data["mulai"]),
            datetime.date.fromisoformat(data["selesai"]),
            data["jenis"],
            data.get("nomor"),
        )

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


# --- Constructors ----------------------------------------------------------------------------------


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


def rentang(mulai: datetime.date, selesai: datetime.date, *, satu_tahun: bool = True) -> Periode:
    """A date range; IKU 2 is defined per measurement year, so an IKU range stays inside one.

    SKM is not measured per year (a survey may run from July to June): it passes ``satu_tahun=False``.
    """
    if selesai < mulai:
        raise PeriodeTidakSah(
            f"Tanggal akhir ({date_format(selesai, 'j F Y')}) tidak boleh sebelum tanggal awal "
            f"({date_format(mulai, 'j F Y')})."
        )
    if satu_tahun and selesai.year != mulai.year:
        raise PeriodeTidakSah("Rentang tanggal harus berada dalam satu tahun.")
    return Periode(mulai, selesai, "rentang")


def semester_terakhir(hari_ini: datetime.date) -> Periode:
    """The last semester that has ended by ``hari_ini``: what a kecamatan publishes of its SKM."""
    return semester(hari_ini.year, 1) if hari_ini.month >= 7 else semester(hari_ini.year - 1, 2)


# --- Parsing what a person typed ------------------------------------------------------------------


def tahun_parse(nilai, *, minimum: int = TAHUN_MIN, maksimum: int = TAHUN_MAX) -> int:
    """A measurement year from a form, a query string or the command line."""
    try:
        tahun = int(str(nilai).strip())
    except (TypeError, ValueError):
        raise PeriodeTidakSah(f"Tahun {nilai!r} tidak sah; tulis empat angka, misalnya 2025.") from None
    if not minimum <= tahun <= maksimum:
        raise PeriodeTidakSah(f"Tahun {tahun} di luar rentang {minimum}–{maksimum}.")
    return tahun


def periode_dari(*, tahun: int, triwulan_ke: int | None = None, semester_ke: int | None = None) -> Periode:
    if triwulan_ke and semester_ke:
        raise PeriodeTidakSah("Pilih triwulan atau semester, tidak keduanya.")
    tahun = tahun_parse(tahun)
    if triwulan_ke:
        return triwulan(tahun, triwulan_ke)
    if semester_ke:
        return semester(tahun, semester_ke)
    return tahunan(tahun)


def bagian_parse(kode: str | None) -> tuple[str, int | None]:
    """(jenis, nomor) of a ``bagian`` code; "" or None is the whole year."""
    kode = (kode or "").strip().lower()
    if not kode:
        return "tahun", None
    if kode not in KODE_BAGIAN:
        raise PeriodeTidakSah(
            f"Periode {kode!r} tidak dikenal; pilih Setahun, Triwulan I–IV (tw1–tw4) atau Semester I–II (s1, s2)."
        )
    return KODE_BAGIAN[kode]


def periode_parse(*, tahun, bagian: str | None = "") -> Periode:
    """The period named by a year and a ``bagian`` code (tw1…tw4, s1, s2, or "" for the year)."""
    jenis, nomor = bagian_parse(bagian)
    return periode_dari(
        tahun=tahun,
        triwulan_ke=nomor if jenis == "triwulan" else None,
        semester_ke=nomor if jenis == "semester" else None,
    )


def tanggal_parse(teks: str, nama: str = "Tanggal") -> datetime.date:
    if not (teks or "").strip():
        raise PeriodeTidakSah(f"{nama} belum diisi; tulis sebagai {FORMAT_TANGGAL}.")
    try:
        return datetime.date.fromisoformat((teks or "").strip())
    except ValueError:
        raise PeriodeTidakSah(f"{nama} {teks!r} tidak sah; tulis sebagai {FORMAT_TANGGAL}.") from None


def rentang_parse(dari: str, sampai: str, *, satu_tahun: bool = True) -> Periode:
    """A date range from two ISO dates as typed (query string, command line)."""
    return rentang(tanggal_parse(dari, "Tanggal awal"), tanggal_parse(sampai, "Tanggal akhir"), satu_tahun=satu_tahun)


def rentang_dari_query(query, *, hari_ini: datetime.date, satu_tahun: bool = True) -> Periode:
    """``dari``/``sampai`` of a query string; with neither, this year so far (1 January to ``hari_ini``)."""
    dari, sampai = query.get("dari", ""), query.get("sampai", "")
    if not dari and not sampai:
        return rentang(datetime.date(hari_ini.year, 1, 1), hari_ini, satu_tahun=satu_tahun)
    return rentang_parse(dari, sampai, satu_tahun=satu_tahun)


# --- Form fields -----------------------------------------------------------------------------------


def tahun_field(**kwargs) -> forms.TypedChoiceField:
    """The "Tahun" select; its choices are the last years before ``hari_ini`` (``tahun_choices``)."""
    return forms.TypedChoiceField(
        label="Tahun",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Tahun %(value)s tidak tersedia; pilih salah satu tahun di daftar."},
        **kwargs,
    )


def tahun_choices(hari_ini: datetime.date, *, kosong: str | None = None, jumlah: int = 6) -> list:
    pilihan = [(t, str(t)) for t in range(hari_ini.year, hari_ini.year - jumlah, -1)]
    return [("", kosong), *pilihan] if kosong is not None else pilihan


def bagian_field(**kwargs) -> forms.ChoiceField:
    """The "Periode" select of the codes above."""
    return forms.ChoiceField(
        label="Periode",
        choices=BAGIAN,
        required=False,
        error_messages={
            "invalid_choice": "Periode %(value)s tidak dikenal; pilih Setahun, Triwulan I–IV atau Semester I–II."
        },
        **kwargs,
    )


class PeriodeFormMixin:
    """``clean`` of a form with ``tahun`` and ``bagian`` fields: ``cleaned_data["periode"]``.

    Without a year the period is ``tahun_bawaan`` (the form's documented default, e.g. this year) or,
    when that is None, no period at all (``None``); a triwulan or semester without a year is refused.
    A refused period leaves its error on the field, never another period.
    """

    tahun_bawaan: int | None = None
    tahun_wajib: bool = False

    def clean(self):
        data = super().clean()
        data["periode"] = None
        if "tahun" in self.errors or "bagian" in self.errors:
            return data
        tahun, bagian = data.get("tahun"), data.get("bagian") or ""
        if tahun is None:
            if self.tahun_wajib:
                self.add_error("tahun", "Pilih tahunnya.")
                return data
            if bagian and self.tahun_bawaan is None:
                self.add_error("tahun", "Pilih tahunnya untuk triwulan atau semester.")
                return data
            tahun = self.tahun_bawaan
        if tahun is not None:
            try:
                data["periode"] = periode_parse(tahun=tahun, bagian=bagian)
            except PeriodeTidakSah as exc:
                self.add_error("tahun", str(exc))
        return data

    def periode_errors(self) -> list[str]:
        """The errors that refuse the period itself (not the other fields of the form)."""
        self.is_valid()
        return [e for name in ("tahun", "bagian") for e in self.errors.get(name, [])]
