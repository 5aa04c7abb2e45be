from django import forms
from django.conf import settings


class SertifikatForm(forms.Form):
    """A pejabat's PKCS#12 file and the passphrase to check it with; the passphrase is not kept."""

    berkas = forms.FileField(
        label="Berkas sertifikat (.p12 / .pfx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx,application/x-pkcs12"}),
    )
    frasa_sandi = forms.CharField(
        label="Frasa sandi berkas",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text="Hanya dipakai untuk memeriksa berkas sekarang; tidak disimpan.",
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.IKU_TTE_PKCS12_MAX_BYTES:
            raise forms.ValidationError("Berkas terlalu besar untuk sebuah sertifikat PKCS#12 (maksimal 64 KB).")
        return berkas
