"""One validation path for kegiatan: the page, the service and the import refuse the same bad kegiatan
with the same message (``kecamatan.validation.kegiatan_validate``), each where its user looks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iku_project.kirim_sekali import token_baru
from indikator.impor.services import workbook_import
from kecamatan import services
from kecamatan import validation as v
from kecamatan.models import Kegiatan
from tests.indikator.impor_bantu import buku, kegiatan, unggah

HARI = datetime.timedelta(days=1)

# (the kegiatan as stored or sent, the output sent or None for a new kegiatan, message, import column)
CASES = {
    "dilaksanakan besok": (
        {"status": "dilaksanakan", "tanggal": +1},
        None,
        v.PESAN_DILAKSANAKAN_DEPAN,
        "Tanggal",
    ),
    "output kegiatan rencana": (
        {"status": "rencana", "tanggal": -5},
        {"output": "Berita acara", "tanggal_output": -1},
        v.PESAN_OUTPUT_BELUM_DILAKSANAKAN,
        "Output",
    ),
    "output sebelum kegiatan": (
        {"status": "dilaksanakan", "tanggal": -5},
        {"output": "Berita acara", "tanggal_output": -6},
        v.PESAN_OUTPUT_SEBELUM,
        "Tanggal Output",
    ),
    "output besok": (
        {"status": "dilaksanakan", "tanggal": -5},
        {"output": "Berita acara", "tanggal_output": +1},
        v.PESAN_OUTPUT_DEPAN,
        "Tanggal Output",
    ),
    "output tanpa tanggal": (
        {"status": "dilaksanakan", "tanggal": -5},
        {"output": "Berita acara", "tanggal_output": None},
        v.PESAN_OUTPUT_TANPA_TANGGAL,
        "Tanggal Output",
    ),
    "tanggal output tanpa output": (
        {"status": "dilaksanakan", "tanggal": -5},
        {"output": "", "tanggal_output": -1},
        v.PESAN_TANGGAL_TANPA_OUTPUT,
        "Output",
    ),
}


def _hari(hari_ini, selisih):
    return None if selisih is None else hari_ini + selisih * HARI


def _import(user, hari_ini, fakta, output):
    row = kegiatan(Tanggal=_hari(hari_ini, fakta["tanggal"]), Status=fakta["status"])
    if output is not None:
        row |= {"Output": output["output"] or None, "Tanggal Output": _hari(hari_ini, output["tanggal_output"])}
    hasil = workbook_import(user=user, file=unggah(buku([row])), hari_ini=hari_ini)
    return [(k.kolom, k.pesan) for k in hasil.kesalahan]


def _service(user, hari_ini, fakta, output, stored, uraian):
    try:
        if output is None:
            services.kegiatan_create(
                user=user,
                uraian=uraian,
                tanggal=_hari(hari_ini, fakta["tanggal"]),
                status=fakta["status"],
                hari_ini=hari_ini,
            )
        else:
            services.kegiatan_output_record(
                user=user,
                kegiatan=stored,
                versi=stored.versi,
                output=output["output"],
                tanggal_output=_hari(hari_ini, output["tanggal_output"]),
                hari_ini=hari_ini,
            )
    except ValidationError as exc:
        return exc.messages
    return []


def _page(client, hari_ini, fakta, output, stored, uraian):
    if output is None:
        data = {
            "uraian": uraian.pk,
            "tanggal": _hari(hari_ini, fakta["tanggal"]).isoformat(),
            "status": fakta["status"],
            "token_kirim": token_baru(),
        }
        response = client.post(reverse("kecamatan:kegiatan-create"), data)
        form = response.context["form"]
    else:
        tanggal_output = _hari(hari_ini, output["tanggal_output"])
        data = {"output": output["output"], "tanggal_output": tanggal_output or "", "versi": stored.versi}
        response = client.post(reverse("kecamatan:kegiatan-output", args=[stored.pk]), data)
        form = response.context["output_form"]
    assert response.status_code == 200
    return {nama: list(pesan) for nama, pesan in form.errors.items()}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_page_service_and_import_refuse_alike(
    case, client_for, orang, senduro, seksi_pemerintahan, uraian, make_kegiatan
):
    fakta, output, pesan, kolom = case
    hari_ini = timezone.localdate()
    stored = make_kegiatan(
        senduro, seksi=seksi_pemerintahan, status=fakta["status"], tanggal=_hari(hari_ini, fakta["tanggal"])
    )
    user = orang["kasi"]

    assert _import(user, hari_ini, fakta, output) == [(kolom, pesan)]
    assert _service(user, hari_ini, fakta, output, stored, uraian) == [pesan]
    field = {"Tanggal": "tanggal", "Output": "output", "Tanggal Output": "tanggal_output"}[kolom]
    assert _page(client_for(user), hari_ini, fakta, output, stored, uraian) == {field: [pesan]}
    assert Kegiatan.objects.count() == 1
    stored.refresh_from_db()
    assert (stored.output, stored.versi) == ("", 1)


def test_an_update_that_keeps_the_output_is_not_judged_on_it(senduro, make_kegiatan):
    """Rules skip the facts not being written: an old output is not checked against today again."""
    hari_ini = datetime.date(2026, 3, 10)
    stored = make_kegiatan(senduro, tanggal=hari_ini - 5 * HARI, output="BA", tanggal_output=hari_ini - HARI)
    data = {"tanggal": hari_ini - 5 * HARI, "status": "dilaksanakan"}
    assert v.kegiatan_validate(kecamatan=senduro, data=data, today=hari_ini, tersimpan=stored) == data
    with pytest.raises(ValidationError) as exc:
        v.kegiatan_validate(kecamatan=senduro, data={"status": "rencana"}, today=hari_ini, tersimpan=stored)
    assert exc.value.message_dict == {"status": [v.PESAN_STATUS_ADA_OUTPUT]}


def test_retired_uraian_is_refused_on_the_pages_and_kept_as_history_by_the_import(senduro, uraian):
    uraian.aktif = False
    hari_ini = datetime.date(2026, 3, 10)
    with pytest.raises(ValidationError) as exc:
        v.kegiatan_validate(kecamatan=senduro, data={"uraian": uraian}, today=hari_ini)
    assert exc.value.message_dict == {"uraian": [v.PESAN_URAIAN_PENSIUN]}
    assert v.kegiatan_validate(kecamatan=senduro, data={"uraian": uraian}, today=hari_ini, riwayat=True)


def test_desa_and_seksi_of_another_kecamatan_are_refused(senduro, lumajang, seksi_lumajang):
    with pytest.raises(ValidationError) as exc:
        v.kegiatan_validate(
            kecamatan=senduro,
            data={"desa": list(lumajang.desa.all()[:1]), "seksi": seksi_lumajang},
            today=datetime.date(2026, 3, 10),
        )
    assert exc.value.message_dict == {"seksi": [v.PESAN_SEKSI_LUAR], "desa": [v.PESAN_DESA_LUAR]}
