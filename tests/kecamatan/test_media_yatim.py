"""media_yatim: files no row refers to (uploaded after a restored backup) are listed or moved aside."""

import io

import pytest
from django.core.management import CommandError, call_command

from kecamatan.models import BuktiPendukung
from tests.kecamatan.contoh import pdf_bytes, upload


@pytest.fixture
def berkas(settings, senduro, make_kegiatan, make_bukti):
    kegiatan = make_kegiatan(senduro)
    tetap = make_bukti(kegiatan, berkas=upload("ba.pdf", pdf_bytes()))
    # A scan only the history still names (the bukti was later deleted outright) is kept.
    riwayat = make_bukti(kegiatan, berkas=upload("lama.pdf", pdf_bytes()), nomor="lama")
    nama_riwayat = riwayat.berkas.name
    BuktiPendukung.objects.filter(pk=riwayat.pk).delete()
    media = settings.MEDIA_ROOT
    yatim = media / "bukti" / "2027" / "01" / "diunggah-setelah-cadangan.pdf"
    yatim.parent.mkdir(parents=True, exist_ok=True)
    yatim.write_bytes(pdf_bytes())
    return {"media": media, "tetap": tetap.berkas.name, "riwayat": nama_riwayat, "yatim": yatim}


def test_lists_orphans_without_moving_them(berkas):
    out = io.StringIO()
    call_command("media_yatim", stdout=out)
    assert out.getvalue().splitlines() == [
        "bukti/2027/01/diunggah-setelah-cadangan.pdf",
        "1 berkas yatim (tidak dipindahkan).",
    ]
    assert berkas["yatim"].exists()


def test_moves_orphans_aside_and_keeps_every_referenced_file(berkas, tmp_path):
    aside = tmp_path / "media.yatim"
    call_command("media_yatim", pindahkan_ke=str(aside), stdout=io.StringIO())
    assert not berkas["yatim"].exists()
    assert (aside / "bukti/2027/01/diunggah-setelah-cadangan.pdf").read_bytes() == pdf_bytes()
    assert (berkas["media"] / berkas["tetap"]).exists()
    assert (berkas["media"] / berkas["riwayat"]).exists()


def test_refuses_a_target_inside_media_root(berkas):
    with pytest.raises(CommandError):
        call_command("media_yatim", pindahkan_ke=str(berkas["media"] / "yatim"), stdout=io.StringIO())
    assert berkas["yatim"].exists()
