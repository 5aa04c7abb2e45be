"""Targets are set only through ``target_iku_set`` (the kecamatan's own pimpinan): the admin reads them."""

import datetime
from decimal import Decimal

import pytest

from desa.models import DokumenDesa
from indikator.models import TargetIKU
from kecamatan.models import Peran
from wilayah.models import Desa

URL = "/admin/indikator/targetiku/"


def _isian(kecamatan, target="90"):
    return {"kecamatan": kecamatan.pk, "tahun": 2025, "indikator": "iku1", "target": target}


@pytest.mark.parametrize("peran", [Peran.ADMIN_KABUPATEN, Peran.PIMPINAN])
def test_a_target_cannot_be_added_through_the_admin(client_for, make_user, senduro, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert client.get(URL).status_code == 200  # it may read them
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}add/", _isian(senduro)).status_code == 403
    assert not TargetIKU.objects.exists()


@pytest.mark.parametrize("peran", [Peran.ADMIN_KABUPATEN, Peran.PIMPINAN])
def test_a_target_cannot_be_changed_or_deleted_through_the_admin(client_for, make_user, senduro, peran):
    target = TargetIKU.objects.create(kecamatan=senduro, tahun=2025, indikator="iku1", target=Decimal("80"))
    client = client_for(make_user(peran, kecamatan=senduro))
    client.post(f"{URL}{target.pk}/change/", _isian(senduro, "10"))
    client.post(f"{URL}{target.pk}/delete/", {"post": "yes"})
    target.refresh_from_db()
    assert target.target == Decimal("80")


def test_a_desa_document_cannot_be_written_through_the_admin(client_for, make_user, senduro):
    desa = Desa.objects.get(kode="35.08.12.2001")
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    isian = {"desa": desa.pk, "jenis": "rkpdes", "tahun_anggaran": 2027, "tanggal": "2026-09-01", "nomor": "X"}
    assert client.post("/admin/desa/dokumendesa/add/", isian).status_code == 403
    assert not DokumenDesa.objects.exists()
    dokumen = DokumenDesa.objects.create(
        desa=desa, jenis="rkpdes", tahun_anggaran=2027, tanggal=datetime.date(2026, 9, 1)
    )
    client.post(f"/admin/desa/dokumendesa/{dokumen.pk}/change/", {**isian, "nomor": "diubah"})
    dokumen.refresh_from_db()
    assert dokumen.nomor == ""
