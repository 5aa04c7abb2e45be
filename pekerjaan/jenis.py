"""The registry of job kinds and what a handler returns (the contract: docs/DESIGN.md §3.7).

An owning app registers each kind in its own ``<app>/tasks.py``::

    @jenis_pekerjaan("laporan_capaian_pdf", judul="Laporan Capaian IKU (PDF)")
    def laporan_capaian_pdf_kerjakan(*, pekerjaan, kemajuan, **parameter) -> Hasil:
        kemajuan.langkah("Menghitung capaian", 10)
        ...
        return HasilBerkas(konten=b"...", nama="laporan.pdf", content_type="application/pdf")

The handler runs inside one transaction (nothing half-saved) unless it is registered with
``transaksi=False`` (a rendering that writes nothing: holding a write transaction for the length of a
PDF would stop every other writer on SQLite). ``ulangi=False`` marks a kind that must not be run a second
time after a worker died in the middle of it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HasilBerkas:
    """A file to download: kept in the private storage, served only to the job's owner."""

    konten: bytes
    nama: str
    content_type: str


@dataclass(frozen=True)
class HasilTautan:
    """A page to go on to (e.g. the approved report), with a sentence saying what was done."""

    url: str
    pesan: str = ""


Hasil = HasilBerkas | HasilTautan


class PekerjaanGagal(Exception):
    """The work cannot be done, for a reason the user can act on (Bahasa), with row-level details."""

    def __init__(self, pesan: str, *, rincian: list[str] | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.rincian = list(rincian or [])


@dataclass(frozen=True)
class JenisPekerjaan:
    nama: str
    judul: str
    kerjakan: Callable[..., Hasil]
    transaksi: bool = True
    ulangi: bool = True
    # The private-storage folder where the page keeps this kind's uploads for the job (one subfolder per
    # user): ``pekerjaan_bersihkan`` sweeps what a job that never ran, or a dry run never followed, left.
    folder_sementara: str = ""


_JENIS: dict[str, JenisPekerjaan] = {}


def jenis_pekerjaan(nama: str, *, judul: str, transaksi: bool = True, ulangi: bool = True, folder_sementara: str = ""):
    """Register ``fungsi`` as the handler of the job kind ``nama`` (a decorator)."""

    def daftar(fungsi):
        lama = _JENIS.get(nama)
        if lama is not None and lama.kerjakan is not fungsi:
            raise ValueError(f"Jenis pekerjaan {nama!r} sudah terdaftar ({lama.kerjakan.__module__}).")
        _JENIS[nama] = JenisPekerjaan(
            nama=nama,
            judul=judul,
            kerjakan=fungsi,
            transaksi=transaksi,
            ulangi=ulangi,
            folder_sementara=folder_sementara,
        )
        return fungsi

    return daftar


def jenis_ambil(nama: str) -> JenisPekerjaan:
    try:
        return _JENIS[nama]
    except KeyError:
        raise LookupError(f"Jenis pekerjaan tidak dikenal: {nama!r}") from None


def judul_jenis(nama: str) -> str:
    jenis = _JENIS.get(nama)
    return jenis.judul if jenis else nama


def semua_jenis() -> list[str]:
    return sorted(_JENIS)


def folder_sementara_semua() -> list[str]:
    return sorted({j.folder_sementara for j in _JENIS.values() if j.folder_sementara})


@dataclass
class Kemajuan:
    """What a handler reports while it works: a step (Bahasa) and a percentage 0..100.

    Only kept in memory here; the heartbeat thread of the running task writes it through its own
    connection, so a handler inside its transaction never waits on that write (and the step is visible
    to the status page at once, not at commit).
    """

    teks: str = ""
    persen: int = 0
    _saat_berubah: Callable[[], None] | None = field(default=None, repr=False)

    def langkah(self, teks: str, persen: int | None = None) -> None:
        self.teks = str(teks)[:200]
        if persen is not None:
            self.persen = max(0, min(100, int(persen)))
        if self._saat_berubah is not None:
            self._saat_berubah()
