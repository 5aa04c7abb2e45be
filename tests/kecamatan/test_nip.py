import pytest
from django.core.exceptions import ValidationError

from kecamatan.nip import format_nip, normalize_nip, validate_nip


@pytest.mark.parametrize(
    "nip",
    [
        "196811141990031004",  # W. Pujianto, Camat Senduro (seed document)
        "19701218 199101 1 002",  # Camat Lumajang, typed with its spaces
        "199602292020122001",  # born on a leap day, female
    ],
)
def test_valid_nip_is_accepted(nip):
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19681114199003100", "nip_panjang"),  # 17 digits
        ("1968111419900310045", "nip_panjang"),  # 19 digits
        ("19681114199003100A", "nip_panjang"),
        ("", "nip_panjang"),
        ("196802301990031004", "nip_tanggal_lahir"),  # 30 February
        ("199702291990031004", "nip_tanggal_lahir"),  # 29 February of an ordinary year
        ("196813141990031004", "nip_tanggal_lahir"),  # month 13
        ("196811141990131004", "nip_tmt"),  # TMT month 13
        ("196811141990001004", "nip_tmt"),  # TMT month 00
        ("196811141990033004", "nip_jenis_kelamin"),
        ("196811141990030004", "nip_jenis_kelamin"),
    ],
)
def test_invalid_nip_is_refused_with_its_reason(nip, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_nip(nip)
    assert excinfo.value.code == code
    assert "NIP" in excinfo.value.messages[0]


def test_nip_is_shown_grouped():
    assert format_nip("196811141990031004") == "19681114 199003 1 004"
    assert format_nip("19681114 199003 1 004") == "19681114 199003 1 004"


def test_normalize_strips_spaces_dots_and_dashes():
    assert normalize_nip(" 19681114.199003-1 004 ") == "196811141990031004"


@pytest.mark.django_db
def test_pejabat_full_clean_accepts_a_nip_typed_with_spaces(senduro):
    from kecamatan.models import Pejabat

    pejabat = Pejabat(kecamatan=senduro, nama="W. PUJIANTO", nip="19681114 199003 1 004", jabatan="camat")
    pejabat.full_clean()  # raised "at most 18 characters" before the model normalised it
    assert pejabat.nip == "196811141990031004"


@pytest.mark.django_db
def test_pejabat_full_clean_still_refuses_a_bad_nip_typed_with_spaces(senduro):
    from kecamatan.models import Pejabat

    pejabat = Pejabat(kecamatan=senduro, nama="X", nip="19681114 199003 3 004", jabatan="camat")
    with pytest.raises(ValidationError) as excinfo:
        pejabat.full_clean()
    assert "nip" in excinfo.value.message_dict
