"""Issue 18.3: one period vocabulary. Each code's dates, the errors of a bad period at its field, and one
definition of the codes, their names and their parsing in the whole repository."""

import datetime
import json
import pathlib
import re

import pytest
from django import forms

from kecamatan import periode
from kecamatan.periode import PeriodeFormMixin, PeriodeTidakSah, bagian_field, tahun_choices, tahun_field

D = datetime.date
HARI_INI = D(2026, 11, 29)
ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("kode", "mulai", "selesai", "label"),
    [
        ("", D(2025, 1, 1), D(2025, 12, 31), "Tahun 2025"),
        ("tw1", D(2025, 1, 1), D(2025, 3, 31), "Triwulan I 2025"),
        ("tw2", D(2025, 4, 1), D(2025, 6, 30), "Triwulan II 2025"),
        ("tw3", D(2025, 7, 1), D(2025, 9, 30), "Triwulan III 2025"),
        ("tw4", D(2025, 10, 1), D(2025, 12, 31), "Triwulan IV 2025"),
        ("s1", D(2025, 1, 1), D(2025, 6, 30), "Semester I 2025"),
        ("s2", D(2025, 7, 1), D(2025, 12, 31), "Semester II 2025"),
    ],
)
def test_each_code_names_its_dates_and_its_name(kode, mulai, selesai, label):
    p = periode.periode_parse(tahun="2025", bagian=kode)
    assert (p.mulai, p.selesai, p.label, p.tahun, p.kode) == (mulai, selesai, label, 2025, kode)


def test_the_choice_list_is_the_codes_with_their_names():
    assert periode.BAGIAN == [
        ("", "Setahun"),
        ("tw1", "Triwulan I"),
        ("tw2", "Triwulan II"),
        ("tw3", "Triwulan III"),
        ("tw4", "Triwulan IV"),
        ("s1", "Semester I"),
        ("s2", "Semester II"),
    ]


def test_leap_year_february_lies_in_the_first_semester_and_triwulan():
    s1 = periode.periode_parse(tahun=2024, bagian="s1")
    tw1 = periode.periode_parse(tahun=2024, bagian="tw1")
    assert s1.mulai <= D(2024, 2, 29) <= s1.selesai
    assert (tw1.selesai - tw1.mulai).days + 1 == 31 + 29 + 31
    assert (s1.selesai - s1.mulai).days + 1 == 182  # 2024 is a leap year: one day more than 2025's 181
    assert (periode.periode_parse(tahun=2025, bagian="s1").selesai - D(2025, 1, 1)).days + 1 == 181


def test_names_of_a_triwulan():
    tw2 = periode.triwulan(2025, 2)
    assert (tw2.nama_triwulan, tw2.singkatan_triwulan) == ("Triwulan II", "TW II")


def test_a_range_and_its_label():
    p = periode.rentang_parse("2025-02-03", "2025-05-31")
    assert (p.jenis, p.mulai, p.selesai, p.kode) == ("rentang", D(2025, 2, 3), D(2025, 5, 31), "")
    assert p.label == "3 Februari 2025 s.d. 31 Mei 2025"


@pytest.mark.parametrize(
    ("kwargs", "pesan"),
    [
        ({"tahun": 2025, "bagian": "tw5"}, "Periode 'tw5' tidak dikenal"),
        ({"tahun": 2025, "bagian": "semester"}, "tidak dikenal"),
        ({"tahun": "dua ribu", "bagian": ""}, "Tahun 'dua ribu' tidak sah"),
        ({"tahun": 1800, "bagian": "s1"}, "Tahun 1800 di luar rentang 1900–9998"),
        ({"tahun": 10000, "bagian": ""}, "di luar rentang"),
    ],
)
def test_a_bad_code_or_year_is_refused_in_indonesian(kwargs, pesan):
    with pytest.raises(PeriodeTidakSah, match=pesan):
        periode.periode_parse(**kwargs)


@pytest.mark.parametrize(
    ("dari", "sampai", "pesan"),
    [
        ("2025-02-30", "2025-03-01", "Tanggal awal '2025-02-30' tidak sah; tulis sebagai TTTT-BB-HH."),
        ("2025-01-01", "31/12/2025", "Tanggal akhir '31/12/2025' tidak sah"),
        ("", "2025-03-01", "Tanggal awal belum diisi"),
        ("2025-03-01", "2025-02-01", r"Tanggal akhir \(1 Februari 2025\) tidak boleh sebelum tanggal awal"),
        ("2024-12-01", "2025-01-31", "dalam satu tahun"),
    ],
)
def test_a_bad_range_is_refused_in_indonesian(dari, sampai, pesan):
    with pytest.raises(PeriodeTidakSah, match=pesan):
        periode.rentang_parse(dari, sampai)


def test_a_range_over_two_years_is_allowed_only_where_asked():
    assert periode.rentang_parse("2024-07-01", "2025-06-30", satu_tahun=False).tahun == 2025


def test_a_query_string_without_dates_is_this_year_so_far_and_today_comes_from_the_caller():
    p = periode.rentang_dari_query({}, hari_ini=HARI_INI)
    assert (p.mulai, p.selesai) == (D(2026, 1, 1), HARI_INI)
    with pytest.raises(PeriodeTidakSah):
        periode.rentang_dari_query({"dari": "2026-01-01"}, hari_ini=HARI_INI)


