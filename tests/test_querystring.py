"""Links built with {% querystring %} and reverse(query=) keep the chosen period."""

from django.urls import reverse

from kecamatan.models import Peran


def test_kabupaten_sort_links_keep_the_period(client_for, make_user, senduro):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    page = client.get(reverse("indikator:dasbor-kabupaten"), {"tahun": 2025, "bagian": "tw2", "urut": "iku1"})
    html = page.content.decode()
    assert 'href="?tahun=2025&amp;bagian=tw2&amp;urut=kode"' in html
    assert 'href="?tahun=2025&amp;bagian=tw2&amp;urut=-iku1"' in html  # the chosen column turns around
    assert 'href="?tahun=2025&amp;bagian=tw2&amp;urut=iku2"' in html


def test_kegiatan_export_link_keeps_the_filters_and_drops_the_page(client_for, make_user, senduro):
    client = client_for(make_user(Peran.STAF, kecamatan=senduro))
    html = client.get(reverse("kecamatan:kegiatan-list"), {"tahun": 2025, "halaman": 1}).content.decode()
    assert 'href="?tahun=2025&amp;export=xlsx"' in html
