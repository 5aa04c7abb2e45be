"""Reads of the desa app: the document matrix and the deadlines ahead.

Each selector loads its rows in a fixed number of queries (never one per desa
or per cell) and judges every document through ``desa.tenggat``.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from desa.models import DokumenDesa, PengajuanDokumenDesa
from desa.tenggat import Basis, DokumenWajib, JenisDokumen, StatusDokumen, dokumen_wajib, status_dokumen, tenggat
from wilayah.models import Desa


def iku2_basis() -> str:
    """The basis this deployment measures IKU 2 on (setting ``IKU2_BASIS``)."""
    return Basis(settings.IKU2_BASIS).value


@dataclass
class Sel:
    desa: Desa
    wajib: DokumenWajib
    dokumen: DokumenDesa | None
    status: StatusDokumen
    # A submission waiting for the kasi: shown apart, never counted (docs/DESIGN.md §2.7).
    menunggu: PengajuanDokumenDesa | None = None


@dataclass
class BarisDesa:
    desa: Desa
    sel: list[Sel]


@dataclass
class KolomDokumen:
    wajib: DokumenWajib
    tepat_waktu: int = 0
    terlambat: int = 0
    belum_ada: int = 0
    belum_jatuh_tempo: int = 0


@dataclass
class MatriksDokumen:
    kecamatan: object
    tahun: int
    basis: str
    as_of: datetime.date
    kolom: list[KolomDokumen]
    baris: list[BarisDesa]
    kelurahan: list[Desa] = field(default_factory=list)
    menunggu: list[PengajuanDokumenDesa] = field(default_factory=list)

    @property
    def jumlah_desa(self) -> int:
        return len(self.baris)

    @property
    def berlaku(self) -> bool:
        # docs/DESIGN.md §2.3: without desa IKU 2 is "tidak berlaku", neither 0% nor 100%.
        return bool(self.baris)

    @property
    def basis_label(self) -> str:
        return Basis(self.basis).label


def _sel(desa, wajib, dokumen, as_of) -> Sel:
    tanggal = dokumen.tanggal if dokumen else None
    return Sel(
        desa=desa,
        wajib=wajib,
        dokumen=dokumen,
        status=status_dokumen(tanggal=tanggal, tenggat=wajib.tenggat, as_of=as_of),
    )


def _pengajuan_menunggu(kecamatan) -> list[PengajuanDokumenDesa]:
    """Every submission of the kecamatan waiting for the kasi, whatever measurement year it belongs to: a
    late APBDes handed in in January belongs to the year before, and must not wait unseen on that year's page."""
    return list(
        PengajuanDokumenDesa.objects.menunggu()
        .filter(desa__kecamatan=kecamatan)
        .select_related("desa", "diajukan_oleh")
        .order_by("diajukan_pada", "pk")
    )


def matriks_dokumen(*, kecamatan, tahun: int, basis: str, as_of: datetime.date) -> MatriksDokumen:
    """One row per desa, one column per document of measurement year ``tahun``; three queries."""
    wajib_list = dokumen_wajib(tahun, basis)
    semua = list(Desa.objects.filter(kecamatan=kecamatan).order_by("kode"))
    dokumen_by_key = {
        (d.desa_id, d.jenis, d.tahun_anggaran): d
        for d in DokumenDesa.objects.untuk_kecamatan(kecamatan, wajib_list).select_related("diubah_oleh")
    }
    menunggu = _pengajuan_menunggu(kecamatan)
    menunggu_by_key = {(p.desa_id, p.jenis, p.tahun_anggaran): p for p in menunggu}
    kolom = [KolomDokumen(wajib=wajib) for wajib in wajib_list]
    baris = []
    for desa in semua:
        if desa.is_kelurahan:
            continue
        sel_list = []
        for k in kolom:
            key = (desa.pk, k.wajib.jenis, k.wajib.tahun_anggaran)
            sel = _sel(desa, k.wajib, dokumen_by_key.get(key), as_of)
            sel.menunggu = menunggu_by_key.get(key)
            setattr(k, sel.status.value, getattr(k, sel.status.value) + 1)
            sel_list.append(sel)
        baris.append(BarisDesa(desa=desa, sel=sel_list))
    return MatriksDokumen(
        kecamatan=kecamatan,
        tahun=tahun,
        basis=basis,
        as_of=as_of,
        kolom=kolom,
        baris=baris,
        kelurahan=[desa for desa in semua if desa.is_kelurahan],
        menunggu=menunggu,
    )


