"""The public form: no login, nothing personal, refusals with a clear message, CSRF kept."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from skm.models import Responden
from tests.skm.conftest import isian

URL = "/skm/35.08.12/"


def test_form_opens_without_login_with_a_fieldset_per_unsur(client, layanan_senduro):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<fieldset class="skm-unsur') == 9
    assert "kesesuaian persyaratan pelayanan" in html
    assert "<script" not in html
    for pribadi in ('NIK"', 'name="nama"', 'telepon"'):
        assert pribadi not in html


def test_answer_is_saved_and_thanks(client, layanan_senduro):
    response = client.post(URL, isian(layanan_senduro, 3, saran="Ruang tunggu sempit"))
    assert response.status_code == 302
    assert response["Location"] == "/skm/35.08.12/terima-kasih/"
    r = Responden.objects.get()
    assert r.kecamatan.kode == "35.08.12" and r.nilai == (3,) * 9
    assert r.saran == "Ruang tunggu sempit" and r.sumber == "daring"
    assert r.kuesioner.versi == 1


def test_missing_answer_is_shown_at_its_question(client, layanan_senduro):
    data = isian(layanan_senduro)
    del data["u7"]
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Pilih salah satu jawaban untuk pertanyaan ini." in response.content.decode()
    assert not Responden.objects.exists()


def test_another_kecamatans_layanan_is_refused(client, layanan_senduro, layanan_lumajang):
    response = client.post(URL, isian(layanan_lumajang))
    assert response.status_code == 400
    assert not Responden.objects.exists()


def test_future_date_is_refused(client, layanan_senduro):
    besok = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(URL, isian(layanan_senduro, tanggal=besok))
    assert response.status_code == 400
    assert "tidak boleh setelah hari ini" in response.content.decode()


def test_filled_honeypot_is_refused_with_a_message(client, layanan_senduro):
    response = client.post(URL, isian(layanan_senduro, situs_web="http://spam.example"))
    assert response.status_code == 400
    assert "kolom tersembunyi" in response.content.decode()
    assert not Responden.objects.exists()


def test_a_flood_from_one_address_is_refused(client, layanan_senduro, settings):
    settings.SKM_BATAS_KIRIM = 3
    for _ in range(3):
        assert client.post(URL, isian(layanan_senduro), REMOTE_ADDR="10.0.0.7").status_code == 302
    response = client.post(URL, isian(layanan_senduro), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "Terlalu banyak isian" in response.content.decode()
    assert Responden.objects.count() == 3
    # Another address still gets through.
    assert client.post(URL, isian(layanan_senduro), REMOTE_ADDR="10.0.0.8").status_code == 302


def test_csrf_is_kept(layanan_senduro):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, isian(layanan_senduro)).status_code == 403
    assert not Responden.objects.exists()


def test_layanan_in_the_query_is_preselected(client, layanan_senduro):
    response = client.get(f"{URL}?layanan={layanan_senduro.pk}")
    assert f'<option value="{layanan_senduro.pk}" selected>' in response.content.decode()


def test_unknown_kecamatan_is_404(client, db):
    assert client.get("/skm/99.99.99/").status_code == 404


def test_poster_has_a_qr_code_to_the_form(client, layanan_senduro):
    response = client.get(f"/skm/35.08.12/poster/?layanan={layanan_senduro.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert f"http://testserver/skm/35.08.12/?layanan={layanan_senduro.pk}" in html


def test_poster_of_another_kecamatans_layanan_is_404(client, senduro, layanan_lumajang):
    assert client.get(f"/skm/35.08.12/poster/?layanan={layanan_lumajang.pk}").status_code == 404


@pytest.mark.django_db
def test_publikasi_without_respondent_shows_no_value(client, senduro):
    response = client.get("/skm/35.08.12/publikasi/")
    assert response.status_code == 200
    assert "belum ada nilai IKM" in response.content.decode()


def test_a_date_older_than_thirty_days_is_refused_at_the_field(client, layanan_senduro):
    hari_ini = timezone.localdate()
    batas = (hari_ini - datetime.timedelta(days=30)).isoformat()
    lewat = (hari_ini - datetime.timedelta(days=31)).isoformat()
    response = client.post(URL, isian(layanan_senduro, tanggal=lewat))
    assert response.status_code == 400
    assert "Tanggal layanan paling lama 30 hari sebelum hari ini" in response.content.decode()
    assert not Responden.objects.exists()
    assert client.post(URL, isian(layanan_senduro, tanggal=batas)).status_code == 302


def test_a_refusal_by_the_service_answers_400(client, layanan_senduro, monkeypatch):
    from django.core.exceptions import ValidationError

    def tolak(**kwargs):
        raise ValidationError("Kuesioner belum tersedia.")

    monkeypatch.setattr("skm.views.responden_create", tolak)
    response = client.post(URL, isian(layanan_senduro))
    assert response.status_code == 400
    assert "Kuesioner belum tersedia." in response.content.decode()


def _versi_baru_tidak_lengkap(jumlah):
    from skm.models import Kuesioner, Pertanyaan

    v2 = Kuesioner.objects.create(versi=2, berlaku_mulai=datetime.date(2020, 1, 1))
    for p in Pertanyaan.objects.filter(kuesioner__versi=1).order_by("unsur__urutan")[:jumlah]:
        Pertanyaan.objects.create(
            kuesioner=v2, unsur=p.unsur, teks=p.teks + " (draf)", jawaban_1="a", jawaban_2="b", jawaban_3="c",
            jawaban_4="d",
        )  # fmt: skip
    return v2


def test_a_version_with_fewer_than_nine_questions_is_not_offered(client, layanan_senduro):
    from skm.selectors import kuesioner_berlaku

    _versi_baru_tidak_lengkap(5)
    assert kuesioner_berlaku(timezone.localdate()).versi == 1
    response = client.post(URL, isian(layanan_senduro, 3))
    assert response.status_code == 302
    assert Responden.objects.get().kuesioner.versi == 1


def test_without_a_complete_version_the_survey_is_not_open(client, layanan_senduro):
    from skm.models import Pertanyaan

    _versi_baru_tidak_lengkap(5)
    Pertanyaan.objects.filter(kuesioner__versi=1, unsur__kode="U9").delete()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "belum dibuka" in html and "<fieldset" not in html
    response = client.post(URL, isian(layanan_senduro, 3))
    assert response.status_code == 400 and "belum dibuka" in response.content.decode()
    assert not Responden.objects.exists()
