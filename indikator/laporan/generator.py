"""The one place the three reports collect their data; formatters (html, pdf, xlsx) only present it.

Like django-oscar's report generators: each ``*_generate`` function loads what its
report shows in a fixed number of queries and returns plain dataclasses. Every
figure comes from ``indikator.iku.iku_compute``; nothing here counts on its own
except to explain what is missing, row by row, from the same result.
"""

import copy
import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch
from django.utils.formats import date_format

from desa.selectors import iku2_basis
from desa.tenggat import Basis, DokumenWajib, StatusDokumen
from indikator.calculations import HasilKecamatan, Rasio, SelDokumen, total_kecamatan
from indikator.charts import Batang, grafik_kolom, grafik_per_kecamatan
from indikator.iku import BarisSeksi, iku1_per_seksi, iku_compute, iku_compute_uncached
from indikator.models import DokumenIKU, KodeIndikator, NilaiIndikatorTujuan
from indikator.serializers import hasil_to_dict
from indikator.tujuan import Tujuan, tujuan_compute
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan
from kecamatan.penandatangan import BlokTandaTangan, blok_tanda_tangan, blok_tanda_tangan_kecamatan
from kecamatan.periode import Periode
from kecamatan.selectors import KategoriKatalog, katalog_search
from kecamatan.tindak_lanjut import alasan_belum
from wilayah.models import Desa, Kecamatan

# ---------------------------------------------------------------- signature


@dataclass(frozen=True)
class TandaTangan:
    """The signature block as printed; ``tanggal`` None prints no place-and-date line (as the Senduro seed)."""

    tempat: str
    tanggal: datetime.date | None
    baris_jabatan: tuple[str, ...]
    nama: str
    pangkat_golongan: str
    nip: str

    @classmethod
    def dari_blok(cls, blok: BlokTandaTangan | None, *, tanggal=...) -> "TandaTangan | None":
        if blok is None:
            return None
        return cls(
            tempat=blok.tempat,
            tanggal=blok.tanggal if tanggal is ... else tanggal,
            baris_jabatan=tuple(blok.baris_jabatan),
            nama=blok.nama,
            pangkat_golongan=blok.pangkat_golongan,
            nip=blok.nip,
        )

    def to_dict(self) -> dict:
        return {
            "tempat": self.tempat,
            "tanggal": self.tanggal.isoformat() if self.tanggal else None,
            "baris_jabatan": list(self.baris_jabatan),
            "nama": self.nama,
            "pangkat_golongan": self.pangkat_golongan,
            "nip": self.nip,
        }


# ---------------------------------------------------------------- Laporan Capaian IKU


@dataclass(frozen=True)
class BarisBukti:
    jenis: str
    nomor: str
    tanggal: datetime.date
    tanpa_berkas: bool


@dataclass
class BarisKegiatan:
    nomor: int
    id: int
    tanggal: datetime.date
    kategori: str
    jenis: str
    uraian: str
    seksi: str
    desa: str
    keterangan: str
    status: str
    output: str
    tanggal_output: datetime.date | None
    bukti: list[BarisBukti]
    dihitung: bool
    ditindaklanjuti: bool
    alasan: str  # why it does not (yet) count as followed up; "" when it does or is not counted

    @property
    def tindak_lanjut(self) -> str:
        if not self.dihitung:
            return "Tidak dihitung"
        return "Ya" if self.ditindaklanjuti else f"Belum ({self.alasan})"


@dataclass
class MatriksLampiran:
    """Lampiran II: one row per desa, one column per document due in the period (from ``RincianDokumen``)."""

    kolom: list[DokumenWajib]
    baris: list[tuple[int, str, str, list[SelDokumen]]]  # (nomor, kode, nama, cells in column order)