@pytest.mark.parametrize(
    ("hari_ini", "mulai", "selesai"),
    [
        (D(2026, 7, 1), D(2026, 1, 1), D(2026, 6, 30)),
        (D(2026, 6, 30), D(2025, 7, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2025, 7, 1), D(2025, 12, 31)),
    ],
)
def test_the_last_ended_semester(hari_ini, mulai, selesai):
    p = periode.semester_terakhir(hari_ini)
    assert (p.mulai, p.selesai, p.jenis) == (mulai, selesai, "semester")


def test_the_same_period_a_year_earlier_keeps_29_february_in_the_month():
    lalu = periode.periode_parse(tahun=2025, bagian="").setahun_sebelumnya()
    assert (lalu.mulai, lalu.selesai) == (D(2024, 1, 1), D(2024, 12, 31))
    assert periode.rentang(D(2024, 2, 1), D(2024, 2, 29)).setahun_sebelumnya().selesai == D(2023, 2, 28)


def test_the_removed_dead_code_stays_removed():
    assert not hasattr(periode.Periode, "setahun_penuh")
    assert not hasattr(periode.Periode, "contains")


# --- The form fields ------------------------------------------------------------------------------


class _Form(PeriodeFormMixin, forms.Form):
    tahun = tahun_field()
    bagian = bagian_field()

    def __init__(self, *args, bawaan=None, wajib=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = tahun_choices(HARI_INI, kosong="Semua")
        self.tahun_bawaan, self.tahun_wajib = bawaan, wajib


def test_a_good_choice_is_the_period():
    form = _Form({"tahun": "2025", "bagian": "tw4"})
    assert form.is_valid()
    dipilih = form.cleaned_data["periode"]
    assert (dipilih.mulai, dipilih.selesai) == (D(2025, 10, 1), D(2025, 12, 31))


@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"tahun": "2026", "bagian": "tw9"}, "bagian", "Periode tw9 tidak dikenal"),
        ({"tahun": "1999"}, "tahun", "Tahun 1999 tidak tersedia"),
        ({"tahun": "abc"}, "tahun", "Tahun abc tidak tersedia"),
        ({"bagian": "s1"}, "tahun", "Pilih tahunnya untuk triwulan atau semester."),
    ],
)
def test_a_bad_period_is_an_indonesian_error_at_its_field(data, field, pesan):
    form = _Form(data)
    assert not form.is_valid()
    assert any(pesan in e for e in form.errors[field])
    assert form.cleaned_data["periode"] is None  # no other period in its place
    assert form.periode_errors()


def test_no_year_is_no_period_or_the_forms_documented_default():
    semua = _Form({"bagian": ""})
    assert semua.is_valid() and semua.cleaned_data["periode"] is None
    form = _Form({"bagian": "s2"}, bawaan=2026)
    assert form.is_valid() and form.cleaned_data["periode"].label == "Semester II 2026"
    wajib = _Form({"bagian": "s2"}, bawaan=2026, wajib=True)
    assert not wajib.is_valid() and wajib.errors["tahun"] == ["Pilih tahunnya."]


# --- One definition --------------------------------------------------------------------------------


def _sumber():
    for folder in ("iku_project", "kecamatan", "desa", "indikator", "skm", "bench", "wilayah"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "pola",
    [
        r'\(\s*"tw1"\s*,\s*"Triwulan I"\s*\)',  # the choice list
        r'"tw1"\s*:\s*\(',  # a code → months/kind table such as BAGIAN_BULAN
        r"^\s*(class Periode\b|def (periode_range|periode_dari|periode_parse|tanggal_parse|_semester_terakhir)\b)",
        r"^ROMAWI\s*=",
        r'"Triwulan \{|"Semester \{',  # a period's name written out
        r'f"tw\{|f"s\{',  # a code built by hand
    ],
)
def test_the_period_vocabulary_is_defined_once(pola):
    tempat = [
        str(path.relative_to(ROOT))
        for path, teks in _sumber()
        if re.search(pola, teks, re.MULTILINE) and path != ROOT / "kecamatan" / "periode.py"
    ]
    # opsi.tanggal_parse only turns kecamatan.periode's error into a CommandError.
    diizinkan = ["indikator/management/opsi.py"] if "tanggal_parse" in pola else []
    assert tempat == diizinkan


def test_the_old_module_is_gone_and_nobody_imports_it():
    assert not (ROOT / "indikator" / "periode.py").exists()
    for path, teks in _sumber():
        assert "indikator.periode" not in teks, path
        assert "BAGIAN_BULAN" not in teks, path


def test_the_vocabulary_never_reads_the_clock():
    teks = (ROOT / "kecamatan" / "periode.py").read_text(encoding="utf-8")
    for jam in ("timezone", ".today(", ".now(", "localdate"):
        assert jam not in teks, jam


@pytest.mark.parametrize(
    "dicari",
    [
        periode.Periode(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "tahun"),
        periode.Periode(datetime.date(2024, 4, 1), datetime.date(2024, 6, 30), "triwulan", 2),
        periode.Periode(datetime.date(2024, 2, 29), datetime.date(2024, 3, 5), "rentang"),
    ],
)
def test_a_period_goes_through_a_jobs_json_parameters_unchanged(dicari):
    """Jobs carry their period as JSON (the database queue and RQ both store it): it comes back equal."""
    data = json.loads(json.dumps(dicari.ke_json()))
    assert periode.Periode.dari_json(data) == dicari
