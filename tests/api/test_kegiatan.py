"""Kegiatan and bukti through the API: the list page's filters, the services' rules, ETag/If-Match, Idempotency-Key."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Peran
from kecamatan.validation import PESAN_DILAKSANAKAN_DEPAN
from tests.kecamatan.contoh import pdf_bytes


def _json(client, method, url, data, **headers):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def staf_senduro(make_user, senduro, seksi_pemerintahan):
    return make_user(Peran.STAF, kecamatan=senduro, seksi=seksi_pemerintahan)


def test_create_uses_the_service_and_answers_the_kegiatan_with_its_etag(api_for, staf_senduro, uraian, jam, senduro):
    jam.pindah("2025-06-10")
    response = _json(api_for(staf_senduro), "post", "/api/v1/kegiatan/",
                     {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan",
                      "desa": ["35.08.12.2001"], "keterangan": "Rapat"})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    kegiatan = Kegiatan.objects.get(pk=body["id"])
    assert kegiatan.dibuat_oleh == staf_senduro and kegiatan.kecamatan == senduro
    assert body["desa"] == ["35.08.12.2001"] and body["uraian_teks"] == uraian.teks
    assert response["ETag"] == body["etag"] == f'"{kegiatan.pk}-1"'
    assert kegiatan.history.count() == 1  # the service's single history record


def test_validation_errors_name_the_field_in_bahasa_indonesia(api_for, staf_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    client = api_for(staf_senduro)
    kosong = _json(client, "post", "/api/v1/kegiatan/", {"status": "dilaksanakan"})
    assert kosong.status_code == 400
    assert kosong.json()["uraian"] == ["Bidang ini harus diisi."]
    depan = _json(client, "post", "/api/v1/kegiatan/",
                  {"uraian": uraian.pk, "tanggal": "2025-06-11", "status": "dilaksanakan"})  # fmt: skip
    assert depan.status_code == 400
    assert depan.json() == {"tanggal": [PESAN_DILAKSANAKAN_DEPAN]}
    assert not Kegiatan.objects.exists()


def test_a_desa_of_another_kecamatan_is_refused(api_for, staf_senduro, uraian, lumajang, jam):
    jam.pindah("2025-06-10")
    response = _json(api_for(staf_senduro), "post", "/api/v1/kegiatan/",
                     {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan",
                      "desa": ["35.08.10.2001"]})  # fmt: skip
    assert response.status_code == 400 and "desa" in response.json()


def test_an_idempotency_key_makes_one_kegiatan_however_often_it_is_sent(api_for, staf_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    client = api_for(staf_senduro)
    data = {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan"}
    pertama = _json(client, "post", "/api/v1/kegiatan/", data, HTTP_IDEMPOTENCY_KEY="hp-123")
    kedua = _json(client, "post", "/api/v1/kegiatan/", data, HTTP_IDEMPOTENCY_KEY="hp-123")
    assert pertama.status_code == kedua.status_code == 201
    assert pertama.json()["id"] == kedua.json()["id"]
    assert kedua["Idempotent-Replayed"] == "true"
    assert Kegiatan.objects.count() == 1
    # Another key is another kegiatan; so is no key at all.
    _json(client, "post", "/api/v1/kegiatan/", data, HTTP_IDEMPOTENCY_KEY="hp-124")
    _json(client, "post", "/api/v1/kegiatan/", data)
    assert Kegiatan.objects.count() == 3


def test_the_same_key_from_two_users_makes_two_kegiatan(api_for, staf_senduro, make_user, senduro, uraian, jam):
    jam.pindah("2025-06-10")
    data = {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan"}
    a = _json(api_for(staf_senduro), "post", "/api/v1/kegiatan/", data, HTTP_IDEMPOTENCY_KEY="sama")
    b = _json(api_for(make_user(Peran.STAF, kecamatan=senduro)), "post", "/api/v1/kegiatan/", data,
              HTTP_IDEMPOTENCY_KEY="sama")  # fmt: skip
    assert a.json()["id"] != b.json()["id"]


def test_a_refused_create_leaves_its_key_unused(api_for, staf_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    client = api_for(staf_senduro)
    salah = _json(client, "post", "/api/v1/kegiatan/",
                  {"uraian": uraian.pk, "tanggal": "2025-06-11", "status": "dilaksanakan"},
                  HTTP_IDEMPOTENCY_KEY="k")  # fmt: skip
    assert salah.status_code == 400
    benar = _json(client, "post", "/api/v1/kegiatan/",
                  {"uraian": uraian.pk, "tanggal": "2025-06-10", "status": "dilaksanakan"},
                  HTTP_IDEMPOTENCY_KEY="k")  # fmt: skip
    assert benar.status_code == 201 and "Idempotent-Replayed" not in benar


def test_update_needs_if_match_and_refuses_a_stale_one(api_for, kasi_senduro, kegiatan_senduro, jam):
    jam.pindah("2025-06-10")
    client = api_for(kasi_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/"
    etag = client.get(url)["ETag"]
    assert _json(client, "patch", url, {"keterangan": "tanpa etag"}).status_code == 428
    berhasil = _json(client, "patch", url, {"keterangan": "baru"}, HTTP_IF_MATCH=etag)
    assert berhasil.status_code == 200, berhasil.content
    assert berhasil["ETag"] != etag and berhasil.json()["keterangan"] == "baru"
    usang = _json(client, "patch", url, {"keterangan": "menimpa"}, HTTP_IF_MATCH=etag)
    assert usang.status_code == 412
    kegiatan_senduro.refresh_from_db()
    assert kegiatan_senduro.keterangan == "baru" and kegiatan_senduro.versi == 2


def test_put_replaces_the_facts(api_for, kasi_senduro, kegiatan_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    client = api_for(kasi_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/"
    response = _json(client, "put", url, {"uraian": uraian.pk, "tanggal": "2025-03-02", "status": "dibatalkan"},
                     HTTP_IF_MATCH=client.get(url)["ETag"])  # fmt: skip
    assert response.status_code == 200
    assert response.json()["status"] == "dibatalkan" and response.json()["desa"] == []


def test_a_staf_may_not_change_someone_elses_kegiatan(api_for, staf_senduro, kegiatan_senduro, jam):
    jam.pindah("2025-06-10")
    client = api_for(staf_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/"
    response = _json(client, "patch", url, {"keterangan": "x"}, HTTP_IF_MATCH=client.get(url)["ETag"])
    assert response.status_code == 403
    assert "Staf hanya dapat mengubah" in response.json()["detail"]


def test_output_is_recorded_by_the_kasi_with_if_match(api_for, kasi_senduro, staf_senduro, kegiatan_senduro, jam):
    jam.pindah("2025-06-10")
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/output/"
    client = api_for(kasi_senduro)
    etag = client.get(f"/api/v1/kegiatan/{kegiatan_senduro.pk}/")["ETag"]
    data = {"output": "Berita acara", "tanggal_output": "2025-03-05"}
    assert _json(api_for(staf_senduro), "put", url, data, HTTP_IF_MATCH=etag).status_code == 403
    response = _json(client, "put", url, data, HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["output"] == "Berita acara"
    assert _json(client, "put", url, data, HTTP_IF_MATCH=etag).status_code == 412
    sebelum = _json(client, "put", url, {"output": "x", "tanggal_output": "2025-02-01"}, HTTP_IF_MATCH=response["ETag"])
    assert sebelum.status_code == 400 and "tanggal_output" in sebelum.json()


def test_bukti_upload_is_checked_like_the_page_and_downloads_through_the_checked_view(
    api_for, kasi_senduro, kegiatan_senduro
):
    client = api_for(kasi_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/"
    jenis = JenisBukti.objects.filter(aktif=True).first()
    palsu = client.post(url, {"jenis": jenis.kode, "tanggal": "2025-03-02",
                              "berkas": SimpleUploadedFile("x.pdf", b"<html>bukan pdf</html>")})  # fmt: skip
    assert palsu.status_code == 400 and "berkas" in palsu.json()
    assert not BuktiPendukung.objects.exists()
    isi = pdf_bytes()
    response = client.post(url, {"jenis": jenis.kode, "nomor": "12/BA", "tanggal": "2025-03-02",
                                 "berkas": SimpleUploadedFile("ba.pdf", isi)})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "application/pdf" and body["ada_berkas"]
    assert client.get(url).json()[0]["id"] == body["id"]
    assert client.get(f"{url}{body['id']}/").json()["nomor"] == "12/BA"
    unduh = client.get(body["unduh"])
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == isi
    assert unduh["Content-Disposition"].startswith("attachment")


def test_the_list_filters_like_the_page_and_pages_by_cursor(api_for, kasi_senduro, kegiatan_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    for hari in range(1, 6):
        k = Kegiatan(kecamatan=kegiatan_senduro.kecamatan, tanggal=f"2025-05-0{hari}", status="rencana")
        k.snapshot_katalog(uraian)
        k.save()
    client = api_for(kasi_senduro)
    semua = client.get("/api/v1/kegiatan/?tahun=2025&jumlah=4").json()
    assert len(semua["results"]) == 4 and semua["next"]
    sisa = client.get(semua["next"]).json()
    assert len(sisa["results"]) == 2 and not sisa["next"]
    assert client.get("/api/v1/kegiatan/?status=rencana").json()["results"].__len__() == 5
    perlu = client.get("/api/v1/kegiatan/?perlu_tindak_lanjut=true").json()["results"]
    assert [k["id"] for k in perlu] == [kegiatan_senduro.pk]
    assert client.get("/api/v1/kegiatan/?tahun=2024").json()["results"] == []
    salah = client.get("/api/v1/kegiatan/?bagian=tw9&tahun=2025")
    assert salah.status_code == 400 and "bagian" in salah.json()


def test_the_list_of_another_kecamatan_is_a_404(api_for, kasi_senduro, kegiatan_senduro, lumajang):
    client = api_for(kasi_senduro)
    assert client.get("/api/v1/kegiatan/?kecamatan=35.08.10").status_code == 404
    assert [k["id"] for k in client.get("/api/v1/kegiatan/?kecamatan=35.08.12").json()["results"]] == [
        kegiatan_senduro.pk
    ]


def test_a_retried_bukti_upload_with_its_key_stores_one_bukti(api_for, kasi_senduro, kegiatan_senduro):
    client = api_for(kasi_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/"
    jenis = JenisBukti.objects.filter(aktif=True).first()

    def kirim():
        return client.post(url, {"jenis": jenis.kode, "tanggal": "2025-03-02",
                                 "berkas": SimpleUploadedFile("ba.pdf", pdf_bytes())},
                           HTTP_IDEMPOTENCY_KEY="unggah-1")  # fmt: skip

    pertama, kedua = kirim(), kirim()
    assert pertama.status_code == kedua.status_code == 201
    assert pertama.json()["id"] == kedua.json()["id"] and kedua["Idempotent-Replayed"] == "true"
    assert BuktiPendukung.objects.count() == 1
