"""Writes of the notifikasi app: making a notification once and emailing it once (docs/DESIGN.md §2.7).

A message is first stored (unique per user and ``kunci``), then emailed, then marked as emailed, each
recipient on its own: a second run makes nothing new, and a run that stopped midway (an SMTP error, a
crash) is finished by the next one without sending anything twice that was marked as sent.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from desa.tenggat import JenisDokumen
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from notifikasi.pengingat import Pengingat, pengingat_jatuh
from notifikasi.selectors import keadaan_pengingat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pesan:
    penerima_id: int
    jenis: str
    kunci: str
    judul: str
    isi: str
    url: str = ""


@dataclass
class HasilKirim:
    dibuat: int = 0
    email: int = 0
    sudah_ada: int = 0
    # Emails the mail server refused or could not take this run; each is tried again by the next run.
    email_gagal: int = 0


def _tanggal(tanggal: datetime.date) -> str:
    return date_format(tanggal, "j F Y")


def pesan_pengingat(pengingat: Pengingat) -> Pesan:
    """The Indonesian wording of one reminder."""
    wajib = pengingat.wajib
    label = f"{JenisDokumen(wajib.jenis).label} TA {wajib.tahun_anggaran}"
    batas = _tanggal(wajib.tenggat)
    if pengingat.sisa_hari < 0:
        judul = f"{label} melewati tenggat {batas}"
    elif pengingat.sisa_hari == 0:
        judul = f"{label}: tenggat hari ini, {batas}"
    else:
        judul = f"{label}: tenggat {batas}, {pengingat.sisa_hari} hari lagi"
    if pengingat.desa_id is not None:
        isi = (
            f"Desa {pengingat.desa[0]} belum menyampaikan {label} kepada kecamatan. "
            f"Tenggatnya {batas}. Ajukan dokumennya lewat halaman Dokumen desa saya."
        )
        url = reverse("desa:operator")
    else:
        isi = (
            f"{len(pengingat.desa)} desa belum tercatat menyusun {label} (tenggat {batas}): "
            f"{', '.join(pengingat.desa)}."
        )
        url = reverse("desa:tenggat")
    return Pesan(
        penerima_id=pengingat.penerima_id,
        jenis=Notifikasi.Jenis.PENGINGAT,
        kunci=pengingat.kunci,
        judul=judul,
        isi=isi,
        url=url,
    )


def _alamat(url: str) -> str:
    return f"{settings.IKU_URL_DASAR.rstrip('/')}{url}" if settings.IKU_URL_DASAR else url


def _email(notifikasi: Notifikasi, alamat_email: str) -> None:
    badan = [notifikasi.isi]
    if notifikasi.url:
        badan.append(f"Buka: {_alamat(notifikasi.url)}")
    badan.append(
        "—\nEmail ini dikirim oleh aplikasi IKU Kecamatan. Anda dapat mematikan email notifikasi di "
        f"{_alamat(reverse('notifikasi:pengaturan'))}; notifikasi di aplikasi tetap ada."
    )
    EmailMessage(subject=notifikasi.judul, body="\n\n".join(badan), to=[alamat_email]).send(fail_silently=False)


def _email_mati(user_ids) -> set[int]:
    return set(
        PreferensiNotifikasi.objects.filter(user_id__in=user_ids, email_aktif=False).values_list("user_id", flat=True)
    )


def _email_sekali(notifikasi: Notifikasi, user, hasil: HasilKirim, sekarang: datetime.datetime | None) -> None:
    try:
        _email(notifikasi, user.email)
    except (smtplib.SMTPException, OSError) as exc:
        # One refused address (a typo, a full mailbox) or a dropped connection must not keep everyone
        # after it from their notification and email: the message stays unmarked for the next run.
        logger.warning("email notifikasi %s ke %s gagal: %s", notifikasi.kunci, user.username, exc)
        hasil.email_gagal += 1
        return
    # The mark only ever goes from empty to set: two runs at once send at most one extra copy.
    Notifikasi.objects.filter(pk=notifikasi.pk, email_terkirim_pada__isnull=True).update(
        email_terkirim_pada=sekarang or timezone.now()
    )
    hasil.email += 1


def notifikasi_kirim(*, pesan_list: list[Pesan], sekarang: datetime.datetime | None = None) -> HasilKirim:
    """Store each message once per (recipient, kunci) and email it once, recipient by recipient."""
    hasil = HasilKirim()
    if not pesan_list:
        return hasil
    penerima = get_user_model().objects.in_bulk({p.penerima_id for p in pesan_list})
    email_mati = _email_mati(penerima)
    for pesan in pesan_list:
        user = penerima[pesan.penerima_id]
        with transaction.atomic():
            notifikasi, dibuat = Notifikasi.objects.get_or_create(
                penerima=user,
                kunci=pesan.kunci,
                defaults={"jenis": pesan.jenis, "judul": pesan.judul, "isi": pesan.isi, "url": pesan.url},
            )
        hasil.dibuat += dibuat
        hasil.sudah_ada += not dibuat
        if notifikasi.email_terkirim_pada is not None or not user.email or user.pk in email_mati:
            continue
        _email_sekali(notifikasi, user, hasil, sekarang)
    return hasil


def notifikasi_email_susulan(*, sejak: datetime.datetime, sekarang: datetime.datetime | None = None) -> HasilKirim:
    """Email the notifications made since ``sejak`` whose email a failed run left unsent (a refused address,
    a dropped connection, a crash), to the users who still have an address and email switched on."""
    hasil = HasilKirim()
    belum = list(
        Notifikasi.objects.filter(dibuat_pada__gte=sejak, email_terkirim_pada__isnull=True, penerima__is_active=True)
        .exclude(penerima__email="")
        .select_related("penerima")
        .order_by("pk")
    )
    email_mati = _email_mati({n.penerima_id for n in belum})
    for notifikasi in belum:
        if notifikasi.penerima_id not in email_mati:
            _email_sekali(notifikasi, notifikasi.penerima, hasil, sekarang)
    return hasil


def notifikasi_tandai_dibaca(*, user, notifikasi: Notifikasi, sekarang: datetime.datetime) -> None:
    if notifikasi.penerima_id != user.pk:
        raise PermissionDenied("Notifikasi ini bukan milik Anda.")
    Notifikasi.objects.filter(pk=notifikasi.pk, dibaca_pada__isnull=True).update(dibaca_pada=sekarang)


def notifikasi_tandai_semua_dibaca(*, user, sekarang: datetime.datetime) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).update(dibaca_pada=sekarang)


def preferensi_simpan(*, user, email_aktif: bool) -> PreferensiNotifikasi:
    preferensi, _ = PreferensiNotifikasi.objects.update_or_create(user=user, defaults={"email_aktif": email_aktif})
    return preferensi


def email_aktif(*, user) -> bool:
    return not PreferensiNotifikasi.objects.filter(user=user, email_aktif=False).exists()


def pengingat_kirim(*, tanggal: datetime.date, dry_run: bool = False) -> tuple[list[Pesan], HasilKirim]:
    """The reminders due on ``tanggal`` (docs/DESIGN.md §2.7); with ``dry_run`` only listed, nothing stored."""
    desa_list, kasi = keadaan_pengingat(tanggal=tanggal)
    pesan_list = [
        pesan_pengingat(p) for p in pengingat_jatuh(desa_list=desa_list, kasi_per_kecamatan=kasi, tanggal=tanggal)
    ]
    if dry_run:
        return pesan_list, HasilKirim()
    return pesan_list, notifikasi_kirim(pesan_list=pesan_list)
