"""Paper questionnaires: the keyboard form, the workbook import (all or nothing), tenancy."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from kecamatan.models import Peran
from pekerjaan.models import Pekerjaan
from skm.impor import KOLOM, skm_workbook_import
from skm.models import Responden
from tests.pekerjaan.alur import kirim

HARI_INI = datetime.date(2026, 11, 23)


def workbook(rows, *, header=KOLOM):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def baris(nilai=3, **lebih):
    data = {
        "Tanggal": datetime.date(2026, 3, 2),
        "Jenis Layanan": "Surat keterangan",
        "Usia": 40,
        "Jenis Kelamin": "Perempuan",
        "Pendidikan": "SMA/SMK",
        "Pekerjaan": "Petani/nelayan",
        **{f"U{i}": nilai for i in range(1, 10)},
        "Saran": "",
    }
    data.update(lebih)
    return [data[k] for k in KOLOM]


def test_import_saves_every_row_and_a_second_import_adds_nothing(senduro, layanan_senduro):
    # Two identical paper sheets are two respondents, not one.
    rows = [baris(4), baris(4), baris(2, **{"Tanggal": "17/10/2026", "Jenis Kelamin": "L"})]
    hasil = skm_workbook_import(kecamatan=senduro, file=workbook(rows), hari_ini=HARI_INI)
    assert hasil.berhasil and hasil.baru == 3
    assert Responden.objects.filter(sumber="impor").count() == 3
    assert Responden.objects.filter(tanggal=datetime.date(2026, 10, 17), jenis_kelamin="L").exists()
    lagi = skm_workbook_import(kecamatan=senduro, file=workbook(rows), hari_ini=HARI_INI)
    assert (lagi.baru, lagi.sudah_ada) == (0, 3)
    assert Responden.objects.count() == 3


def test_a_bad_workbook_saves_nothing_and_names_row_and_column(senduro, layanan_senduro):
    rows = [baris(3), baris(5), baris(3, **{"Jenis Layanan": "Tidak ada"}), baris(3, Usia="tiga puluh")]
    hasil = skm_workbook_import(kecamatan=senduro, file=workbook(rows), hari_ini=HARI_INI)
    assert not hasil.berhasil
    tempat = {(k.baris, k.kolom.split(" ")[0]) for k in hasil.kesalahan}
    assert (3, "U1") in tempat and (3, "U9") in tempat
    assert (4, "Jenis") in tempat and (5, "Usia") in tempat
    assert not Responden.objects.exists()


def test_a_formula_cell_is_refused(senduro, layanan_senduro):
    hasil = skm_workbook_import(kecamatan=senduro, file=workbook([baris(3, U5="=1+3")]), hari_ini=HARI_INI)
    assert [str(k) for k in hasil.kesalahan] == ["baris 2, U5 (K): Berisi rumus; tulis nilainya saja."]
    assert not Responden.objects.exists()


def test_another_kecamatans_layanan_is_unknown(senduro, layanan_senduro, layanan_lumajang):
    hasil = skm_workbook_import(
        kecamatan=senduro, file=workbook([baris(3, **{"Jenis Layanan": "Legalisasi dokumen"})]), hari_ini=HARI_INI
    )
    assert not hasil.berhasil and not Responden.objects.exists()


def test_missing_column_and_not_a_workbook(senduro, layanan_senduro):
    hasil = skm_workbook_import(kecamatan=senduro, file=workbook([], header=KOLOM[:-3]), hari_ini=HARI_INI)
    assert "U8, U9" in str(hasil.kesalahan[0])
    hasil = skm_workbook_import(kecamatan=senduro, file=io.BytesIO(b"bukan excel"), hari_ini=HARI_INI)
    assert "tidak dapat dibaca" in str(hasil.kesalahan[0])


def test_import_skm_command_dry_run_then_import(senduro, layanan_senduro, tmp_path):
    path = tmp_path / "skm.xlsx"
    path.write_bytes(workbook([baris(3), baris(4)]).getvalue())
    out = io.StringIO()
    call_command("import_skm", str(path), "--kecamatan", "35.08.12", "--dry-run", stdout=out)
    assert "2 responden akan ditambahkan" in out.getvalue()
    assert not Responden.objects.exists()
    call_command("import_skm", str(path), "--kecamatan", "35.08.12", stdout=io.StringIO())
    call_command("import_skm", str(path), "--kecamatan", "35.08.12", stdout=out)
    assert Responden.objects.count() == 2
    assert "0 responden ditambahkan; 2 sudah ada" in out.getvalue()


def test_import_skm_command_refuses_bad_input(senduro, layanan_senduro, tmp_path):
    path = tmp_path / "skm.xlsx"
    path.write_bytes(workbook([baris(9)]).getvalue())
    with pytest.raises(CommandError) as exc:
        call_command("import_skm", str(path), "--kecamatan", "35.08.12", stderr=io.StringIO())
    assert exc.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("import_skm", str(path), "--kecamatan", "99.99.99")
    assert not Responden.objects.exists()


def test_paper_entry_form_saves_and_keeps_layanan_and_date(make_user, client_for, senduro, layanan_senduro):
    client = client_for(make_user(Peran.STAF, kecamatan=senduro))
    assert client.get("/skm/kertas/").status_code == 200
    data = {
        "usia": "52", "jenis_kelamin": "L", "pendidikan": "sd", "pekerjaan": "petani",
        "jenis_layanan": layanan_senduro.pk, "tanggal": "2026-03-02", "saran": "",
        **{f"u{i}": "2" for i in range(1, 10)},
    }  # fmt: skip
    response = client.post("/skm/kertas/", data)
    assert response.status_code == 302
    assert f"layanan={layanan_senduro.pk}" in response["Location"] and "tanggal=2026-03-02" in response["Location"]
    assert Responden.objects.get().sumber == "kertas"
    data["u4"] = "5"
    response = client.post("/skm/kertas/", data)
    assert response.status_code == 200 and "1–4." in response.content.decode()
    assert Responden.objects.count() == 1


def test_kabupaten_roles_do_not_type_paper_questionnaires(make_user, client_for, senduro):
    client = client_for(make_user(Peran.PEMERIKSA, kecamatan=senduro))
    assert client.get("/skm/kertas/").status_code == 403
    assert client.get("/skm/impor/").status_code == 403


def test_import_page_and_template(make_user, client_for, senduro, layanan_senduro):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    templat = client.get("/skm/impor/?templat=1")
    wb = openpyxl.load_workbook(io.BytesIO(templat.content))
    assert [c.value for c in wb["Responden"][1]] == KOLOM
    # The rows are read by the import job; its page shows the errors by row and column, or the counts.
    response, pekerjaan = kirim(client, "post", "/skm/impor/", {"berkas": _upload([baris(3), baris(0)])})
    assert response.status_code == 302 and pekerjaan.status == Pekerjaan.Status.GAGAL
    assert pekerjaan.pesan == "Impor dibatalkan, tidak ada yang disimpan. Perbaiki kesalahan berikut:"
    assert "baris 3, U1 (G): Jawaban harus angka 1, 2, 3 atau 4." in pekerjaan.rincian
    assert "Jawaban harus angka 1, 2, 3 atau 4." in client.get(pekerjaan.get_absolute_url()).content.decode()
    assert not Responden.objects.exists()
    _, pekerjaan = kirim(client, "post", "/skm/impor/", {"berkas": _upload([baris(3)]), "dry_run": "on"})
    assert pekerjaan.pesan == "1 responden akan ditambahkan (pemeriksaan saja, belum disimpan); 0 sudah ada sebelumnya."
    assert not Responden.objects.exists()
    _, pekerjaan = kirim(client, "post", "/skm/impor/", {"berkas": _upload([baris(3)])})
    assert pekerjaan.status == Pekerjaan.Status.SELESAI
    assert pekerjaan.pesan == "1 responden ditambahkan; 0 sudah ada sebelumnya." and Responden.objects.count() == 1
    assert pekerjaan.url_hasil == "/skm/impor/"


def _upload(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("skm.xlsx", workbook(rows).getvalue())


def test_tenancy_results_and_responses_of_another_kecamatan_are_404(
    make_user, client_for, senduro, lumajang, layanan_lumajang, isi_survei
):
    lain = isi_survei(layanan_lumajang, 3)
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    assert client.get(f"/skm/responden/{lain.pk}/").status_code == 404
    assert client.get("/skm/hasil/35.08.10/").status_code == 404
    sendiri = client_for(make_user(Peran.STAF, kecamatan=lumajang))
    assert sendiri.get(f"/skm/responden/{lain.pk}/").status_code == 200
    assert sendiri.get("/skm/hasil/").status_code == 200


def test_kecamatan_staff_find_the_skm_in_the_menu(make_user, client_for, senduro):
    html = client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/skm/hasil/").content.decode()
    assert 'href="/skm/kertas/"' in html and 'href="/skm/hasil/"' in html


def test_import_upload_is_checked_like_the_kegiatan_import(make_user, client_for, senduro, layanan_senduro, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    pdf = SimpleUploadedFile("skm.xlsx", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    response = client.post("/skm/impor/", {"berkas": pdf})
    assert response.status_code == 400
    assert "Berkas harus buku kerja Excel (.xlsx), bukan dokumen lain." in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 1000
    response = client.post("/skm/impor/", {"berkas": _upload([baris(3)])})
    assert response.status_code == 400 and "Berkas terlalu besar" in response.content.decode()
    assert not Responden.objects.exists()


def test_blank_rows_count_toward_the_rows_read(senduro, layanan_senduro, monkeypatch):
    monkeypatch.setattr("skm.impor.MAKS_BARIS_DIBACA", 10)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(KOLOM)
    ws.cell(row=50, column=1).value = None
    ws.cell(row=50, column=1).font = openpyxl.styles.Font(bold=True)  # a styled blank row far below
    ws.append(baris(3))  # row 51: the only answer
    buffer = io.BytesIO()
    wb.save(buffer)
    hasil = skm_workbook_import(kecamatan=senduro, file=buffer, hari_ini=HARI_INI)
    assert not hasil.berhasil
    assert "Lembar terlalu panjang: paling banyak 10 baris." in str(hasil.kesalahan[0])
    assert not Responden.objects.exists()


def test_the_template_lists_a_formula_like_layanan_as_text_written_as_it_is(senduro):
    from skm.impor import template_xlsx
    from skm.models import JenisLayanan

    JenisLayanan.objects.create(kecamatan=senduro, nama="=Legalisir+KTP")
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx(kecamatan=senduro)))
    (cell,) = [c for row in wb["Petunjuk"].iter_rows() for c in row if c.value and "Legalisir" in c.value]
    # quotePrefix keeps it text in Excel; no apostrophe, so it can be copied back into the import as it is.
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=Legalisir+KTP", "s", True)


def test_the_import_job_removes_the_upload_and_is_its_owners_alone(
    make_user, client_for, senduro, lumajang, layanan_senduro, settings
):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    rows = [baris(3) for _ in range(4)] + [baris(3, Usia=5)]
    _, gagal = kirim(client, "post", "/skm/impor/", {"berkas": _upload(rows)})
    assert gagal.status == Pekerjaan.Status.GAGAL and gagal.rincian == [
        "baris 6, Usia (C): Usia harus bilangan bulat 10 sampai 120."
    ]
    assert not Responden.objects.exists()
    _, berhasil = kirim(client, "post", "/skm/impor/", {"berkas": _upload(rows[:4])})
    assert berhasil.status == Pekerjaan.Status.SELESAI and Responden.objects.count() == 4
    assert not list((settings.MEDIA_ROOT / "skm-impor-sementara").rglob("*"))[1:]  # the user's folder at most
    assert not list((settings.MEDIA_ROOT / "skm-impor-sementara").rglob("*.xlsx"))
    for user in (make_user(Peran.KASI, kecamatan=lumajang), make_user(Peran.STAF, kecamatan=senduro)):
        assert client_for(user).get(berhasil.get_absolute_url()).status_code == 404
