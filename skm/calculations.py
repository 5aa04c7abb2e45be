"""The IKM of PermenPANRB 14/2017 as pure functions (docs/DESIGN.md §2.6).

No database and no clock: the answers, the unsur and the mutu bands come in as
plain data. Arithmetic is exact (Fraction); rounding half up happens only for
display (NRR 3 decimals, IKM 2) and for choosing the mutu, which the regulation
reads from the IKM rounded to 2 decimals.
"""

import bisect
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

NILAI = (1, 2, 3, 4)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Exact half-up rounding of a fraction (no float, no intermediate Decimal precision loss)."""
    scale = 10**places
    scaled = value * scale
    bulat = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return Decimal(bulat).scaleb(-places).quantize(Decimal(1).scaleb(-places))


@dataclass(frozen=True)
class UnsurInfo:
    kode: str
    nama: str


@dataclass(frozen=True)
class Interval:
    mutu: str
    kinerja: str
    batas_bawah: Decimal
    batas_atas: Decimal


@dataclass(frozen=True)
class Jawaban:
    """One respondent: the profile and the nine answers (1–4) in unsur order."""

    tanggal: object
    jenis_layanan: Hashable
    usia: int
    jenis_kelamin: str
    pendidikan: str
    pekerjaan: str
    nilai: tuple[int, ...]


@dataclass
class NilaiUnsur:
    kode: str
    nama: str
    responden: int
    jumlah: int
    per_nilai: dict[int, int]

    @property
    def nrr(self) -> Fraction | None:
        return Fraction(self.jumlah, self.responden) if self.responden else None

    @property
    def nrr_tampil(self) -> Decimal | None:
        return None if self.nrr is None else round_half_up(self.nrr, 3)


@dataclass
class HasilSKM:
    responden: int
    unsur: list[NilaiUnsur]
    ikm: Fraction | None
    interval: Interval | None = None
    saran: list[str] = field(default_factory=list)

    @property
    def ikm_tampil(self) -> Decimal | None:
        return None if self.ikm is None else round_half_up(self.ikm, 2)

    @property
    def mutu(self) -> str | None:
        return self.interval.mutu if self.interval else None

    @property
    def kinerja(self) -> str | None:
        return self.interval.kinerja if self.interval else None

    @property
    def unsur_terendah_dulu(self) -> list[NilaiUnsur]:
        """Weakest unsur first (ties in unsur order): where the rencana tindak lanjut starts."""
        return sorted(self.unsur, key=lambda u: (u.nrr is None, u.nrr or 0))


def mutu_for(ikm: Fraction, interval: Sequence[Interval]) -> Interval | None:
    bulat = round_half_up(ikm, 2)
    for band in interval:
        if band.batas_bawah <= bulat <= band.batas_atas:
            return band
    return None


def ikm_from_sums(*, responden: int, jumlah: Sequence[int]) -> Fraction | None:
    """IKM = mean of the NRR × 25; with no respondent there is no value, never 0."""
    if not responden:
        return None
    nrr = [Fraction(s, responden) for s in jumlah]
    return sum(nrr, Fraction(0)) / len(nrr) * 25


def hitung_skm(
    jawaban: Iterable[Jawaban], *, unsur: Sequence[UnsurInfo], interval: Sequence[Interval], saran=()
) -> HasilSKM:
    jawaban = list(jawaban)
    n = len(jawaban)
    hasil_unsur = []
    for i, info in enumerate(unsur):
        per_nilai = dict.fromkeys(NILAI, 0)
        for j in jawaban:
            per_nilai[j.nilai[i]] += 1
        hasil_unsur.append(
            NilaiUnsur(
                kode=info.kode,
                nama=info.nama,
                responden=n,
                jumlah=sum(v * c for v, c in per_nilai.items()),
                per_nilai=per_nilai,
            )
        )
    ikm = ikm_from_sums(responden=n, jumlah=[u.jumlah for u in hasil_unsur])
    return HasilSKM(
        responden=n,
        unsur=hasil_unsur,
        ikm=ikm,
        interval=mutu_for(ikm, interval) if ikm is not None else None,
        saran=list(saran),
    )


def hitung_per_kelompok(
    jawaban: Iterable[Jawaban],
    kunci: Callable[[Jawaban], Hashable],
    *,
    unsur: Sequence[UnsurInfo],
    interval: Sequence[Interval],
) -> dict[Hashable, HasilSKM]:
    """One result per group (jenis layanan, jenis kelamin, pendidikan…); groups without answers do not appear."""
    kelompok = defaultdict(list)
    for j in jawaban:
        kelompok[kunci(j)].append(j)
    return {k: hitung_skm(v, unsur=unsur, interval=interval) for k, v in kelompok.items()}


def kelompok_usia(usia: int) -> str:
    if usia < 20:
        return "< 20 tahun"
    if usia < 30:
        return "20–29 tahun"
    if usia < 40:
        return "30–39 tahun"
    if usia < 50:
        return "40–49 tahun"
    return "≥ 50 tahun"


# Krejcie & Morgan (1970), Table for Determining Sample Size from a Given Population,
# as reproduced in the annex of PermenPANRB 14/2017: (population N, sample S).
KREJCIE_MORGAN = [
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132),
    (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
    (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265),
    (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306),
    (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364),
    (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380),
    (50000, 381), (75000, 382), (100000, 384),
]  # fmt: skip
_POPULASI = [n for n, _ in KREJCIE_MORGAN]


def sampel_minimum(populasi: int) -> int:
    """The table's sample for the smallest tabulated population not below ``populasi`` (so never too few).

    Below 10 users every one of them is asked; above 100.000 the table stays at 384.
    """
    if populasi <= 0:
        return 0
    if populasi < _POPULASI[0]:
        return populasi
    i = bisect.bisect_left(_POPULASI, populasi)
    return KREJCIE_MORGAN[min(i, len(KREJCIE_MORGAN) - 1)][1]


@dataclass(frozen=True)
class Kecukupan:
    populasi: int
    sampel_minimum: int
    responden: int

    @property
    def kurang(self) -> int:
        return max(self.sampel_minimum - self.responden, 0)

    @property
    def cukup(self) -> bool:
        return self.kurang == 0


def kecukupan_sampel(*, populasi: int, responden: int) -> Kecukupan:
    return Kecukupan(populasi=populasi, sampel_minimum=sampel_minimum(populasi), responden=responden)


def unsur_lemah(hasil: HasilSKM, interval: Sequence[Interval]) -> list[NilaiUnsur]:
    """The unsur that need a rencana tindak lanjut, weakest first.

    An unsur is weak when its own NRR × 25 falls below the second band of the
    scale (below "Baik" in PermenPANRB 14/2017); when none is, the lowest one
    still gets a plan, since the regulation asks to improve from the lowest.
    """
    if hasil.ikm is None:
        return []
    urut = sorted(interval, key=lambda band: band.batas_bawah, reverse=True)
    batas = urut[1].batas_bawah if len(urut) > 1 else urut[0].batas_bawah
    lemah = [u for u in hasil.unsur_terendah_dulu if round_half_up(u.nrr * 25, 2) < batas]
    return lemah or hasil.unsur_terendah_dulu[:1]
