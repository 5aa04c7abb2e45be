"""Reads of the kecamatan app."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from kecamatan.models import JenisKegiatan, Kategori, UraianAktivitas


@dataclass
class KategoriKatalog:
    kode: str
    nama: str
    jenis: list


def katalog_search(*, q: str = "") -> list[KategoriKatalog]:
    """The active catalogue grouped by category, filtered by ``q`` (two queries)."""
    uraian = UraianAktivitas.objects.aktif().order_by("nomor")
    jenis = JenisKegiatan.objects.aktif().order_by("kategori", "nomor")
    if q:
        match = Q(teks__icontains=q) | Q(output__icontains=q) | Q(jenis__nama__icontains=q)
        uraian = uraian.filter(match)
        jenis = jenis.filter(
            Q(nama__icontains=q) | Q(uraian__teks__icontains=q) | Q(uraian__output__icontains=q)
        ).distinct()
    jenis = jenis.prefetch_related(Prefetch("uraian", queryset=uraian, to_attr="uraian_cocok"))
    grouped = {k: KategoriKatalog(kode=k.value, nama=k.label, jenis=[]) for k in Kategori}
    for item in jenis:
        grouped[item.kategori].jenis.append(item)
    return [group for group in grouped.values() if group.jenis]