@dataclass
class LaporanCapaian:
    kecamatan: Kecamatan
    periode: Periode
    as_of: datetime.date
    hasil: HasilKecamatan
    nama_iku1: str
    nama_iku2: str
    indikator_tujuan: str
    nilai_tujuan: NilaiIndikatorTujuan | None
    kegiatan: list[BarisKegiatan]
    matriks: MatriksLampiran
    keterangan_iku1: list[str]
    keterangan_iku2: list[str]
    tanda_tangan: TandaTangan | None
    grafik_triwulan: str
    batang_triwulan: list[Batang]
    basis_label: str
    per_seksi: list[BarisSeksi] = field(default_factory=list)
    dokumen_iku: str = ""  # the document in force at the period's end, as the report names it
    # The tujuan indicator of the period: the IKM from the SKM, or the entered value (docs/DESIGN.md §2.6).
    tujuan: Tujuan | None = None

    def to_dict(self) -> dict:
        """The frozen content of an approval: the JSON figures plus what the page and PDF print."""
        data = hasil_to_dict(self.hasil)
        data["kecamatan"]["kabupaten"] = self.kecamatan.kabupaten.nama
        data["periode"]["jenis"] = self.periode.jenis
        data["periode"]["nomor"] = self.periode.nomor
        data["iku1"]["nama"] = self.nama_iku1
        data["iku2"]["nama"] = self.nama_iku2
        data["iku2"]["basis_label"] = self.basis_label
        data["keterangan"] = {"iku1": self.keterangan_iku1, "iku2": self.keterangan_iku2}
        data["lampiran"] = {
            "kegiatan": len(self.kegiatan),
            "kegiatan_dihitung": sum(1 for k in self.kegiatan if k.dihitung),
            "desa": len(self.matriks.baris),
        }
        data["penandatangan"] = self.tanda_tangan.to_dict() if self.tanda_tangan else None
        if self.tujuan is not None:
            data["tujuan"] = self.tujuan.to_dict()
        return data


def _nama_indikator(dokumen: DokumenIKU | None) -> dict[str, str]:
    nama = {k.value: k.label for k in KodeIndikator}
    if dokumen is not None:
        nama.update({b.indikator: b.nama_indikator for b in dokumen.baris.all()})
    return nama


def _nama_dokumen(dokumen: DokumenIKU | None) -> str:
    """Which document a report follows: "Indikator Kinerja Utama Perubahan, 17 Oktober 2023"."""
    if dokumen is None:
        return ""
    if dokumen.tanggal:
        return f"{dokumen.get_jenis_display()}, {date_format(dokumen.tanggal, 'j F Y')}"
    if dokumen.tahun_berlaku:
        return f"{dokumen.get_jenis_display()}, berlaku mulai {dokumen.tahun_berlaku}"
    return dokumen.get_jenis_display()


def _kegiatan_periode(kecamatan, periode: Periode, as_of: datetime.date):
    """Every kegiatan of the period up to the as-of date, with bukti and desa: three queries, never one per row."""
    return (
        Kegiatan.objects.filter(
            kecamatan=kecamatan, tanggal__gte=periode.mulai, tanggal__lte=min(periode.selesai, as_of)
        )
        .select_related("seksi")
        .prefetch_related(
            Prefetch(
                "bukti",
                queryset=BuktiPendukung.objects.aktif().select_related("jenis").order_by("tanggal", "pk"),
                to_attr="bukti_aktif",
            ),
            Prefetch("desa", queryset=Desa.objects.order_by("nama"), to_attr="desa_urut"),
        )
        .order_by("tanggal", "pk")
    )


def _baris_kegiatan(kegiatan_qs, hasil: HasilKecamatan, as_of: datetime.date) -> list[BarisKegiatan]:
    dihitung = set(hasil.iku1.kegiatan_dihitung)
    selesai = set(hasil.iku1.kegiatan_ditindaklanjuti)
    rows = []
    for nomor, k in enumerate(kegiatan_qs, start=1):
        alasan = ""
        if k.pk in dihitung and k.pk not in selesai:
            alasan = alasan_belum(output=k.output, tanggal_output=k.tanggal_output, as_of=as_of)
        rows.append(
            BarisKegiatan(
                nomor=nomor,
                id=k.pk,
                tanggal=k.tanggal,
                kategori=k.get_kategori_display(),
                jenis=f"{k.jenis_nomor}. {k.jenis_nama}",
                uraian=f"{k.nomor_katalog} {k.uraian_teks}",
                seksi=k.seksi.nama if k.seksi else "",
                desa=", ".join(d.nama for d in k.desa_urut),
                keterangan=k.keterangan,
                status=k.get_status_display(),
                output=k.output,
                tanggal_output=k.tanggal_output,
                bukti=[
                    BarisBukti(jenis=b.jenis.nama, nomor=b.nomor, tanggal=b.tanggal, tanpa_berkas=b.tanpa_berkas)
                    for b in k.bukti_aktif
                ],
                dihitung=k.pk in dihitung,
                ditindaklanjuti=k.pk in selesai,
                alasan=alasan,
            )
        )
    return rows


