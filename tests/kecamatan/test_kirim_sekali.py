"""One-time form tokens: a create form sent many times (double click, resend) makes one object."""

import re

from django.urls import reverse
from django.utils import timezone

from iku_project.models import TokenFormulir
from kecamatan.models import BuktiPendukung, Kegiatan
from tests.kecamatan.contoh import png_bytes, upload


def _token_dari(html: str) -> str:
    return re.search(r'name="token_kirim" value="([^"]+)"', html).group(1)


def _data_kegiatan(uraian, seksi, token, **overrides):
    return {
        "kategori": uraian.jenis.kategori,
        "jenis": uraian.jenis_id,
        "uraian": uraian.pk,
        "tanggal": timezone.localdate().isoformat(),
        "status": "dilaksanakan",
        "seksi": seksi.pk,
        "keterangan": "Rapat koordinasi RKPDes",
        "token_kirim": token,
    } | overrides


def test_twenty_identical_posts_of_the_create_form_make_one_kegiatan(
    client_for, orang, uraian, senduro, seksi_pemerintahan
):
    client = client_for(orang["staf"])
    token = _token_dari(client.get(reverse("kecamatan:kegiatan-create")).content.decode())
    data = _data_kegiatan(uraian, seksi_pemerintahan, token)
    responses = [client.post(reverse("kecamatan:kegiatan-create"), data) for _ in range(20)]
    assert Kegiatan.objects.count() == 1
    kegiatan = Kegiatan.objects.get()
    detail = reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])
    # Every later submission is sent to the kegiatan the first one made, with a word why.
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, detail)] * 20
    later = client.post(reverse("kecamatan:kegiatan-create"), data, follow=True)
    assert later.request["PATH_INFO"] == detail
    assert "Formulir ini sudah terkirim sebelumnya; kegiatan hanya dicatat sekali." in later.content.decode()
    # A fresh form gets a fresh token, so logging a second, real kegiatan still works.
    token_baru = _token_dari(client.get(reverse("kecamatan:kegiatan-create")).content.decode())
    assert token_baru != token
    client.post(reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token_baru))
    assert Kegiatan.objects.count() == 2


def test_a_refused_submission_does_not_use_up_its_token(client_for, orang, uraian, senduro, seksi_pemerintahan):
    client = client_for(orang["staf"])
    token = _token_dari(client.get(reverse("kecamatan:kegiatan-create")).content.decode())
    invalid = client.post(
        reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token, tanggal="")
    )
    assert invalid.status_code == 200
    # The redisplayed form keeps the same token: corrected and sent again, it saves once.
    assert _token_dari(invalid.content.decode()) == token
    assert not TokenFormulir.objects.exists()
    client.post(reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token))
    client.post(reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token))
    assert Kegiatan.objects.count() == 1


def test_the_no_javascript_round_trip_keeps_the_token(client_for, orang, uraian, senduro, seksi_pemerintahan):
    client = client_for(orang["staf"])
    token = _token_dari(client.get(reverse("kecamatan:kegiatan-create")).content.decode())
    data = _data_kegiatan(uraian, seksi_pemerintahan, token) | {"pilih": "1"}
    assert _token_dari(client.post(reverse("kecamatan:kegiatan-create"), data).content.decode()) == token


def test_a_post_without_a_token_is_refused_at_the_form(client_for, orang, uraian, senduro, seksi_pemerintahan):
    data = _data_kegiatan(uraian, seksi_pemerintahan, "")
    response = client_for(orang["staf"]).post(reverse("kecamatan:kegiatan-create"), data)
    assert response.status_code == 200
    assert "Formulir ini tidak lengkap. Muat ulang halaman, lalu kirim lagi." in response.content.decode()
    assert not Kegiatan.objects.exists()


def test_another_users_token_neither_saves_nor_reveals_their_kegiatan(
    client_for, orang, uraian, senduro, seksi_pemerintahan
):
    client = client_for(orang["staf"])
    token = _token_dari(client.get(reverse("kecamatan:kegiatan-create")).content.decode())
    client.post(reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token))
    lain = client_for(orang["staf_lain"])
    response = lain.post(reverse("kecamatan:kegiatan-create"), _data_kegiatan(uraian, seksi_pemerintahan, token))
    assert response.status_code == 302
    assert response["Location"] == reverse("kecamatan:kegiatan-list")
    assert Kegiatan.objects.count() == 1


def test_a_bukti_upload_sent_twice_is_stored_once(
    client_for, orang, senduro, make_kegiatan, seksi_pemerintahan, jenis_bukti
):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan)
    client = client_for(orang["kasi"])
    token = _token_dari(client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])).content.decode())
    for _ in range(5):
        response = client.post(
            reverse("kecamatan:bukti-create", args=[kegiatan.pk]),
            {
                "jenis": jenis_bukti.pk,
                "nomor": "005/9/427.12/2026",
                "tanggal": "2026-03-03",
                "berkas": upload("Foto rapat.png", png_bytes()),
                "token_kirim": token,
            },
        )
        assert response.status_code == 302
    assert BuktiPendukung.objects.filter(kegiatan=kegiatan).count() == 1
