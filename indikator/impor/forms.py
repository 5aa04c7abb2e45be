from django import forms
from django.core.exceptions import ValidationError

from kecamatan.berkas import XLSX, validate_upload


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        widget=forms.FileInput(attrs={"accept": ".xlsx," + XLSX}),
        help_text="Buku kerja dengan lembar Kegiatan dan/atau DokumenDesa, seperti templat.",
        error_messages={"required": "Pilih berkas .xlsx yang akan diimpor."},
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        # Checked by its bytes (and size limit) before openpyxl opens it; the service checks again.
        info = validate_upload(berkas)
        if info.content_type != XLSX:
            raise ValidationError("Berkas harus buku kerja Excel (.xlsx), bukan dokumen lain.")
        return berkas