def _keterangan_iku1(hasil: HasilKecamatan, kegiatan: list[BarisKegiatan]) -> list[str]:
    iku1 = hasil.iku1
    if iku1.denominator == 0:
        return ["Belum ada kegiatan berstatus dilaksanakan dalam periode ini: IKU 1 belum bernilai."]
    belum = iku1.belum_ditindaklanjuti
    if not belum:
        return [f"Seluruh {iku1.denominator} kegiatan yang dilaksanakan sudah ditindaklanjuti."]
    tanpa_output = sum(1 for k in kegiatan if k.alasan == "belum ada output")
    tanpa_bukti = sum(1 for k in kegiatan if k.alasan == "belum ada bukti")
    hasil_teks = [
        f"{belum} kegiatan belum ditindaklanjuti: {tanpa_output} belum ada output, {tanpa_bukti} belum ada bukti."
    ]
    tanpa_berkas = sum(1 for k in kegiatan if k.dihitung and any(b.tanpa_berkas for b in k.bukti))
    if tanpa_berkas:
        hasil_teks.append(f"{tanpa_berkas} kegiatan memiliki bukti pendukung tanpa berkas pindaian.")
    return hasil_teks


def _keterangan_iku2(hasil: HasilKecamatan) -> list[str]:
    iku2 = hasil.iku2
    if not iku2.berlaku:
        return ["IKU 2 tidak berlaku: kecamatan ini tidak memiliki desa (kelurahan tidak dihitung)."]
    if not iku2.dokumen:
        return ["Belum ada dokumen desa yang jatuh tempo sampai akhir periode ini."]
    teks = []
    for r in iku2.dokumen:
        bagian = []
        if r.terlambat:
            bagian.append(f"{r.terlambat} desa terlambat")
        if r.belum_ada:
            bagian.append(f"{r.belum_ada} desa belum ada")
        if r.belum_jatuh_tempo:
            bagian.append(f"{r.belum_jatuh_tempo} desa belum jatuh tempo")
        if bagian:
            teks.append(f"{r.wajib.label}: {', '.join(bagian)}.")
        else:
            teks.append(f"{r.wajib.label}: seluruh {iku2.jumlah_desa} desa tepat waktu.")
    return teks


def _matriks(hasil: HasilKecamatan) -> MatriksLampiran:
    rincian = hasil.iku2.dokumen
    if not rincian:
        return MatriksLampiran(kolom=[], baris=[])
    baris = []
    for i, sel in enumerate(rincian[0].sel):
        baris.append((i + 1, sel.desa.kode, sel.desa.nama, [r.sel[i] for r in rincian]))
    return MatriksLampiran(kolom=[r.wajib for r in rincian], baris=baris)


