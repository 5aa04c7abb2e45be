"""The pimpinan's weekly digest (docs/DESIGN.md §2.7): documents overdue and due within 30 days, kegiatan
still without follow-up, and the two IKU against their target. It lives here because the IKU come
from ``indikator/iku.iku_compute``; it is sent through the notifikasi app like any other message."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format

from desa.selectors import tenggat_dokumen
from indikator.iku import iku_compute
from indikator.templatetags.iku import persen
from kecamatan.models import Keanggotaan, Peran
from kecamatan.periode import tahunan
from notifikasi.models import Notifikasi
from notifikasi.services import Pesan
from wilayah.models import Kecamatan

JANGKAUAN_HARI = 30


def _baris_tenggat(daftar) -> list[str]:
    baris = []
    for item in daftar.terlambat:
        baris.append(
            f"- Lewat tenggat: {item.wajib.label} (tenggat {date_format(item.wajib.tenggat, 'j F Y')}), "
            f"{len(item.desa)} desa belum: {', '.join(d.nama for d in item.desa)}"
        )
    for item in daftar.mendatang:
        baris.append(
            f"- {item.sisa_hari} hari lagi: {item.wajib.label} (tenggat {date_format(item.wajib.tenggat, 'j F Y')}), "
            f"{len(item.desa)} desa belum: {', '.join(d.nama for d in item.desa)}"
        )
    return baris or ["- Tidak ada dokumen desa yang terlambat atau jatuh tempo dalam 30 hari."]


def _baris_iku(hasil) -> list[str]:
    def satu(nama, iku):
        target = (
            f"target {persen(iku.target)}, capaian {persen(iku.capaian)}" if iku.target else "target belum ditetapkan"
        )
        return f"- {nama}: {persen(iku.percent)} ({iku.numerator} dari {iku.denominator}); {target}"

    return [
        satu("IKU 1 (fasilitasi dan koordinasi ditindaklanjuti)", hasil.iku1),
        satu("IKU 2 (dokumen desa tepat waktu)", hasil.iku2),
    ]


def isi_ringkasan(*, kecamatan, tanggal: datetime.date) -> str:
    """The digest's text for one kecamatan as of ``tanggal``."""
    daftar = tenggat_dokumen(kecamatan=kecamatan, as_of=tanggal, hari=JANGKAUAN_HARI)
    (hasil,) = iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk), periode=tahunan(tanggal.year), as_of=tanggal
    )
    belum = hasil.iku1.belum_ditindaklanjuti
    bagian = [
        f"Ringkasan Kecamatan {kecamatan.nama} per {date_format(tanggal, 'j F Y')}.",
        "Dokumen desa:\n" + "\n".join(_baris_tenggat(daftar)),
        f"Kegiatan tahun {tanggal.year} yang belum ditindaklanjuti: {belum}.",
        f"Capaian tahun {tanggal.year} sejauh ini:\n" + "\n".join(_baris_iku(hasil)),
    ]
    return "\n\n".join(bagian)


def ringkasan_pesan(*, tanggal: datetime.date) -> list[Pesan]:
    """One digest per pimpinan of each kecamatan and ISO week: on Monday, or on the first run of the week
    after a Monday the daily run missed. A kecamatan whose pimpinan all have this week's is not computed again."""
    pimpinan: dict[int, list[int]] = {}
    for kecamatan_id, user_id in Keanggotaan.objects.filter(peran=Peran.PIMPINAN, user__is_active=True).values_list(
        "kecamatan_id", "user_id"
    ):
        pimpinan.setdefault(kecamatan_id, []).append(user_id)
    tahun, minggu, _ = tanggal.isocalendar()
    awalan = f"ringkasan:{tahun}-W{minggu:02d}:kecamatan:"
    sudah = set(Notifikasi.objects.filter(kunci__startswith=awalan).values_list("penerima_id", "kunci"))
    pesan = []
    for kecamatan in Kecamatan.objects.filter(pk__in=pimpinan).order_by("kode"):
        kunci = f"{awalan}{kecamatan.pk}"
        penerima = [user_id for user_id in pimpinan[kecamatan.pk] if (user_id, kunci) not in sudah]
        if not penerima:
            continue
        isi = isi_ringkasan(kecamatan=kecamatan, tanggal=tanggal)
        for user_id in penerima:
            pesan.append(
                Pesan(
                    penerima_id=user_id,
                    jenis=Notifikasi.Jenis.RINGKASAN,
                    kunci=kunci,
                    judul=f"Ringkasan mingguan Kecamatan {kecamatan.nama}, {date_format(tanggal, 'j F Y')}",
                    isi=isi,
                    url=reverse("indikator:beranda"),
                )
            )
    return pesan