def sel_dokumen(*, desa: Desa, jenis: str, tahun_anggaran: int, as_of: datetime.date) -> Sel:
    wajib = DokumenWajib(jenis=jenis, tahun_anggaran=tahun_anggaran, tenggat=tenggat(jenis, tahun_anggaran))
    dokumen = DokumenDesa.objects.filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).first()
    sel = _sel(desa, wajib, dokumen, as_of)
    sel.menunggu = (
        PengajuanDokumenDesa.objects.menunggu().filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).first()
    )
    return sel


@dataclass
class TenggatDokumen:
    wajib: DokumenWajib
    desa: list[Desa]
    sisa_hari: int

    @property
    def lewat_hari(self) -> int:
        return -self.sisa_hari


@dataclass
class DaftarTenggat:
    kecamatan: object
    as_of: datetime.date
    hari: int
    sejak: datetime.date
    mendatang: list[TenggatDokumen]
    terlambat: list[TenggatDokumen]
    jumlah_desa: int


def _wajib_antara(awal: datetime.date, akhir: datetime.date) -> list[DokumenWajib]:
    """Every document whose deadline falls in [awal, akhir], soonest first."""
    hasil = []
    # TA T's deadlines lie between 30 Sep T-1 and 31 Mar T+1, so these TA cover the range.
    for tahun_anggaran in range(awal.year - 1, akhir.year + 2):
        for jenis in JenisDokumen.values:
            batas = tenggat(jenis, tahun_anggaran)
            if awal <= batas <= akhir:
                hasil.append(DokumenWajib(jenis=jenis, tahun_anggaran=tahun_anggaran, tenggat=batas))
    return sorted(hasil, key=lambda w: (w.tenggat, w.jenis))


def tenggat_dokumen(*, kecamatan, as_of: datetime.date, hari: int = 60) -> DaftarTenggat:
    """Documents due in the next ``hari`` days still missing, and those overdue since 1 January last year.

    Overdue means no date yet as of ``as_of`` while the deadline has passed
    (status ``belum_ada``); a document entered late is on record and not listed.
    """
    sejak = datetime.date(as_of.year - 1, 1, 1)
    wajib_list = _wajib_antara(sejak, as_of + datetime.timedelta(days=hari))
    desa_list = list(Desa.objects.filter(kecamatan=kecamatan).desa_saja().order_by("kode"))
    ada = {
        (d.desa_id, d.jenis, d.tahun_anggaran)
        for d in DokumenDesa.objects.untuk_kecamatan(kecamatan, wajib_list).filter(tanggal__lte=as_of)
    }
    mendatang, terlambat = [], []
    for wajib in wajib_list:
        belum = [desa for desa in desa_list if (desa.pk, wajib.jenis, wajib.tahun_anggaran) not in ada]
        if not belum:
            continue
        item = TenggatDokumen(wajib=wajib, desa=belum, sisa_hari=(wajib.tenggat - as_of).days)
        status = status_dokumen(tanggal=None, tenggat=wajib.tenggat, as_of=as_of)
        (terlambat if status == StatusDokumen.BELUM_ADA else mendatang).append(item)
    terlambat.reverse()  # the most recent deadline first
    return DaftarTenggat(
        kecamatan=kecamatan,
        as_of=as_of,
        hari=hari,
        sejak=sejak,
        mendatang=mendatang,
        terlambat=terlambat,
        jumlah_desa=len(desa_list),
    )


