"""Paper questionnaires typed into a workbook: the template, and an all-or-nothing import.

Sheet ``Responden``: Tanggal, Jenis Layanan, Usia, Jenis Kelamin, Pendidikan,
Pekerjaan, U1 … U9 (1–4), Saran. Every error names its row and column; one error
and nothing is saved. A formula cell is refused (its cached value may be stale and
we never evaluate it). Importing the same file again adds nothing: each row gets a
key from its content and its rank among identical rows of the file.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import openpyxl
from django.db import transaction

from iku_project.spreadsheet import sel, simpan, workbook
from skm.models import JUMLAH_UNSUR, JenisLayanan, Kuesioner, Responden
from wilayah.versi import versi_data_naikkan

SHEET = "Responden"
KOLOM = [
    "Tanggal",
    "Jenis Layanan",
    "Usia",
    "Jenis Kelamin",
    "Pendidikan",
    "Pekerjaan",
    *[f"U{i}" for i in range(1, JUMLAH_UNSUR + 1)],
    "Saran",
]
MAKS_BARIS = 5000
# Rows read at all, blank ones included: a small file of a million empty rows must not hold a worker.
MAKS_BARIS_DIBACA = 5 * MAKS_BARIS


@dataclass(frozen=True)
class Kesalahan:
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self):
        tempat = ", ".join(p for p in (f"baris {self.baris}" if self.baris else "", self.kolom or "") if p)
        return f"{tempat}: {self.pesan}" if tempat else self.pesan


@dataclass
class HasilImporSKM:
    kesalahan: list[Kesalahan] = field(default_factory=list)
    baru: int = 0
    sudah_ada: int = 0
    dry_run: bool = False

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def _aman(sheet, value, bold=False):
    # quotePrefix, not an apostrophe: the names are copied back into the import as written.
    return sel(sheet, value, bold=bold, kutip=True)


def template_xlsx(*, kecamatan) -> bytes:
    """The template with the kecamatan's jenis layanan and the accepted profile values listed."""
    wb = workbook()
    ws = wb.create_sheet(SHEET)
    ws.append([_aman(ws, k, bold=True) for k in KOLOM])
    petunjuk = wb.create_sheet("Petunjuk")
    baris = [
        ["Isi satu baris per kuesioner kertas. Tanggal: 17/10/2023 atau 2023-10-17. U1–U9: angka 1 sampai 4."],
        ["Jenis Layanan (tulis persis):"],
        *[["", layanan.nama] for layanan in JenisLayanan.objects.filter(kecamatan=kecamatan, aktif=True)],
        ["Jenis Kelamin:", *Responden.JenisKelamin.labels],
        ["Pendidikan:", *Responden.Pendidikan.labels],
        ["Pekerjaan:", *Responden.Pekerjaan.labels],
    ]
    for row in baris:
        petunjuk.append([_aman(petunjuk, v) for v in row])
    return simpan(wb)


def _kunci(teks: str) -> str:
    return " ".join(str(teks).split()).casefold()


def _pilihan(choices) -> dict[str, str]:
    peta = {}
    for value, label in choices:
        peta[_kunci(value)] = value
        peta[_kunci(label)] = value
    return peta


JENIS_KELAMIN = _pilihan(Responden.JenisKelamin.choices)
PENDIDIKAN = _pilihan(Responden.Pendidikan.choices)
PEKERJAAN = _pilihan(Responden.Pekerjaan.choices)


class _Salah(Exception):
    pass


