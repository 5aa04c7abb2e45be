"""Demo kegiatan and bukti pendukung for Senduro and Lumajang, through the same services as the pages.

Deterministic (``random.Random`` with a fixed seed per kecamatan) and idempotent:
a kecamatan that already has kegiatan is left alone. Needs the demo users and
seksi of ``indikator.demo.organisasi_demo_load``.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from kecamatan import services
from kecamatan.models import JenisBukti, Kategori, Kegiatan, Seksi, UraianAktivitas
from wilayah.models import Kecamatan

DEMO_KEGIATAN = {"35.08.12": ("senduro", 3512), "35.08.10": ("lumajang", 3510)}
HARI_RENTANG = 730

KETERANGAN = [
    "Dilaksanakan di pendopo kecamatan bersama perangkat desa.",
    "Rapat di balai desa, dihadiri kepala desa, BPD dan tokoh masyarakat.",
    "Pendampingan langsung ke kantor desa.",
    "Koordinasi dengan Puskesmas dan Koramil.",
    "Dihadiri unsur Forkopimcam dan perwakilan OPD kabupaten.",
    "Pembinaan administrasi bagi sekretaris desa dan kaur.",
    "Monitoring lapangan bersama pendamping desa.",
    "",
]
SEKSI_BOBOT = {
    "Seksi Pemerintahan": 5,
    "Seksi Pemberdayaan Masyarakat dan Desa": 3,
    "Seksi Ketenteraman dan Ketertiban Umum": 2,
    "Seksi Kesejahteraan Sosial": 2,
    "Seksi Pelayanan Umum": 1,
    "Sub Bagian Perencanaan dan Keuangan": 1,
    "Sub Bagian Umum dan Kepegawaian": 1,
}
BUKTI_MENURUT_KATEGORI = {
    Kategori.FASILITASI: ["berita_acara", "berita_acara", "dokumen_laporan", "rapat_koordinasi", "sk_camat"],
    Kategori.KOORDINASI: ["rapat_koordinasi", "rapat_koordinasi", "berita_acara", "dokumen_laporan"],
    Kategori.REKOMENDASI: ["rekomendasi"],
}


def demo_pdf(judul: str) -> bytes:
    """A one-page PDF written by hand, with a correct cross-reference table."""
    teks = judul.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 14 Tf 56 780 Td ({teks}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def demo_png(judul: str, *, warna=(240, 244, 250)) -> bytes:
    image = Image.new("RGB", (320, 180), warna)
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, 311, 171], outline=(60, 90, 140), width=2)
    draw.text((20, 24), "FOTO KEGIATAN", fill=(30, 30, 30))
    draw.text((20, 60), judul[:48], fill=(30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pilih_status(rng: random.Random, tanggal: datetime.date, hari_ini: datetime.date) -> str:
    if (hari_ini - tanggal).days <= 45 and rng.random() < 0.35:
        return Kegiatan.Status.RENCANA
    if rng.random() < 0.06:
        return Kegiatan.Status.DIBATALKAN
    return Kegiatan.Status.DILAKSANAKAN


def _load_kecamatan(*, kecamatan, slug, seed, hari_ini) -> int:
    rng = random.Random(seed)
    User = get_user_model()
    staf = User.objects.get(username=f"{slug}.staf")
    kasi = User.objects.get(username=f"{slug}.kasi")
    seksi_list = list(Seksi.objects.filter(kecamatan=kecamatan, aktif=True).order_by("urutan", "nama"))
    bobot = [SEKSI_BOBOT.get(seksi.nama, 1) for seksi in seksi_list]
    desa_list = list(kecamatan.desa.order_by("kode"))
    uraian_list = list(UraianAktivitas.objects.aktif().select_related("jenis").order_by("pk"))
    uraian_bobot = [6 if u.jenis.kategori == Kategori.FASILITASI else 3 for u in uraian_list]
    jenis_bukti = {jenis.kode: jenis for jenis in JenisBukti.objects.aktif()}
    jumlah = rng.randint(150, 250)
    for nomor in range(1, jumlah + 1):
        tanggal = hari_ini - datetime.timedelta(days=rng.randint(0, HARI_RENTANG))
        uraian = rng.choices(uraian_list, weights=uraian_bobot)[0]
        seksi = rng.choices(seksi_list, weights=bobot)[0] if seksi_list else None
        # Staf log for their own seksi; the kasi logs the rest, so every row can be followed up by the kasi.
        pencatat = staf if seksi is not None and seksi.pk == staf.keanggotaan.seksi_id and rng.random() < 0.7 else kasi
        desa = rng.sample(desa_list, k=min(len(desa_list), rng.choice([0, 1, 1, 1, 2, 3])))
        kegiatan = services.kegiatan_create(
            user=pencatat,
            uraian=uraian,
            tanggal=tanggal,
            status=_pilih_status(rng, tanggal, hari_ini),
            seksi=seksi,
            desa=desa,
            keterangan=rng.choice(KETERANGAN),
            hari_ini=hari_ini,
        )
        if kegiatan.status != Kegiatan.Status.DILAKSANAKAN:
            continue
        nasib = rng.random()
        ada_output = nasib < 0.85
        ada_bukti = nasib < 0.72 or nasib >= 0.92
        if ada_output:
            tanggal_output = min(hari_ini, tanggal + datetime.timedelta(days=rng.randint(0, 14)))
            services.kegiatan_output_record(
                user=kasi,
                kegiatan=kegiatan,
                versi=kegiatan.versi,
                output=uraian.output_lengkap,
                tanggal_output=tanggal_output,
                hari_ini=hari_ini,
            )
        if ada_bukti:
            for urutan in range(rng.choice([1, 1, 1, 2])):
                kode = rng.choice(BUKTI_MENURUT_KATEGORI[uraian.jenis.kategori])
                jenis = jenis_bukti[kode]
                tanggal_bukti = min(hari_ini, tanggal + datetime.timedelta(days=rng.randint(0, 7)))
                klasifikasi = rng.choice(["005", "140", "141", "400", "412"])
                nomor_dokumen = f"{klasifikasi}/{nomor}{urutan or ''}/427.{kecamatan.kode[-2:]}/{tanggal_bukti.year}"
                judul = f"{jenis.nama[:30]} {nomor_dokumen}"
                pilihan = rng.random()
                if pilihan < 0.08:
                    berkas = None  # registered from paper, scan still to come ("tanpa berkas")
                elif pilihan < 0.3:
                    berkas = SimpleUploadedFile(f"foto_{nomor}.png", demo_png(judul), content_type="image/png")
                else:
                    berkas = SimpleUploadedFile(f"{kode}_{nomor}.pdf", demo_pdf(judul), content_type="application/pdf")
                services.bukti_create(
                    user=kasi,
                    kegiatan=kegiatan,
                    jenis=jenis,
                    nomor=nomor_dokumen,
                    tanggal=tanggal_bukti,
                    berkas=berkas,
                )
    return jumlah


@transaction.atomic
def kegiatan_demo_load(*, hari_ini: datetime.date) -> int:
    """Fill the demo kecamatan that have no kegiatan yet; returns how many kegiatan were created."""
    dibuat = 0
    for kode, (slug, seed) in DEMO_KEGIATAN.items():
        kecamatan = Kecamatan.objects.get(kode=kode)
        if Kegiatan.objects.filter(kecamatan=kecamatan).exists():
            continue
        dibuat += _load_kecamatan(kecamatan=kecamatan, slug=slug, seed=seed, hari_ini=hari_ini)
    return dibuat
