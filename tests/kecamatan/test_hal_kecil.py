"""Small things that erode trust (issue 19, point 10): the profile's jabatan and the admin's
catalogue list."""

import re

from django.urls import reverse

from kecamatan.models import Pejabat, Peran, Seksi


def test_the_profile_names_a_kepala_seksi_without_a_doubled_word(make_user, client_for, senduro):
    pemerintahan = Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan")
    umum = Seksi.objects.create(kecamatan=senduro, nama="Sub Bagian Umum", jenis=Seksi.Jenis.SUB_BAGIAN)
    trantib = Seksi.objects.create(kecamatan=senduro, nama="Ketenteraman dan Ketertiban Umum")
    for nip, jabatan, seksi in [
        ("198003152006041012", Pejabat.Jabatan.KEPALA_SEKSI, pemerintahan),
        ("198511092010012015", Pejabat.Jabatan.KEPALA_SUB_BAGIAN, umum),
        ("197205172000031003", Pejabat.Jabatan.KEPALA_SEKSI, trantib),
        ("196811141990031004", Pejabat.Jabatan.CAMAT, None),
    ]:
        Pejabat.objects.create(kecamatan=senduro, nama=f"Pejabat {nip[:4]}", nip=nip, jabatan=jabatan, seksi=seksi)
    html = client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/profil/").content.decode()
    assert "Kepala Seksi Pemerintahan" in html and "Seksi Seksi" not in html
    assert "Kepala Sub Bagian Umum" in html and "Bagian Sub Bagian" not in html
    assert "Kepala Seksi Ketenteraman dan Ketertiban Umum" in html


def test_the_admin_uraian_list_shows_a_short_jenis(make_user, client_for, senduro):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    html = client.get(reverse("admin:kecamatan_uraianaktivitas_changelist")).content.decode()
    sel = re.findall(r'<td class="field-jenis_ringkas"><span title="([^"]*)">([^<]*)</span>', html)
    assert sel, html[:2000]
    # The full name stays in the tooltip; the column shows kategori, number and at most 40 characters.
    assert max(len(teks) for _, teks in sel) <= len("Koordinasi 99. ") + 40
    assert any(len(judul) > 40 for judul, _ in sel)
    # The admin's own stylesheet wraps long texts and lets history tables scroll on a phone.
    assert "css/admin.css" in html
