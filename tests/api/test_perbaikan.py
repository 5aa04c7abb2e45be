"""Review fixes of the API (issue 14 follow-up): each test here failed before its fix."""

import json
import logging
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iku_project.api.tulis import KunciDipakaiLain, SudahTerkirim, hasil_pertama
from kecamatan.api.auth import GAGAL_MAKS_PER_MENIT
from kecamatan.models import JenisBukti, Keanggotaan, Kegiatan, Peran, TokenAPI
from kecamatan.services import TOKEN_AKTIF_MAKS, token_api_create, token_api_revoke_by_admin
from tests.factories import KabupatenFactory, KecamatanFactory
from tests.kecamatan.contoh import pdf_bytes
from wilayah.models import Desa


def _log_api(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "iku.keamanan" and r.getMessage().startswith("api ")]


def test_a_bad_token_asking_for_html_gets_a_406_and_a_log_line_not_a_500(caplog):
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        response = Client().get(
            "/api/v1/katalog/", HTTP_AUTHORIZATION="Token iku_zzzzzzzz_salah", HTTP_ACCEPT="text/html"
        )
    assert response.status_code == 406
    baris = _log_api(caplog)
    assert len(baris) == 1 and "user=- token=-" in baris[0] and "status=406" in baris[0]


def test_the_log_line_still_names_an_accepted_token(api_for, make_user, senduro, caplog):
    client = api_for(make_user(Peran.STAF, kecamatan=senduro))
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        assert client.get("/api/v1/katalog/").status_code == 200
    baris = _log_api(caplog)
    assert "user=staf-" in baris[0] and "token=-" not in baris[0]


