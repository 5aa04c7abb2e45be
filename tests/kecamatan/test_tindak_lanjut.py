"""Ditindaklanjuti (docs/DESIGN.md §2.2): the pure rule, the SQL annotation, and their agreement."""

import datetime
import itertools

import pytest

from kecamatan.models import Kegiatan
from kecamatan.tindak_lanjut import is_ditindaklanjuti

AS_OF = datetime.date(2026, 6, 30)
DAY = datetime.timedelta(days=1)


def _rule(**overrides):
    values = {
        "status": "dilaksanakan",
        "output": "Berita acara fasilitasi",
        "tanggal_output": AS_OF - DAY,
        "jumlah_bukti_aktif": 1,
        "as_of": AS_OF,
    }
    return is_ditindaklanjuti(**(values | overrides))


def test_output_and_bukti_counts():
    assert _rule() is True


def test_output_only_does_not_count():
    assert _rule(jumlah_bukti_aktif=0) is False


def test_bukti_only_does_not_count():
    assert _rule(output="", tanggal_output=None) is False


def test_output_dated_after_as_of_does_not_count_yet():
    assert _rule(tanggal_output=AS_OF + DAY) is False


def test_output_dated_exactly_on_as_of_counts():
    assert _rule(tanggal_output=AS_OF) is True


def test_blank_output_does_not_count():
    assert _rule(output="   ") is False


@pytest.mark.parametrize("status", ["rencana", "dibatalkan"])
def test_only_carried_out_kegiatan_count(status):
    assert _rule(status=status) is False


def _annotated(kegiatan, as_of=AS_OF):
    return Kegiatan.objects.with_tindak_lanjut(as_of).get(pk=kegiatan.pk).ditindaklanjuti


def test_removed_bukti_never_counts(senduro, make_kegiatan, make_bukti):
    kegiatan = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF - DAY)
    make_bukti(kegiatan, dihapus=True)
    assert _annotated(kegiatan) is False
    make_bukti(kegiatan)
    assert _annotated(kegiatan) is True


def test_bukti_without_file_counts(senduro, make_kegiatan, make_bukti):
    kegiatan = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF - DAY)
    bukti = make_bukti(kegiatan, berkas=None)
    assert bukti.tanpa_berkas
    assert _annotated(kegiatan) is True


def test_bukti_date_does_not_move_the_follow_up(senduro, make_kegiatan, make_bukti):
    kegiatan = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF)
    make_bukti(kegiatan, tanggal=AS_OF + 30 * DAY)
    assert _annotated(kegiatan) is True


def test_annotation_and_function_agree_on_every_combination(senduro, make_kegiatan, make_bukti):
    statuses = list(Kegiatan.Status.values)
    outputs = [("", None), ("Berita acara", AS_OF - DAY), ("Berita acara", AS_OF), ("Berita acara", AS_OF + DAY)]
    bukti_sets = [(), ("aktif",), ("dihapus",), ("aktif", "dihapus"), ("aktif", "aktif")]
    cases = []
    for status, (output, tanggal_output), bukti in itertools.product(statuses, outputs, bukti_sets):
        kegiatan = make_kegiatan(
            senduro, status=status, output=output, tanggal_output=tanggal_output, tanggal=AS_OF - 10 * DAY
        )
        for state in bukti:
            make_bukti(kegiatan, dihapus=state == "dihapus")
        expected = is_ditindaklanjuti(
            status=status,
            output=output,
            tanggal_output=tanggal_output,
            jumlah_bukti_aktif=bukti.count("aktif"),
            as_of=AS_OF,
        )
        cases.append((kegiatan.pk, expected))
    annotated = dict(Kegiatan.objects.with_tindak_lanjut(AS_OF).values_list("pk", "ditindaklanjuti"))
    assert len(cases) == 3 * 4 * 5
    assert annotated == dict(cases)
    # perlu_tindak_lanjut spells out the negated rule in SQL of its own: it must agree too.
    dilaksanakan = set(Kegiatan.objects.filter(status=Kegiatan.Status.DILAKSANAKAN).values_list("pk", flat=True))
    perlu = set(Kegiatan.objects.perlu_tindak_lanjut(AS_OF).values_list("pk", flat=True))
    assert perlu == {pk for pk, expected in cases if pk in dilaksanakan and not expected}
    # The combinations include both answers, so agreement is not trivially all-False.
    assert sum(expected for _, expected in cases) == 2 * 3  # two output dates ≤ as_of × three sets with an active bukti


def test_perlu_tindak_lanjut_lists_carried_out_without_follow_up(senduro, make_kegiatan, make_bukti):
    lengkap = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF - DAY)
    make_bukti(lengkap)
    tanpa_bukti = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF - DAY)
    tanpa_output = make_kegiatan(senduro)
    make_bukti(tanpa_output)
    output_nanti = make_kegiatan(senduro, output="BA", tanggal_output=AS_OF + DAY)
    make_bukti(output_nanti)
    make_kegiatan(senduro, status="rencana")
    make_kegiatan(senduro, tanggal=AS_OF + DAY)  # has not happened yet as of AS_OF
    perlu = set(Kegiatan.objects.perlu_tindak_lanjut(AS_OF).values_list("pk", flat=True))
    assert perlu == {tanpa_bukti.pk, tanpa_output.pk, output_nanti.pk}


def test_output_requires_its_date_in_the_database(senduro, make_kegiatan):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_kegiatan(senduro, output="BA", tanggal_output=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_kegiatan(senduro, output="", tanggal_output=AS_OF)
