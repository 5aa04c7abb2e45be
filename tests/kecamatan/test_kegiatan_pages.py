"""Kegiatan pages: the form with dependent selects, the list's filters, the detail, conflicts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from iku_project.kirim_sekali import token_baru
from kecamatan.models import JenisKegiatan, Kegiatan, UraianAktivitas
from tests.kecamatan.contoh import pdf_bytes, png_bytes, upload


def _form_data(pilihan, senduro, seksi, **overrides):
    data = {
        "kategori": pilihan.jenis.kategori,
        "jenis": pilihan.jenis_id,
        "uraian": pilihan.pk,
        "tanggal": timezone.localdate().isoformat(),
        "status": "dilaksanakan",
        "seksi": seksi.pk,
        "desa": [d.pk for d in senduro.desa.filter(nama__in=["Argosari", "Kandangan"])],
        "keterangan": "Rapat koordinasi RKPDes",
        "token_kirim": token_baru(),
    }
    return data | overrides


def test_staf_logs_a_kegiatan_through_the_form(client_for, orang, uraian, senduro, seksi_pemerintahan):
    client = client_for(orang["staf"])
    page = client.get(reverse("kecamatan:kegiatan-create"))
    assert page.status_code == 200
    assert 'hx-get="/kegiatan/pilihan-uraian/"' in page.content.decode()
    response = client.post(reverse("kecamatan:kegiatan-create"), _form_data(uraian, senduro, seksi_pemerintahan))
    kegiatan = Kegiatan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])
    assert kegiatan.dibuat_oleh == orang["staf"]
    assert kegiatan.uraian_teks == uraian.teks
    assert sorted(d.nama for d in kegiatan.desa.all()) == ["Argosari", "Kandangan"]
    detail = client.get(response["Location"]).content.decode()
    assert "Belum ditindaklanjuti" in detail
    assert uraian.output in detail  # the expected output is suggested on the detail page


def test_form_refuses_an_uraian_outside_the_chosen_jenis(client_for, orang, uraian, senduro, seksi_pemerintahan):
    lain = JenisKegiatan.objects.exclude(pk=uraian.jenis_id).first()
    response = client_for(orang["staf"]).post(
        reverse("kecamatan:kegiatan-create"),
        _form_data(uraian, senduro, seksi_pemerintahan, jenis=lain.pk, kategori=""),
    )
    assert response.status_code == 200
    assert "bukan bagian dari jenis kegiatan" in response.content.decode()
    assert not Kegiatan.objects.exists()


def test_form_refuses_a_desa_of_another_kecamatan(client_for, orang, uraian, senduro, lumajang, seksi_pemerintahan):
    denok = lumajang.desa.get(nama="Denok")
    response = client_for(orang["staf"]).post(
        reverse("kecamatan:kegiatan-create"), _form_data(uraian, senduro, seksi_pemerintahan, desa=[denok.pk])
    )
    assert response.status_code == 200
    assert not Kegiatan.objects.exists()


def test_dependent_selects_narrow_by_htmx(client_for, orang):
    client = client_for(orang["staf"])
    response = client.get(reverse("kecamatan:kegiatan-pilihan"), {"kategori": "koordinasi"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<fieldset id="pilihan-uraian"')
    jenis_koordinasi = JenisKegiatan.objects.filter(kategori="koordinasi").count()
    assert jenis_koordinasi == 2
    uraian_koordinasi = UraianAktivitas.objects.filter(jenis__kategori="koordinasi").count()
    select_uraian = html[html.index('name="uraian"') :]
    assert len(re.findall(r'<option value="\d+"', select_uraian)) == uraian_koordinasi
    assert "<optgroup" in select_uraian


def test_picking_an_uraian_suggests_its_output_and_fills_its_jenis(client_for, orang, uraian):
    response = client_for(orang["staf"]).get(reverse("kecamatan:kegiatan-pilihan"), {"uraian": uraian.pk})
    html = response.content.decode()
    assert "Output yang diharapkan" in html
    assert uraian.output in html
    assert f'<option value="{uraian.jenis_id}" selected>' in html


def test_without_javascript_the_pilih_button_narrows_and_keeps_input(
    client_for, orang, uraian, senduro, seksi_pemerintahan
):
    data = _form_data(uraian, senduro, seksi_pemerintahan, jenis="", uraian="", kategori="rekomendasi") | {"pilih": "1"}
    response = client_for(orang["staf"]).post(reverse("kecamatan:kegiatan-create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Kegiatan.objects.exists()
    assert "Rapat koordinasi RKPDes" in html
    select_uraian = html[html.index('name="uraian"') : html.index("</select>", html.index('name="uraian"'))]
    assert (
        len(re.findall(r'<option value="\d+"', select_uraian))
        == UraianAktivitas.objects.filter(jenis__kategori="rekomendasi").count()
    )


def test_list_filters_search_sort_and_paginate(
    client_for, orang, senduro, make_kegiatan, make_bukti, seksi_pemerintahan, seksi_trantib
):
    argosari = senduro.desa.get(nama="Argosari")
    for day in range(1, 31):
        make_kegiatan(senduro, tanggal=datetime.date(2025, 5, day), seksi=seksi_trantib, keterangan=f"rutin {day}")
    cari = make_kegiatan(
        senduro,
        tanggal=datetime.date(2025, 2, 10),
        seksi=seksi_pemerintahan,
        desa=[argosari],
        keterangan="Musdes khusus",
    )
    selesai = make_kegiatan(
        senduro, tanggal=datetime.date(2025, 8, 1), output="BA", tanggal_output=datetime.date(2025, 8, 2)
    )
    make_bukti(selesai)
    make_kegiatan(senduro, tanggal=datetime.date(2024, 8, 1), status="rencana")
    client = client_for(orang["pimpinan"])
    url = reverse("kecamatan:kegiatan-list")

    def pks(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [k.pk for k in response.context["halaman"]], response.context["halaman"].paginator.count

    assert pks()[1] == 33
    assert len(pks()[0]) == 25
    assert len(pks(halaman=2)[0]) == 8
    assert pks(q="musdes")[0] == [cari.pk]
    assert pks(q="argosari")[0] == [cari.pk]
    assert pks(desa=argosari.pk)[0] == [cari.pk]
    assert pks(seksi=seksi_pemerintahan.pk)[0] == [cari.pk]
    assert pks(tahun=2025, bagian="tw1")[0] == [cari.pk]
    assert pks(tahun=2024)[1] == 1
    assert pks(status="rencana")[1] == 1
    assert pks(tindak_lanjut="ya")[0] == [selesai.pk]
    assert pks(tindak_lanjut="tidak")[1] == 31
    assert pks(dari="2025-07-01", sampai="2025-12-31")[0] == [selesai.pk]
    assert pks(urut="tanggal")[0][0] != pks(urut="-tanggal")[0][0]
    assert pks(urut="tanggal", tahun=2025)[0][0] == cari.pk
    assert pks(kategori="koordinasi")[1] == 0
    html = client.get(url, {"tindak_lanjut": "ya"}).content.decode()
    assert 'data-tindak-lanjut="ya"' in html


def test_list_htmx_request_renders_only_the_results(client_for, orang, senduro, make_kegiatan):
    make_kegiatan(senduro)
    response = client_for(orang["staf"]).get(
        reverse("kecamatan:kegiatan-list"), {"q": "balai"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="hasil-kegiatan"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="hasil-kegiatan">')
    assert "<nav" not in html.split('id="hasil-kegiatan"')[0]


def test_perlu_tindak_lanjut_page(client_for, orang, senduro, make_kegiatan, make_bukti):
    hari_ini = timezone.localdate()
    lengkap = make_kegiatan(senduro, tanggal=hari_ini, output="BA", tanggal_output=hari_ini)
    make_bukti(lengkap)
    kurang = make_kegiatan(senduro, tanggal=hari_ini, output="BA", tanggal_output=hari_ini)
    make_kegiatan(senduro, tanggal=hari_ini, status="rencana")
    response = client_for(orang["kasi"]).get(reverse("kecamatan:kegiatan-perlu-tindak-lanjut"))
    assert [k.pk for k in response.context["halaman"]] == [kurang.pk]
    assert "tanpa bukti" in response.content.decode()


def _edit_data(kegiatan, **overrides):
    data = {
        "kategori": kegiatan.kategori,
        "jenis": kegiatan.uraian.jenis_id,
        "uraian": kegiatan.uraian_id,
        "tanggal": kegiatan.tanggal.isoformat(),
        "status": kegiatan.status,
        "seksi": kegiatan.seksi_id or "",
        "keterangan": kegiatan.keterangan,
        "versi": kegiatan.versi,
    }
    return data | overrides


def test_concurrent_edit_gets_a_conflict_not_an_overwrite(client, orang, senduro, make_kegiatan, seksi_pemerintahan):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan, dibuat_oleh=orang["staf"])
    url = reverse("kecamatan:kegiatan-update", args=[kegiatan.pk])
    client.force_login(orang["staf"])
    form_staf = client.get(url).context["form"]
    assert form_staf.initial["versi"] == 1
    client.force_login(orang["kasi"])
    assert client.post(url, _edit_data(kegiatan, keterangan="Disimpan kasi")).status_code == 302
    client.force_login(orang["staf"])
    response = client.post(url, _edit_data(kegiatan, keterangan="Disimpan staf", versi=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "sudah diubah orang lain" in html
    assert "Muat ulang versi terbaru" in html
    assert "Disimpan staf" in html  # the user's input is still there to copy
    kegiatan.refresh_from_db()
    assert (kegiatan.keterangan, kegiatan.versi) == ("Disimpan kasi", 2)


def test_concurrent_output_gets_a_conflict(client, orang, senduro, make_kegiatan, seksi_pemerintahan):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan, tanggal=timezone.localdate())
    url = reverse("kecamatan:kegiatan-output", args=[kegiatan.pk])
    hari_ini = timezone.localdate().isoformat()
    client.force_login(orang["kasi"])
    assert client.post(url, {"output": "BA pertama", "tanggal_output": hari_ini, "versi": 1}).status_code == 302
    response = client.post(url, {"output": "BA kedua", "tanggal_output": hari_ini, "versi": 1})
    assert response.status_code == 409
    kegiatan.refresh_from_db()
    assert kegiatan.output == "BA pertama"


def test_kasi_records_output_and_uploads_bukti_then_it_is_ditindaklanjuti(
    client_for, orang, senduro, make_kegiatan, seksi_pemerintahan, jenis_bukti
):
    hari_ini = timezone.localdate()
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan, tanggal=hari_ini)
    client = client_for(orang["kasi"])
    detail = client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk]))
    assert detail.context["output_form"].initial["output"] == kegiatan.output_diharapkan
    client.post(
        reverse("kecamatan:kegiatan-output", args=[kegiatan.pk]),
        {"output": "Berita acara", "tanggal_output": hari_ini.isoformat(), "versi": 1},
    )
    response = client.post(
        reverse("kecamatan:bukti-create", args=[kegiatan.pk]),
        {
            "jenis": jenis_bukti.pk,
            "nomor": "005/9/427.12/2026",
            "tanggal": hari_ini.isoformat(),
            "berkas": upload("Foto rapat.png", png_bytes()),
            "token_kirim": token_baru(),
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])).content.decode()
    assert 'data-tindak-lanjut="ya"' in html
    bukti = kegiatan.bukti.get()
    assert f'src="{reverse("kecamatan:bukti-preview", args=[kegiatan.pk, bukti.pk])}"' in html  # image preview
    assert "Riwayat perubahan" in html and "kasi" in html


def test_invalid_upload_shows_the_indonesian_message(
    client_for, orang, senduro, make_kegiatan, seksi_pemerintahan, jenis_bukti
):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan)
    response = client_for(orang["kasi"]).post(
        reverse("kecamatan:bukti-create", args=[kegiatan.pk]),
        {
            "jenis": jenis_bukti.pk,
            "nomor": "1",
            "tanggal": "2026-03-03",
            "berkas": upload("laporan.pdf", b"<html><script>alert(1)</script></html>"),
            "token_kirim": token_baru(),
        },
    )
    assert response.status_code == 200
    assert "Isi berkas bukan PDF, JPEG, PNG, DOCX atau XLSX." in response.content.decode()
    assert not kegiatan.bukti.exists()


@pytest.mark.parametrize("inline", [False, True])
def test_download_and_preview_of_a_pdf_are_sandboxed_downloads(
    client_for, orang, senduro, make_kegiatan, make_bukti, inline
):
    kegiatan = make_kegiatan(senduro)
    bukti = make_bukti(kegiatan, berkas=upload("../../Berita acara <final>.pdf", pdf_bytes()))
    name = "kecamatan:bukti-preview" if inline else "kecamatan:bukti-download"
    response = client_for(orang["pemeriksa"]).get(reverse(name, args=[kegiatan.pk, bukti.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Berita acara _final.pdf"'
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_removed_bukti_is_listed_with_who_and_not_downloadable(
    client_for, orang, senduro, make_kegiatan, make_bukti, seksi_pemerintahan
):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan)
    bukti = make_bukti(kegiatan, berkas=upload("ba.pdf", pdf_bytes()))
    client = client_for(orang["kasi"])
    confirm = client.get(reverse("kecamatan:bukti-remove", args=[kegiatan.pk, bukti.pk]))
    assert "Hapus bukti pendukung?" in confirm.content.decode()
    assert client.post(reverse("kecamatan:bukti-remove", args=[kegiatan.pk, bukti.pk])).status_code == 302
    bukti.refresh_from_db()
    assert bukti.dihapus_oleh == orang["kasi"]
    assert client.get(reverse("kecamatan:bukti-download", args=[kegiatan.pk, bukti.pk])).status_code == 404
    html = client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])).content.decode()
    assert "Bukti yang dihapus (1)" in html
    assert "menghapus bukti" in html