def test_a_bukti_key_reused_on_another_endpoint_never_answers_the_bukti_as_a_kegiatan(
    api_for, kasi_senduro, kegiatan_senduro, uraian, jam
):
    jam.pindah("2025-06-10")
    client = api_for(kasi_senduro)
    jenis = JenisBukti.objects.filter(aktif=True).first()
    bukti = client.post(f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/",
                        {"jenis": jenis.kode, "tanggal": "2025-03-02"}, HTTP_IDEMPOTENCY_KEY="sama")  # fmt: skip
    assert bukti.status_code == 201
    data = {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan"}
    kegiatan = client.post("/api/v1/kegiatan/", json.dumps(data), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="sama")  # fmt: skip
    assert kegiatan.status_code == 201 and "Idempotent-Replayed" not in kegiatan
    assert Kegiatan.objects.filter(pk=kegiatan.json()["id"], uraian_teks=uraian.teks, tanggal="2025-06-09").exists()


def test_a_stored_result_of_another_kind_is_a_422_not_a_wrong_object():
    request = SimpleNamespace(data={})
    with pytest.raises(KunciDipakaiLain) as exc:
        hasil_pertama(SudahTerkirim("/api/v1/kegiatan/1/bukti/2/"), "api:kegiatan-detail", request)
    assert exc.value.status_code == 422 and "sudah dipakai" in str(exc.value.detail)
    assert hasil_pertama(SudahTerkirim("/api/v1/kegiatan/7/"), "api:kegiatan-detail", request) == {"pk": 7}


def test_a_key_reused_for_another_body_is_a_422_and_makes_nothing(api_for, kasi_senduro, kegiatan_senduro, uraian, jam):
    jam.pindah("2025-06-10")
    client = api_for(kasi_senduro)

    def kirim(tanggal):
        data = {"uraian": uraian.pk, "tanggal": tanggal, "status": "dilaksanakan"}
        return client.post("/api/v1/kegiatan/", json.dumps(data), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip

    pertama, ulang, lain = kirim("2025-06-09"), kirim("2025-06-09"), kirim("2025-06-08")
    assert pertama.status_code == ulang.status_code == 201 and ulang["Idempotent-Replayed"] == "true"
    assert lain.status_code == 422 and lain.json() == {
        "detail": "Idempotency-Key ini sudah dipakai untuk permintaan lain."
    }
    assert Kegiatan.objects.count() == 2  # kegiatan_senduro and the first

    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/"
    jenis = JenisBukti.objects.filter(aktif=True).first()

    def unggah(isi):
        return client.post(url, {"jenis": jenis.kode, "tanggal": "2025-03-02",
                                 "berkas": SimpleUploadedFile("ba.pdf", isi)}, HTTP_IDEMPOTENCY_KEY="u-1")  # fmt: skip

    assert unggah(pdf_bytes()).status_code == 201
    assert unggah(pdf_bytes()).status_code == 201
    assert unggah(pdf_bytes() + b"\n% lain").status_code == 422


def _token(user):
    return token_api_create(user=user, nama="lapangan", berlaku_hari=30, sekarang=timezone.now())


def test_an_admin_resetting_a_password_revokes_the_users_tokens(make_user, client, senduro):
    admin_kab = make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro)
    staf = make_user(Peran.STAF, kecamatan=senduro)
    baris, token = _token(staf)
    assert Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    client.force_login(admin_kab)
    response = client.post(reverse("admin:auth_user_password_change", args=[staf.pk]),
                           {"password1": "Sementara-2026-y", "password2": "Sementara-2026-y",
                            "usable_password": "true"})  # fmt: skip
    assert response.status_code == 302
    baris.refresh_from_db()
    assert baris.dicabut_pada is not None
    assert Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_a_token_is_refused_while_the_password_must_be_changed(make_user, senduro):
    staf = make_user(Peran.STAF, kecamatan=senduro)
    _, token = _token(staf)
    Keanggotaan.objects.filter(user=staf).update(wajib_ganti_sandi=True)
    response = Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401 and "ganti kata sandi" in response.json()["detail"]
    Keanggotaan.objects.filter(user=staf).update(wajib_ganti_sandi=False)
    assert Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_the_admin_lists_and_revokes_only_its_kabupatens_tokens(make_user, client, senduro):
    admin_kab = make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro)
    sini, _ = _token(make_user(Peran.STAF, kecamatan=senduro))
    sana, _ = _token(
        make_user(
            Peran.STAF, kecamatan=KecamatanFactory(kabupaten=KabupatenFactory(kode="35.09", nama="Kabupaten Jember"))
        )
    )
    client.force_login(admin_kab)
    daftar = client.get(reverse("admin:kecamatan_tokenapi_changelist"))
    assert daftar.status_code == 200
    html = daftar.content.decode()
    assert sini.prefix in html and sana.prefix not in html and "Cabut token" in html
    assert client.get(reverse("admin:kecamatan_tokenapi_change", args=[sana.pk])).status_code in (302, 404)
    client.post(reverse("admin:kecamatan_tokenapi_changelist"),
                {"action": "cabut_token", "_selected_action": [sini.pk, sana.pk]})  # fmt: skip
    sini.refresh_from_db()
    sana.refresh_from_db()
    assert sini.dicabut_pada is not None and sana.dicabut_pada is None
    # The service holds its own line: a staf cannot revoke anyone's token, an admin not beyond the kabupaten.
    with pytest.raises(PermissionDenied):
        token_api_revoke_by_admin(admin=make_user(Peran.STAF, kecamatan=senduro), token_pks=[sini.pk],
                                  sekarang=timezone.now())  # fmt: skip
    assert token_api_revoke_by_admin(admin=admin_kab, token_pks=[sana.pk], sekarang=timezone.now()) == 0


def _log_token(caplog):
    return [(r.levelname, r.getMessage()) for r in caplog.records if "token api" in r.getMessage()]


