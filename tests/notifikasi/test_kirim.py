"""Sending reminders: once per (recipient, item, step), resumable after a crash, by real SMTP (docs/DESIGN.md §2.7)."""

import datetime
import email
from email.policy import default as policy_default

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from desa.models import DokumenDesa
from kecamatan.models import Peran
from notifikasi import services
from notifikasi.models import Notifikasi
from wilayah.models import Desa

D = datetime.date
H_MIN_7 = D(2026, 3, 24)  # LPPDes TA 2025 is due 31 March 2026


@pytest.fixture
def penerima(make_user, senduro, lumajang):
    desa = list(Desa.objects.filter(kecamatan=senduro).order_by("kode"))
    users = {
        "op1": make_user(Peran.OPERATOR_DESA, desa=desa[0], username="senduro.desa.kandangtepus"),
        "op2": make_user(Peran.OPERATOR_DESA, desa=desa[1], username="senduro.desa.kandangan"),
        "kasi": make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro"),
        "staf": make_user(Peran.STAF, kecamatan=senduro),
        "kasi_lumajang": make_user(Peran.KASI, kecamatan=lumajang, username="kasi.lumajang"),
    }
    for nama, user in users.items():
        user.email = f"{nama}@contoh.go.id"
        user.save()
    # Argosari has handed in its LPPDes: it is reminded of nothing.
    DokumenDesa.objects.create(desa=desa[2], jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 2))
    # Lumajang: both desa miss it; its kelurahan owe nothing.
    return users


def _kunci(user):
    return sorted(Notifikasi.objects.filter(penerima=user).values_list("kunci", flat=True))


def test_the_day_makes_one_notification_per_recipient_and_item(penerima):
    pesan, hasil = services.pengingat_kirim(tanggal=H_MIN_7)
    assert hasil.dibuat == len(pesan) == 4 and hasil.email == 4
    assert _kunci(penerima["op1"]) == [f"pengingat:lppdes:2025:H-7:desa:{penerima['op1'].keanggotaan.desa_id}"]
    assert _kunci(penerima["kasi"]) == [
        f"pengingat:lppdes:2025:H-7:kecamatan:{penerima['kasi'].keanggotaan.kecamatan_id}"
    ]
    assert _kunci(penerima["staf"]) == []
    isi_kasi = Notifikasi.objects.get(penerima=penerima["kasi"]).isi
    assert "2 desa" in isi_kasi and "Kandangtepus" in isi_kasi and "Argosari" not in isi_kasi
    lumajang = Notifikasi.objects.get(penerima=penerima["kasi_lumajang"]).isi
    assert "Denok" in lumajang and "Jogotrunan" not in lumajang
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kasi@contoh.go.id", "kasi_lumajang@contoh.go.id", "op1@contoh.go.id", "op2@contoh.go.id",
    ]  # fmt: skip


def test_sending_twice_sends_nothing_new(penerima):
    services.pengingat_kirim(tanggal=H_MIN_7)
    _, hasil = services.pengingat_kirim(tanggal=H_MIN_7)
    assert (hasil.dibuat, hasil.email, hasil.sudah_ada) == (0, 0, 4)
    assert Notifikasi.objects.count() == 4 and len(mail.outbox) == 4


def test_a_crash_after_half_the_recipients_resumes_without_duplicates(penerima, monkeypatch):
    asli = services._email
    panggilan = {"n": 0}

    def email_rusak(notifikasi, alamat):
        panggilan["n"] += 1
        if panggilan["n"] == 3:
            raise SystemExit("proses dihentikan")  # the process dies mid-run, not an SMTP refusal
        asli(notifikasi, alamat)

    monkeypatch.setattr(services, "_email", email_rusak)
    with pytest.raises(SystemExit):
        services.pengingat_kirim(tanggal=H_MIN_7)
    assert len(mail.outbox) == 2
    assert Notifikasi.objects.filter(email_terkirim_pada__isnull=False).count() == 2
    monkeypatch.setattr(services, "_email", asli)
    _, hasil = services.pengingat_kirim(tanggal=H_MIN_7)
    assert hasil.email == 2
    assert len(mail.outbox) == 4 and len({m.to[0] for m in mail.outbox}) == 4
    assert Notifikasi.objects.count() == 4 and not Notifikasi.objects.filter(email_terkirim_pada__isnull=True).exists()


def test_a_user_who_switched_email_off_gets_the_notification_only(penerima):
    services.preferensi_simpan(user=penerima["op1"], email_aktif=False)
    services.pengingat_kirim(tanggal=H_MIN_7)
    assert Notifikasi.objects.filter(penerima=penerima["op1"]).exists()
    assert "op1@contoh.go.id" not in [m.to[0] for m in mail.outbox] and len(mail.outbox) == 3


def test_an_inactive_operator_is_not_reminded(penerima):
    penerima["op2"].is_active = False
    penerima["op2"].save()
    services.pengingat_kirim(tanggal=H_MIN_7)
    assert _kunci(penerima["op2"]) == []


def test_a_document_recorded_later_than_the_day_still_counts_as_missing_then(penerima):
    desa = penerima["op1"].keanggotaan.desa
    DokumenDesa.objects.create(desa=desa, jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 28))
    services.pengingat_kirim(tanggal=H_MIN_7)
    assert len(_kunci(penerima["op1"])) == 1
    Notifikasi.objects.all().delete()
    services.pengingat_kirim(tanggal=D(2026, 3, 30))  # H-1: it is on record by then
    assert _kunci(penerima["op1"]) == []


