"""Reads of the kecamatan app."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from kecamatan.models import BuktiPendukung, JenisKegiatan, Kategori, Kegiatan, UraianAktivitas
from kecamatan.periode import Periode, periode_parse
from wilayah.models import Desa


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
        match = (
            Q(teks__icontains=q) | Q(output__icontains=q) | Q(rincian_output__icontains=q) | Q(jenis__nama__icontains=q)
        )
        uraian = uraian.filter(match)
        jenis = jenis.filter(
            Q(nama__icontains=q)
            | Q(uraian__teks__icontains=q)
            | Q(uraian__output__icontains=q)
            | Q(uraian__rincian_output__icontains=q)
        ).distinct()
    jenis = jenis.prefetch_related(Prefetch("uraian", queryset=uraian, to_attr="uraian_cocok"))
    grouped = {k: KategoriKatalog(kode=k.value, nama=k.label, jenis=[]) for k in Kategori}
    for item in jenis:
        grouped[item.kategori].jenis.append(item)
    return [group for group in grouped.values() if group.jenis]


# --- Kegiatan -------------------------------------------------------------------------------------

URUTAN_KEGIATAN = {
    "-tanggal": ["-tanggal", "-pk"],
    "tanggal": ["tanggal", "pk"],
    "katalog": ["kategori", "jenis_nomor", "uraian_nomor", "-tanggal", "-pk"],
    "status": ["status", "-tanggal", "-pk"],
    "seksi": ["seksi__urutan", "seksi__nama", "-tanggal", "-pk"],
    "-diubah_pada": ["-diubah_pada", "-pk"],
}


def kegiatan_base(*, user, as_of: datetime.date):
    """The user's kegiatan with everything a list row shows, in a fixed number of queries."""
    return (
        Kegiatan.objects.for_user(user)
        .with_tindak_lanjut(as_of)
        .with_jumlah_bukti()
        .select_related("kecamatan", "seksi", "dibuat_oleh")
        .prefetch_related(Prefetch("desa", queryset=Desa.objects.order_by("nama")))
    )


def kegiatan_periode(filters: dict) -> Periode | None:
    """The period the filters name: the form's ``periode``, or ``tahun``/``bagian`` from a caller."""
    if filters.get("periode") is not None:
        return filters["periode"]
    if filters.get("tahun"):
        return periode_parse(tahun=filters["tahun"], bagian=filters.get("bagian"))
    return None


