"""One validation path for dokumen desa: the page, the service and the import refuse the same bad document
with the same message (``desa.validation.dokumen_desa_validate``)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from desa import services
from desa.models import DokumenDesa
from desa.validation import dokumen_desa_validate
from indikator.impor.services import workbook_import
from kecamatan.models import Peran
from tests.indikator.impor_bantu import buku, dokumen, unggah
from wilayah.models import Desa

HARI_INI = datetime.date(2026, 11, 23)

# (desa code, jenis, TA, date, message, import column)
CASES = {
    "penetapan besok": (
        "35.08.10.2001",
        "rkpdes",
        2027,
        HARI_INI + datetime.timedelta(days=1),
        "Tanggal penetapan tidak boleh setelah hari ini.",
        "Tanggal",
    ),
    "penyampaian besok": (
        "35.08.10.2001",
        "lppdes",
        2026,
        HARI_INI + datetime.timedelta(days=1),
        "Tanggal penyampaian tidak boleh setelah hari ini.",
        "Tanggal",
    ),
    "tahun tidak wajar": (
        "35.08.10.2001",
        "apbdes",
        2025,
        datetime.date(2019, 12, 31),
        "Tanggal tidak wajar untuk tahun anggaran 2025: periksa tahunnya.",
        "Tanggal",
    ),
    "kelurahan": (
        "35.08.10.1001",
        "rkpdes",
        2027,
        datetime.date(2026, 9, 30),
        "Kelurahan Jogotrunan adalah kelurahan",
        "Desa",
    ),
}
LABEL = {"rkpdes": "RKPDes", "apbdes": "APBDes", "lppdes": "LPPDes"}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_page_service_and_import_refuse_alike(case, client_for, make_user, lumajang, hari_ini):
    kode, jenis, tahun_anggaran, tanggal, pesan, kolom = case
    desa = Desa.objects.get(kode=kode)
    kasi = make_user(Peran.KASI, kecamatan=lumajang)

    row = dokumen(Desa=kode, Dokumen=LABEL[jenis], **{"Tahun Anggaran": tahun_anggaran}, Tanggal=tanggal)
    hasil = workbook_import(user=kasi, file=unggah(buku([], [row])), hari_ini=HARI_INI)
    assert [(k.kolom, pesan in k.pesan) for k in hasil.kesalahan] == [(kolom, True)]

    with pytest.raises(ValidationError) as exc:
        services.dokumen_desa_create(
            user=kasi, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, hari_ini=HARI_INI
        )
    assert [pesan in m for m in exc.value.messages] == [True]

    url = reverse("desa:sel", args=[desa.pk, jenis, tahun_anggaran])
    response = client_for(kasi).post(url, {"tahun": 2026, "tanggal": tanggal.isoformat()})
    assert response.status_code in (200, 400)
    errors = [m for pesan_list in response.context["form"].errors.values() for m in pesan_list]
    assert [pesan in m for m in errors] == [True]
    assert not DokumenDesa.objects.exists()


def test_tahun_anggaran_outside_the_range_is_refused():
    with pytest.raises(ValidationError) as exc:
        dokumen_desa_validate(desa=None, jenis="rkpdes", tahun_anggaran=2014, tanggal=None, today=HARI_INI)
    assert exc.value.message_dict == {"tahun_anggaran": ["Tahun anggaran harus antara 2015 dan 2100."]}


def test_unknown_facts_are_not_judged():
    assert dokumen_desa_validate(desa=None, jenis=None, tahun_anggaran=None, tanggal=None, today=None) is None