def _tanggal(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    teks = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(teks, fmt).date()
        except ValueError:
            pass
    raise _Salah(f"Tanggal \u201c{teks}\u201d tidak sah; tulis misalnya 17/10/2023.")


def _bulat(value, *, bawah: int, atas: int, pesan: str) -> int:
    if isinstance(value, bool):
        raise _Salah(pesan)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or not bawah <= value <= atas:
        raise _Salah(pesan)
    return value


def _baca(file) -> tuple[list[tuple[int, dict]], list[Kesalahan]]:
    file.seek(0)
    try:
        wb = openpyxl.load_workbook(file, read_only=True, data_only=False, keep_links=False)
    except Exception:
        return [], [Kesalahan(None, None, "Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx).")]
    try:
        per_nama = {_kunci(n): n for n in wb.sheetnames}
        if _kunci(SHEET) not in per_nama:
            return [], [Kesalahan(None, None, f"Tidak ada lembar {SHEET}: gunakan templat impor SKM.")]
        ws = wb[per_nama[_kunci(SHEET)]]
        ws.reset_dimensions()
        rows = ws.iter_rows(max_col=len(KOLOM) + 5)
        header = next(rows, ())
        kolom = {}
        for cell in header:
            if getattr(cell, "column", None) is None or cell.value in (None, ""):
                continue
            nama = {_kunci(k): k for k in KOLOM}.get(_kunci(cell.value))
            if nama is None:
                return [], [Kesalahan(1, cell.column_letter, f"Judul kolom \u201c{cell.value}\u201d tidak dikenal.")]
            kolom[cell.column - 1] = (nama, cell.column_letter)
        hilang = [k for k in KOLOM if k != "Saran" and k not in {n for n, _ in kolom.values()}]
        if hilang:
            return [], [Kesalahan(1, None, "Kolom wajib tidak ada di baris judul: " + ", ".join(hilang) + ".")]
        isi, kesalahan = [], []
        for nomor_dibaca, row in enumerate(rows, start=2):
            if nomor_dibaca > MAKS_BARIS_DIBACA:
                return [], [
                    Kesalahan(nomor_dibaca, None, f"Lembar terlalu panjang: paling banyak {MAKS_BARIS_DIBACA} baris.")
                ]
            cells = [c for c in row if getattr(c, "row", None) is not None]
            if not any(c.value not in (None, "") for c in cells):
                continue
            if len(isi) >= MAKS_BARIS:
                return [], [Kesalahan(cells[0].row, None, f"Terlalu banyak baris: paling banyak {MAKS_BARIS}.")]
            nilai = {}
            for c in cells:
                if c.column - 1 not in kolom:
                    continue
                nama, huruf = kolom[c.column - 1]
                if c.data_type == "f":
                    kesalahan.append(Kesalahan(c.row, f"{nama} ({huruf})", "Berisi rumus; tulis nilainya saja."))
                nilai[nama] = (c.value, huruf)
            isi.append((cells[0].row, nilai))
        return isi, kesalahan
    except Exception:
        return [], [Kesalahan(None, None, "Isi buku kerja rusak atau tidak dapat dibaca.")]
    finally:
        wb.close()


def skm_workbook_import(*, kecamatan, file, hari_ini: datetime.date, dry_run: bool = False) -> HasilImporSKM:
    """Read every row, report every error by row and column, and save all rows or none."""
    hasil = HasilImporSKM(dry_run=dry_run)
    isi, hasil.kesalahan = _baca(file)
    if hasil.kesalahan:
        return hasil
    if not isi:
        hasil.kesalahan.append(Kesalahan(None, None, f"Lembar {SHEET} tidak berisi satu baris pun."))
        return hasil
    layanan = {_kunci(j.nama): j for j in JenisLayanan.objects.filter(kecamatan=kecamatan)}
    # Each answer keeps the questionnaire version in force on its own date.
    versi = list(Kuesioner.objects.order_by("-versi"))
    baru, urutan = [], {}
    for nomor, nilai in isi:
        data, salah = {}, False

        def ambil(nama, ubah, nilai=nilai, nomor=nomor, data=data):
            nonlocal salah
            value, huruf = nilai.get(nama, (None, ""))
            try:
                data[nama] = ubah(value)
            except _Salah as exc:
                hasil.kesalahan.append(Kesalahan(nomor, f"{nama} ({huruf})" if huruf else nama, str(exc)))
                salah = True

        def pilih(peta, label):
            def ubah(value):
                if _kunci(value or "") not in peta:
                    raise _Salah(f"{label} \u201c{value or ''}\u201d tidak dikenal.")
                return peta[_kunci(value)]

            return ubah

        ambil("Tanggal", _tanggal)
        ambil("Jenis Layanan", pilih(layanan, "Jenis layanan"))
        ambil("Usia", lambda v: _bulat(v, bawah=10, atas=120, pesan="Usia harus bilangan bulat 10 sampai 120."))
        ambil("Jenis Kelamin", pilih(JENIS_KELAMIN, "Jenis kelamin"))
        ambil("Pendidikan", pilih(PENDIDIKAN, "Pendidikan"))
        ambil("Pekerjaan", pilih(PEKERJAAN, "Pekerjaan"))
        for i in range(1, JUMLAH_UNSUR + 1):
            ambil(f"U{i}", lambda v: _bulat(v, bawah=1, atas=4, pesan="Jawaban harus angka 1, 2, 3 atau 4."))
        ambil("Saran", lambda v: "" if v is None else " ".join(str(v).split())[:1000])
        if salah:
            continue
        if data["Tanggal"] > hari_ini:
            hasil.kesalahan.append(Kesalahan(nomor, "Tanggal", "Tanggal survei tidak boleh setelah hari ini."))
            continue
        kuesioner = next((k for k in versi if k.berlaku_mulai <= data["Tanggal"]), None)
        if kuesioner is None:
            hasil.kesalahan.append(Kesalahan(nomor, "Tanggal", "Belum ada kuesioner yang berlaku pada tanggal ini."))
            continue
        nilai_unsur = [data[f"U{i}"] for i in range(1, JUMLAH_UNSUR + 1)]
        isi_baris = "|".join(
            str(x)
            for x in (
                data["Tanggal"].isoformat(),
                data["Jenis Layanan"].pk,
                data["Usia"],
                data["Jenis Kelamin"],
                data["Pendidikan"],
                data["Pekerjaan"],
                *nilai_unsur,
                data["Saran"],
            )
        )
        sidik = hashlib.sha256(isi_baris.encode()).hexdigest()[:64]
        urutan[sidik] = urutan.get(sidik, 0) + 1
        baru.append(
            Responden(
                kecamatan=kecamatan,
                kuesioner=kuesioner,
                jenis_layanan=data["Jenis Layanan"],
                tanggal=data["Tanggal"],
                usia=data["Usia"],
                jenis_kelamin=data["Jenis Kelamin"],
                pendidikan=data["Pendidikan"],
                pekerjaan=data["Pekerjaan"],
                saran=data["Saran"],
                sumber=Responden.Sumber.IMPOR,
                kunci_impor=f"{sidik}#{urutan[sidik]}",
                **{f"u{i}": v for i, v in enumerate(nilai_unsur, start=1)},
            )
        )
    if hasil.kesalahan:
        return hasil
    with transaction.atomic():
        ada = set(
            Responden.objects.filter(kecamatan=kecamatan, kunci_impor__in=[r.kunci_impor for r in baru]).values_list(
                "kunci_impor", flat=True
            )
        )
        simpan = [r for r in baru if r.kunci_impor not in ada]
        hasil.sudah_ada = len(baru) - len(simpan)
        hasil.baru = len(simpan)
        if not dry_run and simpan:
            Responden.objects.bulk_create(simpan)
            # bulk_create sends no signals: one bump for the whole import.
            versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return hasil
