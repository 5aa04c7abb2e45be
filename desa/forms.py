from django import forms

from desa.models import DokumenDesa
from kecamatan.berkas import ACCEPT_ATTR


class DokumenDesaForm(forms.Form):
    """The editable facts of one desa document; desa, jenis and TA come from the URL."""

    tanggal = forms.DateField(
        label="Tanggal",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Isi tanggalnya.", "invalid": "Tanggal tidak valid."},
    )
    nomor = forms.CharField(label="Nomor", max_length=100, required=False)
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    berkas = forms.FileField(
        label="Pindaian dokumen",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTR}),
        help_text="Opsional. PDF, JPEG, PNG, DOCX atau XLSX, seperti bukti pendukung.",
    )

    def __init__(self, *args, jenis=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jenis:
            ket = "penetapan" if jenis != DokumenDesa.Jenis.LPPDES else "penyampaian"
            self.fields["tanggal"].label = f"Tanggal {ket}"
            self.fields["nomor"].label = "Nomor surat" if jenis == DokumenDesa.Jenis.LPPDES else "Nomor Perdes"

    @classmethod
    def initial_for(cls, dokumen):
        if dokumen is None:
            return {}
        return {"tanggal": dokumen.tanggal, "nomor": dokumen.nomor, "catatan": dokumen.catatan}


class PengajuanForm(DokumenDesaForm):
    """What a desa operator hands in: the date, the number and the scan (required, checked like bukti)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["catatan"]
        self.fields["berkas"].required = True
        self.fields["berkas"].help_text = "PDF, JPEG, PNG, DOCX atau XLSX. Foto dari ponsel juga bisa."
        self.fields["berkas"].error_messages["required"] = "Lampirkan pindaian dokumennya."


class AlasanKembaliForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan dikembalikan",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tuliskan alasan pengembaliannya."},
    )
