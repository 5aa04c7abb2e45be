import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

D = datetime.date


def report(*args):
    out = io.StringIO()
    call_command("skm_report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_exact_json_shape(layanan_senduro, isi_survei):
    isi_survei(layanan_senduro, (4, 3, 3, 3, 3, 3, 3, 3, 3), tanggal=D(2026, 2, 1))
    isi_survei(layanan_senduro, 3, tanggal=D(2026, 3, 1))
    isi_survei(layanan_senduro, 3, tanggal=D(2026, 5, 1))
    data = report("--kecamatan", "35.08.12", "--tahun", "2026", "--semester", "1", "--format", "json")
    assert data == {
        "kecamatan": {"kode": "35.08.12", "nama": "Senduro"},
        "periode": {"mulai": "2026-01-01", "selesai": "2026-06-30"},
        "responden": 3,
        "unsur": [{"kode": "U1", "nama": "Persyaratan", "nrr": "3,333"}]
        + [{"kode": u["kode"], "nama": u["nama"], "nrr": "3,000"} for u in data["unsur"][1:]],
        "ikm": "75,93",
        "mutu": "C",
        "kinerja": "Kurang Baik",
    }
    assert [u["kode"] for u in data["unsur"]] == [f"U{i}" for i in range(1, 10)]
    assert report("--kecamatan", "35.08.12", "--tahun", "2026", "--triwulan", "1")["responden"] == 2
    assert report("--kecamatan", "35.08.12", "--dari", "2026-03-01", "--sampai", "2026-03-01")["responden"] == 1


def test_no_respondent_gives_null(senduro):
    data = report("--kecamatan", "35.08.12", "--tahun", "2026")
    assert data["responden"] == 0
    assert data["ikm"] is None and data["mutu"] is None and data["kinerja"] is None
    assert all(u["nrr"] is None for u in data["unsur"])


@pytest.mark.parametrize(
    "args",
    [
        ["--kecamatan", "35.08.77", "--tahun", "2026"],
        ["--kecamatan", "35.08.12"],
        ["--kecamatan", "35.08.12", "--dari", "2026-01-01"],
        ["--kecamatan", "35.08.12", "--dari", "2026-03-01", "--sampai", "2026-02-01"],
        ["--kecamatan", "35.08.12", "--dari", "2026-02-30", "--sampai", "2026-03-01"],
        ["--kecamatan", "35.08.12", "--tahun", "2026", "--dari", "2026-01-01", "--sampai", "2026-02-01"],
    ],
)
def test_bad_input_exits_with_status_2(senduro, args):
    with pytest.raises(CommandError) as excinfo:
        call_command("skm_report", *args)
    assert excinfo.value.returncode == 2
