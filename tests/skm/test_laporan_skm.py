"""Laporan Hasil SKM: PDF and XLSX with the regulation's tables, saran, RTL and the signature block."""

import datetime
import io

from openpyxl import load_workbook

from kecamatan.models import Pejabat, Peran
from pekerjaan.models import Pekerjaan
from skm.models import RencanaTindakLanjut, Unsur
from tests.indikator.laporan_util import teks_pdf
from tests.pekerjaan.alur import kirim, unduhan

D = datetime.date
PERIODE = {"dari": "2026-01-01", "sampai": "2026-06-30"}


def _data(senduro, layanan, isi_survei):
    isi_survei(layanan, (4, 3, 3, 3, 3, 3, 3, 3, 3), tanggal=D(2026, 2, 1), saran="Ruang tunggu sempit")
    isi_survei(layanan, 3, tanggal=D(2026, 3, 1), jenis_kelamin="P")
    isi_survei(layanan, 3, tanggal=D(2026, 5, 1), saran='=HYPERLINK("http://x")')
    RencanaTindakLanjut.objects.create(
        kecamatan=senduro, periode_mulai=D(2026, 1, 1), periode_selesai=D(2026, 6, 30),
        unsur=Unsur.objects.get(kode="U2"), rencana="Sederhanakan alur", penanggung_jawab="Sekcam",
        target_waktu="TW III",
    )  # fmt: skip
    Pejabat.objects.create(
        kecamatan=senduro, nama="W. PUJIANTO", nip="196811141990031004", jabatan=Pejabat.Jabatan.CAMAT,
        mulai=D(2020, 1, 1),
    )  # fmt: skip


def test_pdf_has_the_tables_saran_rtl_and_signature(make_user, client_for, senduro, layanan_senduro, isi_survei):
    _data(senduro, layanan_senduro, isi_survei)
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    # Always a job: the request answers with the job's page, the worker renders, the page offers the file.
    response, pekerjaan = kirim(client, "get", "/laporan/skm.pdf", PERIODE)
    assert response.status_code == 302 and pekerjaan.status == Pekerjaan.Status.SELESAI
    assert (
        pekerjaan.content_type == "application/pdf"
        and pekerjaan.nama_berkas == "hasil-skm-35.08.12-2026-01-01-2026-06-30.pdf"
    )
    teks = teks_pdf(unduhan(client, pekerjaan))
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in teks
    assert "75,93" in teks and "C (Kurang Baik)" in teks
    assert "3,333" in teks and "Surat keterangan" in teks
    assert "Ruang tunggu sempit" in teks and "Sederhanakan alur" in teks
    assert "W. PUJIANTO" in teks and "19681114 199003 1 004" in teks


def test_xlsx_has_the_figures_and_no_formula(make_user, client_for, senduro, layanan_senduro, isi_survei):
    _data(senduro, layanan_senduro, isi_survei)
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.get("/laporan/skm.xlsx", PERIODE)
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    ikm = next(r for r in rows if r[1] == "IKM")
    assert float(ikm[2]) == 75.93
    assert any(r[1] == "Mutu pelayanan" and r[2] == "C (Kurang Baik)" for r in rows)
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_another_kecamatans_report_is_404(make_user, client_for, senduro, lumajang):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    assert client.get("/laporan/kecamatan/35.08.10/skm.pdf").status_code == 404
    assert client.get("/laporan/skm.doc").status_code == 404


def test_the_same_report_asked_again_is_the_stored_file_until_the_data_changes(
    make_user, client_for, senduro, lumajang, layanan_senduro, isi_survei
):
    """The rendered-report cache: same period, format, day and data version → no new job, the same file."""
    from django_tasks_db.models import DBTaskResult

    from wilayah.versi import versi_data_naikkan

    _data(senduro, layanan_senduro, isi_survei)
    camat, kasi = make_user(Peran.PIMPINAN, kecamatan=senduro), make_user(Peran.KASI, kecamatan=senduro)
    _, pertama = kirim(client_for(camat), "get", "/laporan/skm.pdf", PERIODE)
    assert pertama.status == Pekerjaan.Status.SELESAI
    antre = DBTaskResult.objects.count()
    _, kedua = kirim(client_for(kasi), "get", "/laporan/skm.pdf", PERIODE, kerjakan=False)
    assert kedua.pk != pertama.pk and kedua.status == Pekerjaan.Status.SELESAI and kedua.berkas == pertama.berkas
    assert DBTaskResult.objects.count() == antre  # nothing queued
    assert unduhan(client_for(kasi), kedua) == unduhan(client_for(camat), pertama)
    # A new answer (the data version) or a changed follow-up plan: a new rendering.
    versi_data_naikkan(kecamatan_ids=[senduro.pk])
    _, ketiga = kirim(client_for(kasi), "get", "/laporan/skm.pdf", PERIODE)
    assert ketiga.berkas != pertama.berkas and ketiga.status == Pekerjaan.Status.SELESAI
    rtl = RencanaTindakLanjut.objects.get()
    rtl.rencana = "Rencana baru"
    rtl.save()
    _, keempat = kirim(client_for(kasi), "get", "/laporan/skm.pdf", PERIODE)
    assert keempat.berkas != ketiga.berkas and "Rencana baru" in teks_pdf(unduhan(client_for(kasi), keempat))
    # Another kecamatan's user: its own report only.
    lain = client_for(make_user(Peran.PIMPINAN, kecamatan=lumajang))
    assert lain.get(pertama.get_absolute_url()).status_code == 404
    assert lain.get("/laporan/kecamatan/35.08.12/skm.pdf").status_code == 404