def test_email_goes_through_a_real_smtp_server_in_indonesian(penerima, smtp, settings):
    settings.IKU_URL_DASAR = "https://iku.lumajangkab.go.id"
    services.pengingat_kirim(tanggal=H_MIN_7)
    assert sorted(r for envelope in smtp.pesan for r in envelope.rcpt_tos) == [
        "kasi@contoh.go.id", "kasi_lumajang@contoh.go.id", "op1@contoh.go.id", "op2@contoh.go.id",
    ]  # fmt: skip
    per_alamat = {
        envelope.rcpt_tos[0]: email.message_from_bytes(envelope.content, policy=policy_default)
        for envelope in smtp.pesan
    }
    op1 = per_alamat["op1@contoh.go.id"]
    assert op1["Subject"] == "LPPDes TA 2025: tenggat 31 Maret 2026, 7 hari lagi"
    badan = op1.get_body().get_content()
    assert "Desa Kandangtepus belum menyampaikan LPPDes TA 2025" in badan
    assert "https://iku.lumajangkab.go.id/desa/desa-saya/" in badan
    assert "mematikan email notifikasi" in badan
    kasi = per_alamat["kasi@contoh.go.id"].get_body().get_content()
    assert "2 desa belum tercatat menyusun LPPDes TA 2025" in kasi


def test_the_command_runs_for_a_given_day_and_its_dry_run_stores_nothing(penerima, capsys):
    call_command("kirim_pengingat", "--tanggal", "2026-03-24", "--dry-run")
    keluaran = capsys.readouterr().out
    assert "4 notifikasi akan dikirim untuk 2026-03-24" in keluaran
    assert "senduro.desa.kandangtepus\tpengingat:lppdes:2025:H-7:desa:" in keluaran
    assert not Notifikasi.objects.exists() and not mail.outbox
    call_command("kirim_pengingat", "--tanggal", "2026-03-24")
    assert "4 notifikasi baru, 4 email terkirim" in capsys.readouterr().out
    call_command("kirim_pengingat", "--tanggal", "2026-03-24")
    assert "0 notifikasi baru, 0 email terkirim, 4 sudah ada" in capsys.readouterr().out


def test_a_bad_date_is_a_command_error_in_bahasa(db):
    with pytest.raises(CommandError, match="Tanggal tidak valid"):
        call_command("kirim_pengingat", "--tanggal", "2026-02-30")


def test_one_refused_address_does_not_stop_the_others_and_is_retried(penerima, monkeypatch):
    import smtplib

    asli = services._email

    def tolak_op1(notifikasi, alamat):
        if alamat.startswith("op1@"):
            raise smtplib.SMTPRecipientsRefused({alamat: (550, b"mailbox unavailable")})
        asli(notifikasi, alamat)

    monkeypatch.setattr(services, "_email", tolak_op1)
    _, hasil = services.pengingat_kirim(tanggal=H_MIN_7)
    assert (hasil.dibuat, hasil.email, hasil.email_gagal) == (4, 3, 1)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kasi@contoh.go.id",
        "kasi_lumajang@contoh.go.id",
        "op2@contoh.go.id",
    ]
    # Every recipient has the notification in the application, the refused one too.
    assert Notifikasi.objects.count() == 4
    # The address is fixed; the next run's catch-up sends that one email and nothing else.
    monkeypatch.setattr(services, "_email", asli)
    susulan = services.notifikasi_email_susulan(sejak=timezone.now() - datetime.timedelta(days=7))
    assert (susulan.email, susulan.email_gagal) == (1, 0)
    assert len(mail.outbox) == 4 and mail.outbox[-1].to == ["op1@contoh.go.id"]
    assert services.notifikasi_email_susulan(sejak=timezone.now() - datetime.timedelta(days=7)).email == 0


def test_a_day_the_run_missed_is_made_up_the_next_days_until_the_next_step(penerima):
    # No run on H-7 (24 March): the run of 26 March makes up the H-7 reminders, saying 5 days are left.
    pesan, hasil = services.pengingat_kirim(tanggal=D(2026, 3, 26))
    assert hasil.dibuat == 4 and {p.kunci.split(":")[3] for p in pesan} == {"H-7"}
    assert all("5 hari lagi" in p.judul for p in pesan)
    # The next day nothing new; on H-1 (30 March) only H-1, H-7 is not sent again.
    assert services.pengingat_kirim(tanggal=D(2026, 3, 27))[1].dibuat == 0
    pesan, _ = services.pengingat_kirim(tanggal=D(2026, 3, 30))
    assert {p.kunci.split(":")[3] for p in pesan} == {"H-1"}
    # A step more than six days old is not made up any more (H+1 was 1 April).
    assert services.pengingat_kirim(tanggal=D(2026, 4, 8))[0] == []
    assert {p.kunci.split(":")[3] for p in services.pengingat_kirim(tanggal=D(2026, 4, 7))[0]} == {"H+1"}


def test_the_command_fails_when_an_email_could_not_be_sent(penerima, monkeypatch):
    import smtplib

    def tolak(notifikasi, alamat):
        raise smtplib.SMTPServerDisconnected("putus")

    monkeypatch.setattr(services, "_email", tolak)
    with pytest.raises(CommandError, match="email gagal dikirim"):
        call_command("kirim_pengingat", "--tanggal", H_MIN_7.isoformat())
    # The notifications are in the application all the same.
    assert Notifikasi.objects.count() == 4