# --- The desa operator's own page (docs/DESIGN.md §2.7) -------------------------------------------------


@dataclass
class DokumenOperator:
    wajib: DokumenWajib
    dokumen: DokumenDesa | None
    status: StatusDokumen
    pengajuan: PengajuanDokumenDesa | None  # the latest one, whatever its status

    @property
    def boleh_ajukan(self) -> bool:
        menunggu = self.pengajuan is not None and self.pengajuan.status == PengajuanDokumenDesa.Status.MENUNGGU
        return self.dokumen is None and not menunggu


@dataclass
class TahunOperator:
    tahun_anggaran: int
    dokumen: list[DokumenOperator]


def tahun_anggaran_operator(as_of: datetime.date) -> list[int]:
    """The TA an operator works on: last year's LPPDes is due in March, next year's RKPDes from September."""
    return [as_of.year + 1, as_of.year, as_of.year - 1]


def dokumen_operator(*, desa: Desa, as_of: datetime.date) -> list[TahunOperator]:
    """The three documents per TA of one desa, with deadline, status and latest submission; two queries."""
    tahun_list = tahun_anggaran_operator(as_of)
    dokumen_by_key = {
        (d.jenis, d.tahun_anggaran): d for d in DokumenDesa.objects.filter(desa=desa, tahun_anggaran__in=tahun_list)
    }
    pengajuan_by_key = {}
    # Newest first, so the first seen per document is its latest.
    for p in PengajuanDokumenDesa.objects.filter(desa=desa, tahun_anggaran__in=tahun_list).order_by(
        "-diajukan_pada", "-pk"
    ):
        pengajuan_by_key.setdefault((p.jenis, p.tahun_anggaran), p)
    hasil = []
    for tahun_anggaran in tahun_list:
        baris = []
        for jenis in JenisDokumen.values:
            wajib = DokumenWajib(jenis=jenis, tahun_anggaran=tahun_anggaran, tenggat=tenggat(jenis, tahun_anggaran))
            dokumen = dokumen_by_key.get((jenis, tahun_anggaran))
            baris.append(
                DokumenOperator(
                    wajib=wajib,
                    dokumen=dokumen,
                    status=status_dokumen(
                        tanggal=dokumen.tanggal if dokumen else None, tenggat=wajib.tenggat, as_of=as_of
                    ),
                    pengajuan=pengajuan_by_key.get((jenis, tahun_anggaran)),
                )
            )
        hasil.append(TahunOperator(tahun_anggaran=tahun_anggaran, dokumen=baris))
    return hasil


def rekap_operator(*, kecamatan_qs):
    """Per kecamatan: its desa, those with an active operator, and the submissions waiting; one query."""
    from django.db.models import Count

    from kecamatan.models import Peran

    return (
        kecamatan_qs.select_related("kabupaten")
        .annotate(
            jumlah_desa=Count("desa", filter=Q(desa__jenis=Desa.Jenis.DESA), distinct=True),
            desa_beroperator=Count(
                "desa",
                filter=Q(desa__operator__peran=Peran.OPERATOR_DESA, desa__operator__user__is_active=True),
                distinct=True,
            ),
            pengajuan_menunggu=Count(
                "desa__pengajuan_dokumen",
                filter=Q(desa__pengajuan_dokumen__status=PengajuanDokumenDesa.Status.MENUNGGU),
                distinct=True,
            ),
        )
        .order_by("kode")
    )


def operator_desa_list(*, desa_qs):
    """The operator memberships of these desa, with user and desa; one query."""
    from kecamatan.models import Keanggotaan, Peran

    return list(
        Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA, desa__in=desa_qs)
        .select_related("user", "desa__kecamatan")
        .order_by("desa__kode", "user__username")
    )
