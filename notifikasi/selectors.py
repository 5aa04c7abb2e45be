"""Reads of the notifikasi app: the state the reminder rule judges, and a user's notifications."""

import datetime

from django.db.models import Q

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.models import Keanggotaan, Peran
from notifikasi.models import Notifikasi
from notifikasi.pengingat import DesaPengingat, langkah_terbuka
from wilayah.models import Desa


def keadaan_pengingat(*, tanggal: datetime.date) -> tuple[list[DesaPengingat], dict[int, list[int]]]:
    """Every desa with its documents on record, its waiting submissions and its operators, and the kasi of
    each kecamatan: five queries whatever the number of desa, none on a day no reminder is due."""
    wajib = [w for _, w in langkah_terbuka(tanggal)]
    if not wajib:
        return [], {}
    pasangan = Q(pk__in=[])
    for w in wajib:
        pasangan |= Q(jenis=w.jenis, tahun_anggaran=w.tahun_anggaran)
    ada: dict[int, set] = {}
    for desa_id, jenis, tahun_anggaran in DokumenDesa.objects.filter(pasangan, tanggal__lte=tanggal).values_list(
        "desa_id", "jenis", "tahun_anggaran"
    ):
        ada.setdefault(desa_id, set()).add((jenis, tahun_anggaran))
    menunggu: dict[int, set] = {}
    for desa_id, jenis, tahun_anggaran in (
        PengajuanDokumenDesa.objects.menunggu().filter(pasangan).values_list("desa_id", "jenis", "tahun_anggaran")
    ):
        menunggu.setdefault(desa_id, set()).add((jenis, tahun_anggaran))
    aktif = Keanggotaan.objects.filter(user__is_active=True)
    operator: dict[int, list[int]] = {}
    for desa_id, user_id in aktif.filter(peran=Peran.OPERATOR_DESA).values_list("desa_id", "user_id"):
        operator.setdefault(desa_id, []).append(user_id)
    kasi: dict[int, list[int]] = {}
    for kecamatan_id, user_id in aktif.filter(peran=Peran.KASI).values_list("kecamatan_id", "user_id"):
        kasi.setdefault(kecamatan_id, []).append(user_id)
    desa_list = [
        DesaPengingat(
            desa_id=pk,
            nama=nama,
            kecamatan_id=kecamatan_id,
            operator_ids=tuple(sorted(operator.get(pk, []))),
            ada=frozenset(ada.get(pk, ())),
            menunggu=frozenset(menunggu.get(pk, ())),
        )
        for pk, nama, kecamatan_id in Desa.objects.desa_saja()
        .order_by("kode")
        .values_list("pk", "nama", "kecamatan_id")
    ]
    return desa_list, kasi


def notifikasi_of(*, user, belum_dibaca: bool = False):
    queryset = Notifikasi.objects.filter(penerima=user)
    return queryset.filter(dibaca_pada__isnull=True) if belum_dibaca else queryset


def jumlah_belum_dibaca(*, user) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()