def test_token_creation_revocation_and_failed_attempts_are_in_the_security_log(client_for, make_user, senduro, caplog):
    user = make_user(Peran.STAF, kecamatan=senduro)
    client = client_for(user)
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        client.post(reverse("indikator:token-buat"), {"nama": "e-SAKIP", "berlaku_hari": 30}, REMOTE_ADDR="10.1.2.3")
        baris = TokenAPI.objects.get(user=user)
        client.post(reverse("indikator:token-cabut", args=[baris.pk]), REMOTE_ADDR="10.1.2.3")
        Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION="Token iku_ab12cd34_salah\nPALSU", REMOTE_ADDR="10.9.9.9")
        Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION="Token iku_ab12cd34_salah", REMOTE_ADDR="10.9.9.9")
    user_name = user.get_username()
    assert _log_token(caplog) == [
        ("INFO", f"token api dibuat user={user_name} token={baris.prefix} ip=10.1.2.3"),
        ("INFO", f"token api dicabut user={user_name} token={baris.prefix} oleh={user_name} ip=10.1.2.3"),
        ("WARNING", "token api ditolak token=ab12cd34 ip=10.9.9.9"),
    ]


def test_failed_token_attempts_are_throttled_per_address_before_any_lookup(
    make_user, senduro, django_assert_num_queries
):
    _, token = _token(make_user(Peran.STAF, kecamatan=senduro))
    penebak = Client(REMOTE_ADDR="10.6.6.6")
    jawaban = [
        penebak.get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token iku_{n:08d}_x").status_code
        for n in range(GAGAL_MAKS_PER_MENIT + 1)
    ]
    assert jawaban == [401] * GAGAL_MAKS_PER_MENIT + [429]
    with django_assert_num_queries(0):
        ditahan = penebak.get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}")
    assert ditahan.status_code == 429 and "Terlalu banyak" in ditahan.json()["detail"]
    # Another address is not held back by this one's guesses.
    assert (
        Client(REMOTE_ADDR="10.7.7.7").get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    )


def test_an_eleventh_active_token_is_refused_at_the_name_field(client_for, make_user, senduro):
    user = make_user(Peran.STAF, kecamatan=senduro)
    for _ in range(TOKEN_AKTIF_MAKS):
        _token(user)
    response = client_for(user).post(reverse("indikator:token-buat"), {"nama": "kesebelas", "berlaku_hari": 30})
    assert response.status_code == 400
    assert f"sudah memiliki {TOKEN_AKTIF_MAKS} token aktif" in response.context["token_form"].errors["nama"][0]
    assert TokenAPI.objects.filter(user=user).count() == TOKEN_AKTIF_MAKS
    # A revoked one frees its place.
    TokenAPI.objects.filter(pk=TokenAPI.objects.filter(user=user).first().pk).update(dicabut_pada=timezone.now())
    _token(user)


def _dokumen_senduro(kasi):
    from desa.models import DokumenDesa

    desa = Desa.objects.get(kode="35.08.12.2001")
    return DokumenDesa.objects.create(desa=desa, jenis="apbdes", tahun_anggaran=2025, tanggal="2024-12-20",
                                      nomor="5", catatan="Disahkan rapat BPD", diubah_oleh=kasi)  # fmt: skip


def test_a_desa_document_shows_its_catatan_and_a_put_without_it_keeps_it(api_for, kasi_senduro, jam):
    jam.pindah("2025-07-01")
    _dokumen_senduro(kasi_senduro)
    client = api_for(kasi_senduro)
    url = "/api/v1/dokumen-desa/35.08.12.2001/apbdes/2025/"
    dibaca = client.get(url)
    assert dibaca.json()["catatan"] == "Disahkan rapat BPD"
    ubah = client.put(url, json.dumps({"tanggal": "2024-12-21"}), content_type="application/json",
                      HTTP_IF_MATCH=dibaca["ETag"])  # fmt: skip
    assert ubah.status_code == 200
    assert ubah.json()["catatan"] == "Disahkan rapat BPD" and ubah.json()["nomor"] == "5"
    kosong = client.put(url, json.dumps({"tanggal": "2024-12-21", "catatan": ""}), content_type="application/json",
                        HTTP_IF_MATCH=ubah["ETag"])  # fmt: skip
    assert kosong.json()["catatan"] == ""


