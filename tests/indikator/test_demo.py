import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from kecamatan.models import Keanggotaan, Peran
from wilayah.services import wilayah_import


@pytest.mark.django_db
def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not Keanggotaan.objects.exists()


@pytest.mark.django_db
def test_demo_has_every_role_and_is_idempotent():
    wilayah_import(kode="35.08")
    first = organisasi_demo_load(hari_ini=datetime.date(2026, 11, 23))
    second = organisasi_demo_load(hari_ini=datetime.date(2026, 11, 23))
    assert [login.username for login in first] == [login.username for login in second]
    assert set(Keanggotaan.objects.values_list("peran", flat=True)) == set(Peran.values)
    assert Keanggotaan.objects.count() == 9
    # docs/DESIGN.md §2.7: the demo operator belongs to a desa of Senduro.
    operator = Keanggotaan.objects.select_related("desa").get(peran=Peran.OPERATOR_DESA)
    assert operator.user.username == "senduro.desa.purworejo" and operator.desa.kode == "35.08.12.2001"
    for login in first:
        request = RequestFactory().post("/masuk/")
        assert authenticate(request, username=login.username, password=DEMO_PASSWORD) is not None