def laporan_capaian_generate(
    *, kecamatan: Kecamatan, periode: Periode, as_of: datetime.date, tanggal_ttd: datetime.date | None = None
) -> LaporanCapaian:
    """Everything the Laporan Capaian IKU shows, as of ``as_of``, signed by the pejabat in office on
    ``tanggal_ttd`` (default: the as-of date). A fixed number of queries whatever the number of kegiatan."""
    tanggal_ttd = tanggal_ttd or as_of
    # The Laporan lists what it counts: its figures, Lampiran I's counted kegiatan and Lampiran II's desa
    # cells come from one row-by-row load, never from counts cached earlier beside rows read now.
    ((hasil,),) = iku_compute_uncached(
        kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk),
        kecamatan_ids=[kecamatan.pk],
        periode_list=[periode],
        as_of=as_of,
        basis=iku2_basis(),
        agregat=False,
    )
    # The document in force at the period's end names the indicators (docs/DESIGN.md §2.5).
    dokumen = DokumenIKU.objects.in_force_on(kecamatan, periode.selesai)
    nama = _nama_indikator(dokumen)
    kegiatan = _baris_kegiatan(_kegiatan_periode(kecamatan, periode, as_of), hasil, as_of)
    batang = [
        Batang(label=tw.singkatan_triwulan, nilai=r.percent, keterangan=f"{r.numerator} dari {r.denominator}")
        for tw, r in hasil.iku1.per_triwulan
    ]
    return LaporanCapaian(
        kecamatan=kecamatan,
        periode=periode,
        as_of=as_of,
        hasil=hasil,
        nama_iku1=nama[KodeIndikator.IKU1],
        nama_iku2=nama[KodeIndikator.IKU2],
        indikator_tujuan=dokumen.indikator_tujuan if dokumen else "",
        nilai_tujuan=NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=periode.tahun).first(),
        kegiatan=kegiatan,
        matriks=_matriks(hasil),
        keterangan_iku1=_keterangan_iku1(hasil, kegiatan),
        keterangan_iku2=_keterangan_iku2(hasil),
        tanda_tangan=TandaTangan.dari_blok(blok_tanda_tangan_kecamatan(kecamatan, tanggal_ttd)),
        grafik_triwulan=grafik_kolom(batang, judul=f"IKU 1 per triwulan, {periode.label}", target=hasil.iku1.target),
        batang_triwulan=batang,
        basis_label=Basis(hasil.iku2.basis).label,
        per_seksi=iku1_per_seksi(kecamatan=kecamatan, iku1=hasil.iku1),
        dokumen_iku=_nama_dokumen(dokumen),
        tujuan=tujuan_compute(kecamatan=kecamatan, periode=periode, dokumen=dokumen, as_of=as_of),
    )


# ---------------------------------------------------------------- Dokumen IKU


@dataclass
class DokumenIKUData:
    kecamatan: Kecamatan
    dokumen: DokumenIKU
    baris: list
    # Empty when the document holds no Penjelasan Indikator section (Lumajang's IKU Perubahan).
    katalog: list[KategoriKatalog]
    jenis_bukti: list[str]
    tanda_tangan: TandaTangan | None
    dicetak_pada: datetime.date

    @property
    def memuat_penjelasan(self) -> bool:
        """The document has its own Penjelasan Indikator section with the catalogue (Senduro's seed)."""
        return self.dokumen.letak_penjelasan == DokumenIKU.LetakPenjelasan.LAMPIRAN

    @property
    def penjelasan_di_rumus(self) -> bool:
        """The Penjelasan is printed inside the Rumus/Formula cell (Lumajang's seed)."""
        return self.dokumen.letak_penjelasan == DokumenIKU.LetakPenjelasan.RUMUS

    @property
    def jumlah_uraian(self) -> int:
        return sum(len(j.uraian_cocok) for k in self.katalog for j in k.jenis)


class TanpaDokumenIKU(LookupError):
    pass


def _ttd_dokumen(dokumen: DokumenIKU, kecamatan: Kecamatan, hari_ini: datetime.date) -> TandaTangan | None:
    ttd = _ttd_pejabat(dokumen, kecamatan, hari_ini)
    if ttd is not None and dokumen.judul_penandatangan:
        # The heading the paper original prints above the name ("KECAMATAN SENDURO").
        ttd = replace(ttd, baris_jabatan=(dokumen.judul_penandatangan,))
    return ttd