def test_a_desa_document_changed_after_the_if_match_check_is_a_412_and_nothing_written(
    api_for, kasi_senduro, jam, monkeypatch
):
    from desa import api as desa_api
    from desa.models import DokumenDesa

    jam.pindah("2025-07-01")
    dokumen = _dokumen_senduro(kasi_senduro)
    client = api_for(kasi_senduro)
    url = "/api/v1/dokumen-desa/35.08.12.2001/apbdes/2025/"
    tag = client.get(url)["ETag"]
    asli = desa_api.versi_dari_if_match

    def lalu_orang_lain_menyimpan(request, **kwargs):
        versi = asli(request, **kwargs)
        DokumenDesa.objects.filter(pk=dokumen.pk).update(nomor="dari orang lain", diubah_pada=timezone.now())
        return versi

    monkeypatch.setattr(desa_api, "versi_dari_if_match", lalu_orang_lain_menyimpan)
    response = client.put(url, json.dumps({"tanggal": "2024-12-22", "nomor": "6"}), content_type="application/json",
                          HTTP_IF_MATCH=tag)  # fmt: skip
    assert response.status_code == 412
    dokumen.refresh_from_db()
    assert dokumen.nomor == "dari orang lain" and str(dokumen.tanggal) == "2024-12-20"


# Words of DRF's English defaults; none may reach a client.
INGGRIS = re.compile(
    r"Invalid|Expected|parse error|Must be|Not a valid|does not exist|submitted data|Incorrect type|"
    r"This field|Ensure this|valid integer|not a valid|Request was|Authentication|credentials"
)


def _pesan(body) -> list[str]:
    if isinstance(body, dict):
        return [m for value in body.values() for m in _pesan(value)]
    if isinstance(body, list):
        return [m for item in body for m in _pesan(item)]
    return [str(body)]


def test_no_malformed_request_gets_drfs_english_defaults(api_for, kasi_senduro, kegiatan_senduro):
    client = api_for(kasi_senduro)
    bukti = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/"

    def kirim(isi, jenis="application/json", url="/api/v1/kegiatan/"):
        return client.post(url, isi, content_type=jenis)

    jawaban = {
        "cursor": client.get("/api/v1/kegiatan/?cursor=zzz"),
        "json rusak": kirim("{bad"),
        "bukan utf-8": kirim(b"\xff\xfe"),
        "json daftar": kirim("[1]"),
        "415": kirim("x", "text/plain"),
        "406": client.get("/api/v1/kegiatan/", HTTP_ACCEPT="text/html"),
        "405": client.delete("/api/v1/kegiatan/"),
        "jumlah": client.get("/api/v1/kegiatan/?jumlah=abc"),
        "boolean": client.get("/api/v1/kegiatan/?perlu_tindak_lanjut=zz"),
        "kosong": kirim("{}"),
        "jenis nilai": kirim(json.dumps({"status": "x", "tanggal": "x", "uraian": "x", "desa": "a", "keterangan": {}})),
        "tidak ada": kirim(json.dumps({"status": "rencana", "tanggal": "2025-01-01", "uraian": 999999, "desa": ["z"]})),
        "multipart rusak": kirim(b"xx", "multipart/form-data", bukti),
        "bukan berkas": client.post(bukti, {"jenis": "x", "tanggal": "2025-01-01", "berkas": "teks"}),
        "header": Client(HTTP_AUTHORIZATION="Token").get("/api/v1/kegiatan/"),
        "tanpa token": Client().get("/api/v1/kegiatan/"),
    }
    for nama, response in jawaban.items():
        assert 400 <= response.status_code < 500, nama
        inggris = [m for m in _pesan(response.json()) if INGGRIS.search(m)]
        assert inggris == [], f"{nama}: {inggris}"
    assert jawaban["cursor"].status_code == 400
    assert jawaban["cursor"].json() == {"cursor": ["Penanda halaman tidak sah."]}
    assert jawaban["json rusak"].json() == {"detail": "Isi permintaan bukan JSON yang sah."}


