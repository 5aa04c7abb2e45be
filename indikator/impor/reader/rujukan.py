"""Everything the rows refer to (kecamatan, desa, catalogue, seksi, jenis bukti), looked up in a few queries."""

import re
from collections import defaultdict

from django.db.models import Q
from django.db.models.functions import Lower

from indikator.impor.format import PEMISAH_DESA, kunci_teks
from indikator.impor.reader.sel import Lembar, tampil
from kecamatan.models import JenisBukti, JenisKegiatan, Seksi, UraianAktivitas
from wilayah.models import Desa, Kecamatan

RE_KODE_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
RE_KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def nama_polos(text: str) -> tuple[str, str | None]:
    """ "Desa Kandangan" -> ("kandangan", "desa"); names may carry their kind, as the application shows them."""
    key = kunci_teks(text)
    for jenis in (Desa.Jenis.DESA, Desa.Jenis.KELURAHAN):
        prefix = jenis.value + " "
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], jenis.value
    return key, None


class Rujukan:
    """Everything the rows refer to, loaded in a few queries before the rows are checked."""

    def __init__(self, *, kecamatan_scope, lembar: dict[str, Lembar]):
        # A subquery rather than a list of ids: the system's scope may be every kecamatan of the country.
        self.scope_ids = kecamatan_scope.values("pk")
        self.kecamatan = list(kecamatan_scope.select_related("kabupaten"))
        self.kecamatan_by_kode = {k.kode: k for k in self.kecamatan}
        self.kecamatan_by_nama = defaultdict(list)
        for k in self.kecamatan:
            self.kecamatan_by_nama[kunci_teks(k.nama)].append(k)

        uraian = UraianAktivitas.objects.select_related("jenis")
        self.uraian = {(u.jenis.kategori, u.jenis.nomor, u.nomor): u for u in uraian}
        self.jenis = {(j.kategori, j.nomor): j for j in JenisKegiatan.objects.all()}
        self.jenis_bukti = {}
        for jb in JenisBukti.objects.all():
            self.jenis_bukti[kunci_teks(jb.nama)] = jb
            self.jenis_bukti[kunci_teks(jb.kode)] = jb
        self.nama_jenis_bukti = [jb.nama for jb in JenisBukti.objects.aktif()]

        self.seksi = {
            (s.kecamatan_id, kunci_teks(s.nama)): s for s in Seksi.objects.filter(kecamatan_id__in=self.scope_ids)
        }
        self._muat_desa(lembar)

    def _muat_desa(self, lembar: dict[str, Lembar]) -> None:
        kode, nama = set(), set()
        for item in lembar.values():
            posisi = item.kolom.get("Desa")
            if posisi is None:
                continue
            for _, values in item.baris:
                value = values.get(posisi[0], (None, False))[0]
                if not isinstance(value, str):
                    continue
                for token in value.split(PEMISAH_DESA):
                    token = token.strip()
                    if RE_KODE_DESA.match(token):
                        kode.add(token)
                    elif token:
                        polos, _ = nama_polos(token)
                        nama.update({kunci_teks(token), polos})
        found = []
        if kode or nama:
            # Names compare in lower case here and with casefold in Python: the same for the region names.
            found = list(
                Desa.objects.alias(nama_kecil=Lower("nama"))
                .filter(Q(kode__in=kode) | Q(nama_kecil__in=nama), kecamatan_id__in=self.scope_ids)
                .select_related("kecamatan")
            )
        self.desa_by_kode = {d.kode: d for d in found}
        self.desa_by_nama = defaultdict(list)
        for d in found:
            self.desa_by_nama[kunci_teks(d.nama)].append(d)

    def cari_kecamatan(self, text: str) -> tuple[Kecamatan | None, str | None]:
        if RE_KODE_KECAMATAN.match(text):
            found = self.kecamatan_by_kode.get(text)
            return (
                (found, None)
                if found
                else (None, f"Kecamatan dengan kode {text} tidak dikenal atau di luar lingkup akun Anda.")
            )
        key = kunci_teks(text)
        if key.startswith("kecamatan "):
            key = key[len("kecamatan ") :]
        found = self.kecamatan_by_nama.get(key, [])
        if len(found) == 1:
            return found[0], None
        if not found:
            return None, f"Kecamatan \u201c{tampil(text)}\u201d tidak dikenal atau di luar lingkup akun Anda."
        pilihan = ", ".join(f"{k.kode} ({k.kabupaten.nama})" for k in found)
        return None, f"Nama kecamatan \u201c{tampil(text)}\u201d tidak unik ({pilihan}): tulis kodenya."

    def cari_desa(self, token: str, *, kecamatan: Kecamatan | None) -> tuple[Desa | None, str | None]:
        """By code or name; with ``kecamatan`` the desa must lie in it (the Kegiatan sheet)."""
        di = f" di Kecamatan {kecamatan.nama}" if kecamatan else " dalam lingkup akun Anda"
        if RE_KODE_DESA.match(token):
            found = self.desa_by_kode.get(token)
            if found is None:
                return None, f"Desa/kelurahan dengan kode {token} tidak ditemukan{di}."
            if kecamatan is not None and found.kecamatan_id != kecamatan.pk:
                di_sana = found.kecamatan.nama
                return None, f"{found} ({token}) berada di Kecamatan {di_sana}, bukan di Kecamatan {kecamatan.nama}."
            return found, None
        polos, jenis = nama_polos(token)
        calon = list(self.desa_by_nama.get(kunci_teks(token), []))
        if jenis is not None:
            calon += [d for d in self.desa_by_nama.get(polos, []) if d.jenis == jenis and d not in calon]
        if kecamatan is not None:
            calon = [d for d in calon if d.kecamatan_id == kecamatan.pk]
        if len(calon) == 1:
            return calon[0], None
        if not calon:
            return None, f"Desa/kelurahan \u201c{tampil(token)}\u201d tidak ditemukan{di}."
        pilihan = ", ".join(
            f"{d.kode} {d}" + ("" if kecamatan else f" (Kec. {d.kecamatan.nama})")
            for d in sorted(calon, key=lambda d: d.kode)
        )
        return None, f"Nama desa/kelurahan \u201c{tampil(token)}\u201d tidak unik{di} ({pilihan}): tulis kodenya."
