"""Read endpoints: the same figures as the commands and pages, within the token owner's scope."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from desa.models import DokumenDesa
from indikator.models import PengesahanLaporan
from kecamatan.models import BuktiPendukung, JenisBukti, Peran
from tests import factories


def _perintah(nama, *args) -> dict:
    out = io.StringIO()
    call_command(nama, *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def data_senduro(kegiatan_senduro, kasi_senduro, senduro):
    """A followed-up kegiatan and a desa document on time, so both IKU have a figure."""
    kegiatan_senduro.output = "Berita acara"
    kegiatan_senduro.tanggal_output = "2025-03-03"
    kegiatan_senduro.save()
    BuktiPendukung.objects.create(kegiatan=kegiatan_senduro, jenis=JenisBukti.objects.first(), tanggal="2025-03-03")
    desa = senduro.desa.get(kode="35.08.12.2001")
    DokumenDesa.objects.create(desa=desa, jenis="apbdes", tahun_anggaran=2025, tanggal="2024-12-20")
    return kegiatan_senduro


def test_capaian_of_a_kecamatan_is_exactly_iku_reports_json(api_for, kasi_senduro, data_senduro, jam):
    jam.pindah("2025-07-01")
    response = api_for(kasi_senduro).get("/api/v1/capaian/?kecamatan=35.08.12&tahun=2025")
    assert response.status_code == 200
    assert response.json() == _perintah("iku_report", "--kecamatan", "35.08.12", "--tahun", "2025")
    assert response.json()["iku1"]["numerator"] == 1


def test_capaian_of_a_kabupaten_is_exactly_iku_reports_json(api_for, make_user, kabupaten, data_senduro, lumajang, jam):
    jam.pindah("2025-07-01")
    client = api_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    response = client.get("/api/v1/capaian/?kabupaten=35.08&tahun=2025&bagian=s1")
    assert response.status_code == 200
    assert response.json() == _perintah("iku_report", "--kabupaten", "35.08", "--tahun", "2025", "--semester", "1")
    assert len(response.json()["hasil"]) == 2


def test_capaian_refusals(api_for, kasi_senduro, lumajang, senduro):
    client = api_for(kasi_senduro)
    assert client.get("/api/v1/capaian/?kecamatan=35.08.10&tahun=2025").status_code == 404
    assert client.get("/api/v1/capaian/?kabupaten=35.08&tahun=2025").status_code == 403
    assert client.get("/api/v1/capaian/?tahun=2025").json() == {
        "kecamatan": ["Sebutkan satu: kecamatan atau kabupaten."]
    }
    salah = client.get("/api/v1/capaian/?kecamatan=35.08.12&dari=2025-01-01&sampai=2026-01-01")
    assert salah.status_code == 400 and salah.json()["periode"] == ["Rentang tanggal harus berada dalam satu tahun."]


def test_skm_is_exactly_skm_reports_json(api_for, kasi_senduro, jam):
    jam.pindah("2025-07-01")
    response = api_for(kasi_senduro).get("/api/v1/skm/?tahun=2025&bagian=s1")
    assert response.status_code == 200
    assert response.json() == _perintah("skm_report", "--kecamatan", "35.08.12", "--tahun", "2025", "--semester", "1")


def test_wilayah_lists_only_the_scope(api_for, kasi_senduro, make_user, kabupaten, lumajang, senduro):
    factories.KecamatanFactory(kode="35.09.01", nama="Lain", kabupaten=factories.KabupatenFactory(kode="35.09"))
    kasi = api_for(kasi_senduro)
    assert [k["kode"] for k in kasi.get("/api/v1/wilayah/kecamatan/").json()] == ["35.08.12"]
    desa = kasi.get("/api/v1/wilayah/desa/").json()
    assert {d["kode"][:8] for d in desa} == {"35.08.12"} and len(desa) == 3
    admin = api_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    assert [k["kode"] for k in admin.get("/api/v1/wilayah/kecamatan/").json()] == ["35.08.10", "35.08.12"]
    assert [k["kode"] for k in admin.get("/api/v1/wilayah/kabupaten/").json()] == ["35.08"]
    kelurahan = admin.get("/api/v1/wilayah/desa/?kecamatan=35.08.10").json()
    assert sorted(d["jenis"] for d in kelurahan) == ["desa", "desa", "kelurahan", "kelurahan"]


def test_katalog_is_the_pages_search(api_for, kasi_senduro, uraian):
    hasil = api_for(kasi_senduro).get("/api/v1/katalog/").json()
    ids = [u["id"] for k in hasil for j in k["jenis"] for u in j["uraian"]]
    assert uraian.pk in ids


def test_dokumen_desa_status_per_year_and_a_cell_written_with_if_match(api_for, kasi_senduro, data_senduro, jam):
    jam.pindah("2025-07-01")
    client = api_for(kasi_senduro)
    matriks = client.get("/api/v1/dokumen-desa/?tahun=2025").json()
    assert [b["kode"] for b in matriks["desa"]] == ["35.08.12.2001", "35.08.12.2002", "35.08.12.2011"]
    assert {s["jenis"] for s in matriks["desa"][0]["dokumen"]} == {"rkpdes", "apbdes", "lppdes"}
    url = "/api/v1/dokumen-desa/35.08.12.2001/apbdes/2025/"
    assert client.get(url).json()["status"] == "tepat_waktu"
    tanpa = client.put(url, json.dumps({"tanggal": "2024-12-21"}), content_type="application/json")
    assert tanpa.status_code == 428
    etag = client.get(url)["ETag"]
    ubah = client.put(url, json.dumps({"tanggal": "2024-12-21", "nomor": "7"}), content_type="application/json",
                      HTTP_IF_MATCH=etag)  # fmt: skip
    assert ubah.status_code == 200 and ubah.json()["nomor"] == "7"
    usang = client.put(url, json.dumps({"tanggal": "2024-12-22"}), content_type="application/json", HTTP_IF_MATCH=etag)
    assert usang.status_code == 412
    baru = client.put("/api/v1/dokumen-desa/35.08.12.2002/rkpdes/2025/", json.dumps({"tanggal": "2024-09-30"}),
                      content_type="application/json")  # fmt: skip
    assert baru.status_code == 200 and baru.json()["status"] == "tepat_waktu"


def test_a_kelurahan_has_no_desa_document(api_for, make_user, lumajang):
    client = api_for(make_user(Peran.KASI, kecamatan=lumajang))
    response = client.put("/api/v1/dokumen-desa/35.08.10.1001/apbdes/2025/", json.dumps({"tanggal": "2024-12-20"}),
                          content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert not DokumenDesa.objects.exists()


def test_a_staf_may_not_write_a_desa_document(api_for, make_user, senduro):
    client = api_for(make_user(Peran.STAF, kecamatan=senduro))
    response = client.put("/api/v1/dokumen-desa/35.08.12.2001/apbdes/2025/", json.dumps({"tanggal": "2024-12-20"}),
                          content_type="application/json")  # fmt: skip
    assert response.status_code == 403


def test_approved_reports_carry_their_verification_url(api_for, kasi_senduro, senduro, settings):
    settings.IKU_URL_DASAR = "https://iku.lumajangkab.go.id"
    pengesahan = PengesahanLaporan.objects.create(
        kecamatan=senduro, periode_mulai="2025-01-01", periode_selesai="2025-12-31", periode_jenis="tahun",
        versi=1, tanggal="2026-01-05", data={"iku1": {"percent": "50.00"}}, penandatangan={}, berkas="x.pdf",
        sha256="0" * 64, disahkan_oleh=kasi_senduro, disahkan_pada=timezone.now(),
    )  # fmt: skip
    hasil = api_for(kasi_senduro).get("/api/v1/laporan/?tahun=2025").json()
    assert hasil[0]["url_verifikasi"] == f"https://iku.lumajangkab.go.id/laporan/verifikasi/{pengesahan.token}/"
    assert hasil[0]["data"] == {"iku1": {"percent": "50.00"}} and hasil[0]["periode"] == "Tahun 2025"


def test_the_schema_and_docs_are_served_from_our_own_static_files(client_for, kasi_senduro):
    client = client_for(kasi_senduro)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http" not in html.split("<body>")[1].split("</body>")[0].replace("http-equiv", "")
    assert "<script>" not in html  # the strict CSP: the init script is a file too
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and json.loads(schema.content)["info"]["title"] == "API IKU Kecamatan"
    assert Client().get("/api/v1/docs/").status_code == 302


def test_a_nul_character_is_bad_input_not_a_database_error(api_for, kasi_senduro):
    client = api_for(kasi_senduro)
    assert client.get("/api/v1/kegiatan/?kecamatan=35.08%00").json() == {"kecamatan": ["Karakter NUL tidak diizinkan."]}
    assert client.get("/api/v1/dokumen-desa/35.08.12.2001%00/apbdes/2025/").status_code == 400


def test_the_capaian_and_skm_answers_are_described_by_the_schema(api_for, make_user, kabupaten, data_senduro, jam):
    """The schema describes iku_report's and skm_report's JSON field by field, so schemathesis checks the bodies."""
    import jsonschema
    from drf_spectacular.generators import SchemaGenerator

    def tanpa_nullable(node):
        # OpenAPI 3.0's "nullable" is not JSON Schema: spell it as a type that admits null.
        if isinstance(node, dict):
            if node.pop("nullable", False) and "type" in node:
                node["type"] = [node["type"], "null"]
            for value in node.values():
                tanpa_nullable(value)
        elif isinstance(node, list):
            for value in node:
                tanpa_nullable(value)
        return node

    jam.pindah("2025-07-01")
    skema = tanpa_nullable(json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True))))
    client = api_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    for url, nama in [
        ("/api/v1/capaian/?kecamatan=35.08.12&tahun=2025", "CapaianKecamatan"),
        ("/api/v1/capaian/?kabupaten=35.08&tahun=2025", "CapaianKabupaten"),
        ("/api/v1/skm/?kecamatan=35.08.12&tahun=2025", "HasilSKM"),
    ]:
        body = client.get(url).json()
        jsonschema.validate(body, {"$ref": f"#/components/schemas/{nama}", **skema})
