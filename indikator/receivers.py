"""indikator's hooks on the apps below it: connected in IndikatorConfig.ready()."""

from django.dispatch import receiver

from indikator.services import dokumen_iku_prepare
from wilayah.signals import wilayah_diimpor


@receiver(wilayah_diimpor, dispatch_uid="indikator.dokumen_iku_setelah_impor_wilayah")
def dokumen_iku_setelah_impor_wilayah(sender, *, hasil, **kwargs):
    """Every kecamatan the import loaded gets its starting IKU document (the seeds for Senduro and Lumajang)."""
    return "dokumen IKU baru", dokumen_iku_prepare(kecamatan_list=hasil.kecamatan)
