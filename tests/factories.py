"""factory_boy factories: the one place tests build wilayah, people, kegiatan and documents.

Every model is imported here and nowhere else in the shared fixtures, so a model that moves
app (Provinsi…Desa to ``wilayah``) changes one import block. Defaults describe Jawa Timur /
Kabupaten Lumajang, the kabupaten the fixtures have always used; a test that relies on a fact
passes it explicitly.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from desa.models import DokumenDesa, JenisDokumen
from kecamatan.models import BuktiPendukung, JenisBukti, Keanggotaan, Kegiatan, Pejabat, Peran, Seksi, UraianAktivitas
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi
from wilayah.versi import versi_data_naikkan

PASSWORD = "rahasia-uji-123"


class ProvinsiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provinsi
        django_get_or_create = ("kode",)

    kode = "35"
    nama = "Jawa Timur"


class KabupatenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kabupaten
        django_get_or_create = ("kode",)

    kode = "35.08"
    nama = "Kabupaten Lumajang"
    provinsi = factory.SubFactory(ProvinsiFactory)


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ("kode",)

    kabupaten = factory.SubFactory(KabupatenFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kabupaten.kode}.{n % 90 + 10:02d}")
    nama = factory.Sequence(lambda n: f"Kecamatan {n}")


class DesaFactory(factory.django.DjangoModelFactory):
    """A desa (code 2xxx); ``KelurahanFactory`` for a kelurahan (code 1xxx): the code decides the kind."""

    class Meta:
        model = Desa
        django_get_or_create = ("kode",)

    kecamatan = factory.SubFactory(KecamatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kecamatan.kode}.{2001 + n % 999}")
    nama = factory.Sequence(lambda n: f"Desa {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        desa = super()._create(model_class, *args, **kwargs)
        versi_data_naikkan(kecamatan_ids=[desa.kecamatan_id])
        return desa


class KelurahanFactory(DesaFactory):
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kecamatan.kode}.{1001 + n % 999}")
    nama = factory.Sequence(lambda n: f"Kelurahan {n}")


class SeksiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seksi

    kecamatan = factory.SubFactory(KecamatanFactory)
    nama = "Seksi Pemerintahan"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who logs in with PASSWORD; no role (see ``AnggotaFactory``)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna-{n}")
    password = factory.django.Password(PASSWORD)


class AnggotaFactory(factory.django.DjangoModelFactory):
    """A Keanggotaan with its user. Kabupaten roles are bound to a kabupaten, the others to a kecamatan."""

    class Meta:
        model = Keanggotaan

    class Params:
        kabupaten_role = factory.LazyAttribute(lambda o: o.peran in (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA))

    user = factory.SubFactory(UserFactory)
    peran = Peran.STAF
    kecamatan = factory.Maybe(
        "kabupaten_role", yes_declaration=None, no_declaration=factory.SubFactory(KecamatanFactory)
    )
    kabupaten = factory.Maybe(
        "kabupaten_role", yes_declaration=factory.SubFactory(KabupatenFactory), no_declaration=None
    )
    seksi = None
    desa = None


def user_buat(peran, *, kecamatan=None, kabupaten=None, seksi=None, username=None, desa=None):
    """A user of ``peran``; a kabupaten role given only a kecamatan belongs to that kecamatan's kabupaten.

    A desa operator is given its ``desa``; its kecamatan is the desa's.
    """
    if peran in (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA) and kabupaten is None and kecamatan is not None:
        kabupaten, kecamatan = kecamatan.kabupaten, None
    if desa is not None:
        kecamatan = desa.kecamatan
    user = UserFactory(**({"username": username} if username else {}))
    AnggotaFactory(user=user, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten, seksi=seksi, desa=desa)
    return user


class KegiatanFactory(factory.django.DjangoModelFactory):
    """A kegiatan saved directly (tests of rules need states the services refuse to create).

    ``uraian`` defaults to fasilitasi 1.1 of the catalogue the data migration loads; its texts are
    copied in as ``snapshot_katalog`` does. ``desa=[…]`` sets the desa involved.
    """

    class Meta:
        model = Kegiatan
        skip_postgeneration_save = True

    kecamatan = factory.SubFactory(KecamatanFactory)
    uraian_obj = factory.LazyFunction(
        lambda: UraianAktivitas.objects.select_related("jenis").get(
            jenis__kategori="fasilitasi", jenis__nomor=1, nomor=1
        )
    )
    seksi = None
    dibuat_oleh = None
    status = Kegiatan.Status.DILAKSANAKAN
    tanggal = datetime.date(2026, 3, 2)
    output = ""
    tanggal_output = None
    keterangan = "Rapat di balai desa"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        uraian = kwargs.pop("uraian_obj")
        kegiatan = model_class(*args, **kwargs)
        kegiatan.snapshot_katalog(uraian)
        kegiatan.save()
        # As the services do: a new fact gives its kecamatan a new data version (wilayah/versi.py), so a
        # cached figure is not served over it.
        versi_data_naikkan(kecamatan_ids=[kegiatan.kecamatan_id])
        return kegiatan

    @factory.post_generation
    def desa(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.desa.set(extracted)


class BuktiFactory(factory.django.DjangoModelFactory):
    """A bukti pendukung; ``berkas=<File>`` stores it as a PDF upload, ``dihapus=True`` soft-deletes it."""

    class Meta:
        model = BuktiPendukung

    class Params:
        dihapus = False

    kegiatan = factory.SubFactory(KegiatanFactory)
    jenis = factory.LazyFunction(lambda: JenisBukti.objects.get(kode="berita_acara"))
    nomor = "005/12/427.12/2026"
    tanggal = datetime.date(2026, 3, 3)
    dihapus_pada = factory.LazyAttribute(lambda o: timezone.now() if o.dihapus else None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        berkas = kwargs.pop("berkas", None)
        bukti = model_class(*args, **kwargs)
        if berkas is not None:
            bukti.berkas.save("berkas.pdf", berkas, save=False)
            bukti.content_type = "application/pdf"
            bukti.ukuran = berkas.size
            bukti.nama_berkas_asli = berkas.name
        bukti.save()
        versi_data_naikkan(kecamatan_ids=[bukti.kegiatan.kecamatan_id])
        return bukti


class DokumenDesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DokumenDesa

    desa = factory.SubFactory(DesaFactory)
    jenis = JenisDokumen.RKPDES
    tahun_anggaran = 2025
    tanggal = datetime.date(2024, 9, 30)
    nomor = "1"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        dokumen = super()._create(model_class, *args, **kwargs)
        versi_data_naikkan(kecamatan_ids=[dokumen.desa.kecamatan_id])
        return dokumen


class PejabatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pejabat

    kecamatan = factory.SubFactory(KecamatanFactory)
    nama = "Drs. Budi Santoso, M.Si."
    nip = "197001011990031001"
    pangkat_golongan = "Pembina (IV/a)"
    jabatan = Pejabat.Jabatan.CAMAT
    status = Pejabat.Status.DEFINITIF
