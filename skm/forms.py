import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from kecamatan.berkas import XLSX, validate_upload
from skm.models import JUMLAH_UNSUR, Responden

KOLOM_UNSUR = [f"u{i}" for i in range(1, JUMLAH_UNSUR + 1)]
# How far back a public answer may date its service (paper entry and import go further).
BATAS_HARI_DARING = 30


class IsianRespondenMixin:
    """What a filled questionnaire gives ``responden_create``, whether typed by the public or from paper."""

    def nilai(self) -> tuple[int, ...]:
        return tuple(self.cleaned_data[k] for k in KOLOM_UNSUR)

    def isian(self) -> dict:
        data = self.cleaned_data
        profil = ("jenis_layanan", "tanggal", "usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran")
        return {**{k: data[k] for k in profil}, "nilai": self.nilai()}


class SurveiForm(IsianRespondenMixin, forms.Form):
    """The questionnaire: profile, the nine unsur of the version in force, an optional saran.

    Nothing personal is asked. ``situs_web`` is a honeypot: hidden from people,
    filled in by bots that fill every field.
    """

    jenis_layanan = forms.ModelChoiceField(
        label="Jenis layanan yang Anda terima", queryset=None, empty_label="— pilih layanan —"
    )
    tanggal = forms.DateField(
        label="Tanggal layanan", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    usia = forms.IntegerField(
        label="Usia (tahun)",
        validators=[MinValueValidator(10, "Usia minimal 10 tahun."), MaxValueValidator(120, "Usia tidak wajar.")],
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 10, "max": 120}),
    )
    jenis_kelamin = forms.ChoiceField(
        label="Jenis kelamin", choices=Responden.JenisKelamin.choices, widget=forms.RadioSelect
    )
    pendidikan = forms.ChoiceField(
        label="Pendidikan terakhir", choices=[("", "— pilih —"), *Responden.Pendidikan.choices]
    )
    pekerjaan = forms.ChoiceField(label="Pekerjaan utama", choices=[("", "— pilih —"), *Responden.Pekerjaan.choices])
    saran = forms.CharField(
        label="Saran dan masukan (boleh dikosongkan)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    situs_web = forms.CharField(label="Jangan isi kolom ini", required=False)

    def __init__(self, *args, layanan_qs, pertanyaan, hari_ini, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.fields["jenis_layanan"].queryset = layanan_qs
        self.pertanyaan = list(pertanyaan)
        for p in self.pertanyaan:
            self.fields[p.unsur.kode.lower()] = forms.TypedChoiceField(
                label=p.teks,
                choices=p.pilihan,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Pilih salah satu jawaban untuk pertanyaan ini."},
            )
        for name, field in self.fields.items():
            if name not in KOLOM_UNSUR:
                field.error_messages["required"] = "Wajib diisi."
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-select"
            elif not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-control"

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > self.hari_ini:
            raise forms.ValidationError("Tanggal layanan tidak boleh setelah hari ini.")
        # Anyone may answer: an old date would let a stranger fill a closed period, which only
        # paper entry and import (staff, signed in) may do.
        if tanggal < self.hari_ini - datetime.timedelta(days=BATAS_HARI_DARING):
            raise forms.ValidationError(
                f"Tanggal layanan paling lama {BATAS_HARI_DARING} hari sebelum hari ini "
                f"({(self.hari_ini - datetime.timedelta(days=BATAS_HARI_DARING)).strftime('%d-%m-%Y')})."
            )
        return tanggal

    @property
    def unsur_fields(self):
        return [(p, self[p.unsur.kode.lower()]) for p in self.pertanyaan]

    @property
    def terisi_bot(self) -> bool:
        return bool(self.data.get("situs_web", "").strip())


class KertasForm(IsianRespondenMixin, forms.Form):
    """A paper questionnaire typed by staff: one row of digits, Tab between them, Enter to save."""

    jenis_layanan = forms.ModelChoiceField(label="Jenis layanan", queryset=None, empty_label="— pilih —")
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    usia = forms.IntegerField(
        label="Usia",
        validators=[MinValueValidator(10, "Usia minimal 10 tahun."), MaxValueValidator(120, "Usia tidak wajar.")],
    )
    jenis_kelamin = forms.ChoiceField(label="Jenis kelamin", choices=[("", "—"), *Responden.JenisKelamin.choices])
    pendidikan = forms.ChoiceField(label="Pendidikan", choices=[("", "—"), *Responden.Pendidikan.choices])
    pekerjaan = forms.ChoiceField(label="Pekerjaan", choices=[("", "—"), *Responden.Pekerjaan.choices])
    saran = forms.CharField(label="Saran", required=False, max_length=1000)

    def __init__(self, *args, layanan_qs, hari_ini, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.fields["jenis_layanan"].queryset = layanan_qs
        for kolom in KOLOM_UNSUR:
            self.fields[kolom] = forms.IntegerField(
                label=kolom.upper(),
                min_value=1,
                max_value=4,
                error_messages={
                    "min_value": "1–4.",
                    "max_value": "1–4.",
                    "invalid": "1–4.",
                    "required": "Wajib.",
                },
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "min": 1, "max": 4, "class": "form-control text-center"}
                ),
            )
        for name, field in self.fields.items():
            if name in KOLOM_UNSUR:
                continue
            field.error_messages["required"] = "Wajib diisi."
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
        self.fields["usia"].widget.attrs.update({"inputmode": "numeric", "autofocus": True})

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > self.hari_ini:
            raise forms.ValidationError("Tanggal tidak boleh setelah hari ini.")
        return tanggal

    @property
    def unsur_fields(self):
        return [self[k] for k in KOLOM_UNSUR]


class ImporSKMForm(forms.Form):
    berkas = forms.FileField(
        label="Buku kerja (.xlsx)",
        widget=forms.FileInput(attrs={"accept": ".xlsx," + XLSX}),
        error_messages={"required": "Pilih berkas .xlsx yang akan diimpor."},
    )
    dry_run = forms.BooleanField(label="Periksa saja, jangan simpan", required=False)

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        # As the kegiatan import: size, real XLSX bytes and no zip bomb, before openpyxl opens it.
        info = validate_upload(berkas)
        if info.content_type != XLSX:
            raise forms.ValidationError("Berkas harus buku kerja Excel (.xlsx), bukan dokumen lain.")
        return berkas


class RencanaTindakLanjutForm(forms.Form):
    unsur = forms.CharField(widget=forms.HiddenInput)
    dari = forms.DateField(widget=forms.HiddenInput)
    sampai = forms.DateField(widget=forms.HiddenInput)
    rencana = forms.CharField(label="Rencana tindak lanjut", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    penanggung_jawab = forms.CharField(label="Penanggung jawab", max_length=150)
    target_waktu = forms.CharField(label="Target waktu", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = "Wajib diisi."
            field.widget.attrs.setdefault("class", "form-control")
