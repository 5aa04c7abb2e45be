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


class OperatorDesaForm(forms.Form):
    """A new desa operator's account; the desa list is the creator's scope, desa only (no kelurahan)."""

    desa = forms.ModelChoiceField(label="Desa", queryset=None, error_messages={"required": "Pilih desanya."})
    username = forms.CharField(label="Nama pengguna", max_length=150, help_text="Misalnya senduro.desa.purworejo.")
    nama = forms.CharField(label="Nama lengkap", max_length=150, required=False)
    email = forms.EmailField(label="Email", required=False, help_text="Untuk pengingat tenggat dokumen desa.")
    sandi1 = forms.CharField(label="Kata sandi sementara", widget=forms.PasswordInput(render_value=False))
    sandi2 = forms.CharField(label="Ulangi kata sandi", widget=forms.PasswordInput(render_value=False))

    def __init__(self, *args, desa_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = desa_qs
        self.fields["desa"].label_from_instance = lambda d: f"{d.nama} (Kecamatan {d.kecamatan.nama})"

    def clean(self):
        from django.contrib.auth import password_validation

        data = super().clean()
        if data.get("sandi1") and data.get("sandi1") != data.get("sandi2"):
            self.add_error("sandi2", "Kedua kata sandi tidak sama.")
        elif data.get("sandi1"):
            try:
                password_validation.validate_password(data["sandi1"])
            except forms.ValidationError as exc:
                self.add_error("sandi1", exc)
        return data