def _ttd_pejabat(dokumen: DokumenIKU, kecamatan: Kecamatan, hari_ini: datetime.date) -> TandaTangan | None:
    penandatangan = dokumen.penandatangan
    if penandatangan is None:
        return TandaTangan.dari_blok(blok_tanda_tangan_kecamatan(kecamatan, hari_ini))
    # The document names its own signatory: print them whatever term dates were recorded later.
    salinan = copy.copy(penandatangan)
    salinan.mulai = salinan.selesai = None
    blok = blok_tanda_tangan(
        nama_kecamatan=kecamatan.nama,
        tempat=dokumen.tempat or kecamatan.tempat_ttd,
        pejabat=[salinan],
        tanggal=dokumen.tanggal or hari_ini,
        atas_nama=penandatangan.jabatan == penandatangan.Jabatan.SEKRETARIS_CAMAT,
    )
    return TandaTangan.dari_blok(blok, tanggal=dokumen.tanggal)


def dokumen_iku_generate(*, kecamatan: Kecamatan, hari_ini: datetime.date) -> DokumenIKUData:
    """The IKU document in force on ``hari_ini``, with the sections that document holds."""
    dokumen = DokumenIKU.objects.select_related("penandatangan").in_force_on(kecamatan, hari_ini)
    if dokumen is None:
        if DokumenIKU.objects.filter(kecamatan=kecamatan).exists():
            raise TanpaDokumenIKU(
                f"Tidak ada dokumen IKU Kecamatan {kecamatan.nama} yang berlaku pada "
                f"{date_format(hari_ini, 'j F Y')}: dokumen yang tercatat baru berlaku sesudahnya. "
                "Admin kabupaten dapat mencatat dokumen yang berlaku sebelumnya."
            )
        raise TanpaDokumenIKU(f"Kecamatan {kecamatan.nama} belum memiliki dokumen IKU.")
    lampiran = dokumen.letak_penjelasan == DokumenIKU.LetakPenjelasan.LAMPIRAN
    return DokumenIKUData(
        kecamatan=kecamatan,
        dokumen=dokumen,
        baris=list(dokumen.baris.all()),
        katalog=katalog_search() if lampiran else [],
        jenis_bukti=list(JenisBukti.objects.aktif().values_list("nama", flat=True)) if lampiran else [],
        tanda_tangan=_ttd_dokumen(dokumen, kecamatan, hari_ini),
        dicetak_pada=hari_ini,
    )


# ---------------------------------------------------------------- Rekap Kabupaten


@dataclass
class RekapKabupaten:
    kabupaten: object
    periode: Periode
    as_of: datetime.date
    hasil: list[HasilKecamatan]
    total_iku1: Rasio
    total_iku2: Rasio
    grafik_iku1: str
    grafik_iku2: str
    basis_label: str
    dicetak_pada: datetime.datetime
    catatan: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kabupaten": {"kode": self.kabupaten.kode, "nama": self.kabupaten.nama},
            "hasil": [hasil_to_dict(h) for h in self.hasil],
        }


def rekap_kabupaten_generate(
    *, kabupaten, kecamatan_qs, periode: Periode, as_of: datetime.date, dicetak_pada: datetime.datetime
) -> RekapKabupaten:
    """Every kecamatan of ``kecamatan_qs`` (already scoped to the user and the kabupaten) side by side."""
    hasil = iku_compute(kecamatan_qs=kecamatan_qs, periode=periode, as_of=as_of)
    total_iku1, total_iku2 = total_kecamatan(hasil)
    grafik_iku1, grafik_iku2 = grafik_per_kecamatan(hasil, periode_label=periode.label)
    return RekapKabupaten(
        kabupaten=kabupaten,
        periode=periode,
        as_of=as_of,
        hasil=hasil,
        total_iku1=total_iku1,
        total_iku2=total_iku2,
        grafik_iku1=grafik_iku1,
        grafik_iku2=grafik_iku2,
        basis_label=Basis(hasil[0].iku2.basis).label if hasil else "",
        dicetak_pada=dicetak_pada,
    )


__all__ = [
    "BarisKegiatan",
    "DokumenIKUData",
    "LaporanCapaian",
    "RekapKabupaten",
    "StatusDokumen",
    "TandaTangan",
    "TanpaDokumenIKU",
    "dokumen_iku_generate",
    "laporan_capaian_generate",
    "rekap_kabupaten_generate",
]