def kegiatan_list(*, user, as_of: datetime.date, filters: dict | None = None, perlu_tindak_lanjut=False):
    """Scoped, filtered, searched and sorted kegiatan; ``filters`` is KegiatanFilterForm.cleaned_data."""
    filters = filters or {}
    queryset = kegiatan_base(user=user, as_of=as_of)
    if perlu_tindak_lanjut:
        queryset = queryset.filter(status=Kegiatan.Status.DILAKSANAKAN, tanggal__lte=as_of, ditindaklanjuti=False)
    periode = kegiatan_periode(filters)
    dari = filters.get("dari") or (periode.mulai if periode else None)
    sampai = filters.get("sampai") or (periode.selesai if periode else None)
    if dari:
        queryset = queryset.filter(tanggal__gte=dari)
    if sampai:
        queryset = queryset.filter(tanggal__lte=sampai)
    for name in ("kecamatan", "jenis", "seksi", "desa"):
        if filters.get(name) is not None:
            if name == "jenis":
                queryset = queryset.filter(uraian__jenis=filters[name])
            else:
                queryset = queryset.filter(**{name: filters[name]})
    if filters.get("kategori"):
        queryset = queryset.filter(kategori=filters["kategori"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("tindak_lanjut") == "ya":
        queryset = queryset.filter(ditindaklanjuti=True)
    elif filters.get("tindak_lanjut") == "tidak":
        # Only carried-out kegiatan can be "belum ditindaklanjuti"; plans and cancellations are neither.
        queryset = queryset.filter(ditindaklanjuti=False, status=Kegiatan.Status.DILAKSANAKAN)
    q = (filters.get("q") or "").strip()
    if q:
        desa_cocok = Kegiatan.desa.through.objects.filter(kegiatan=OuterRef("pk"), desa__nama__icontains=q)
        queryset = queryset.filter(
            Q(keterangan__icontains=q)
            | Q(uraian_teks__icontains=q)
            | Q(jenis_nama__icontains=q)
            | Q(output__icontains=q)
            | Q(Exists(desa_cocok))
        )
    urut = filters.get("urut") or ("tanggal" if perlu_tindak_lanjut else "-tanggal")
    return queryset.order_by(*URUTAN_KEGIATAN.get(urut, URUTAN_KEGIATAN["-tanggal"]))


def bukti_of_kegiatan(*, kegiatan: Kegiatan) -> tuple[list, list]:
    """(active, removed) bukti of a kegiatan, with their people, in one query."""
    semua = list(
        BuktiPendukung.objects.filter(kegiatan=kegiatan)
        .select_related("jenis", "diunggah_oleh", "dihapus_oleh")
        .order_by("tanggal", "pk")
    )
    return [b for b in semua if not b.dihapus], [b for b in semua if b.dihapus]


@dataclass
class Perubahan:
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    waktu: datetime.datetime
    pengguna: str
    objek: str
    aksi: str
    perubahan: list = field(default_factory=list)


AKSI = {"+": "membuat", "~": "mengubah", "-": "menghapus"}
RIWAYAT_ABAIKAN = {"diubah_pada", "versi", "dibuat_pada", "diunggah_pada", "berkas"}


def _tampil(model, name, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        # m2m rows of the history (diff_against with foreign_keys_are_objs): the desa themselves.
        return ", ".join(sorted(str(row["desa"]) for row in value))
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y H.i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def _entries(history, model, objek_of) -> list[EntriRiwayat]:
    records = list(history)
    entries = []
    for index, record in enumerate(records):
        entry = EntriRiwayat(
            waktu=record.history_date,
            pengguna=(record.history_user.get_full_name() or record.history_user.username)
            if record.history_user
            else "sistem",
            objek=objek_of(record),
            aksi=AKSI.get(record.history_type, record.history_type),
        )
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                if change.field in RIWAYAT_ABAIKAN:
                    continue
                label = model._meta.get_field(change.field).verbose_name
                entry.perubahan.append(
                    Perubahan(
                        label=str(label),
                        lama=_tampil(model, change.field, change.old),
                        baru=_tampil(model, change.field, change.new),
                    )
                )
            if record.history_type == "~" and not entry.perubahan:
                continue
            if getattr(record, "dihapus_pada", None) and not getattr(previous, "dihapus_pada", None):
                entry.aksi = "menghapus"
        entries.append(entry)
    return entries


def riwayat_kegiatan(*, kegiatan: Kegiatan) -> list[EntriRiwayat]:
    """Who changed what and when, for the kegiatan and its bukti, newest first."""
    kegiatan_history = kegiatan.history.select_related("history_user").order_by("-history_date", "-history_id")
    bukti_history = (
        BuktiPendukung.history.filter(kegiatan_id=kegiatan.pk)
        .select_related("history_user", "jenis")
        .order_by("-history_date", "-history_id")
    )
    entries = _entries(kegiatan_history, Kegiatan, lambda record: "kegiatan")
    per_bukti: dict[int, list] = {}
    for record in bukti_history:
        per_bukti.setdefault(record.id, []).append(record)
    for records in per_bukti.values():
        entries += _entries(
            records,
            BuktiPendukung,
            lambda record: f"bukti {record.jenis.nama}{' ' + record.nomor if record.nomor else ''}",
        )
    return sorted(entries, key=lambda entry: entry.waktu, reverse=True)