def test_the_kegiatan_list_takes_any_known_year_and_a_desa_by_its_code(
    api_for, kasi_senduro, kegiatan_senduro, uraian, lumajang, jam
):
    jam.pindah("2025-06-10")
    lama = Kegiatan(kecamatan=kegiatan_senduro.kecamatan, tanggal="2019-05-01", status="rencana")
    lama.snapshot_katalog(uraian)
    lama.save()
    client = api_for(kasi_senduro)
    tahun_2019 = client.get("/api/v1/kegiatan/?tahun=2019")
    assert tahun_2019.status_code == 200 and [k["id"] for k in tahun_2019.json()["results"]] == [lama.pk]
    salah = client.get("/api/v1/kegiatan/?tahun=1800")
    assert salah.status_code == 400 and "1800" in salah.json()["tahun"][0]
    desa = kegiatan_senduro.desa.first()
    per_desa = client.get(f"/api/v1/kegiatan/?desa={desa.kode}").json()["results"]
    assert [k["id"] for k in per_desa] == [kegiatan_senduro.pk]
    assert client.get(f"/api/v1/kegiatan/?desa={lumajang.desa.first().kode}").status_code == 404
    assert client.get("/api/v1/kegiatan/?desa=99.99.99.9999").status_code == 404


def test_the_schema_documents_the_kegiatan_filters_and_the_desa_documents_catatan(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    daftar = schema["paths"]["/api/v1/kegiatan/"]["get"]["parameters"]
    assert {"kategori", "jenis", "desa", "tahun"} <= {p["name"] for p in daftar}
    assert "catatan" in schema["components"]["schemas"]["SelDokumenDesa"]["properties"]


@pytest.mark.parametrize("accept", ["application/pdf", "image/png", "text/html", "*/*"])
def test_a_bukti_file_downloads_whatever_the_accept_header(api_for, kasi_senduro, kegiatan_senduro, accept):
    client = api_for(kasi_senduro)
    jenis = JenisBukti.objects.filter(aktif=True).first()
    isi = pdf_bytes()
    body = client.post(f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/",
                       {"jenis": jenis.kode, "tanggal": "2025-03-02",
                        "berkas": SimpleUploadedFile("ba.pdf", isi)}).json()  # fmt: skip
    unduh = client.get(body["unduh"], HTTP_ACCEPT=accept)
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == isi
    assert unduh["Content-Type"] == "application/pdf"
    hilang = client.get(body["unduh"].replace(f"/{body['id']}/", "/999999/"), HTTP_ACCEPT=accept)
    assert hilang.status_code == 404 and hilang.json()["detail"]


def test_if_match_compares_strongly_a_weak_tag_is_a_412(api_for, kasi_senduro, kegiatan_senduro):
    client = api_for(kasi_senduro)
    url = f"/api/v1/kegiatan/{kegiatan_senduro.pk}/output/"
    etag = client.get(f"/api/v1/kegiatan/{kegiatan_senduro.pk}/")["ETag"]
    data = json.dumps({"output": "Berita acara", "tanggal_output": "2025-03-02"})
    lemah = client.put(url, data, content_type="application/json", HTTP_IF_MATCH=f"W/{etag}")
    assert lemah.status_code == 412
    assert client.put(url, data, content_type="application/json", HTTP_IF_MATCH=etag).status_code == 200


def test_the_reports_of_another_kecamatan_are_a_404_not_an_empty_list(api_for, kasi_senduro, senduro, lumajang):
    client = api_for(kasi_senduro)
    assert client.get(f"/api/v1/laporan/?kecamatan={senduro.kode}").status_code == 200
    assert client.get(f"/api/v1/laporan/?kecamatan={lumajang.kode}").status_code == 404
    assert client.get("/api/v1/laporan/?kecamatan=99.99.99").status_code == 404
