from django import forms
from django.conf import settings


def _batas_mb() -> str:
    return f"{settings.IKU_TTE_VERIFIKASI_MAX_BYTES / (1024 * 1024):.0f}"


class VerifikasiPDFForm(forms.Form):
    """A copy of an approved report, uploaded by anyone to compare with the stored one."""

    berkas = forms.FileField(
        label="Berkas PDF laporan",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.IKU_TTE_VERIFIKASI_MAX_BYTES:
            raise forms.ValidationError(f"Berkas terlalu besar (maksimal {_batas_mb()} MB).")
        berkas.seek(0)
        awal = berkas.read(1024)
        berkas.seek(0)
        # Judged by the content, never by the name or the browser's content type.
        if b"%PDF-" not in awal:
            raise forms.ValidationError("Berkas bukan PDF.")
        return berkas

    def data_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        berkas.seek(0)
        return berkas.read(settings.IKU_TTE_VERIFIKASI_MAX_BYTES + 1)
