"""Forms of the kegiatan pages; they validate input only, the services decide and write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from iku_project.kirim_sekali import KirimSekaliForm
from kecamatan.berkas import ACCEPT_ATTR, validate_upload
from kecamatan.models import JenisBukti, JenisKegiatan, Kategori, Kegiatan, Seksi, UraianAktivitas
from kecamatan.periode import PeriodeFormMixin, bagian_field, tahun_choices, tahun_field
from kecamatan.validation import kegiatan_validate


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _uraian_label(uraian: UraianAktivitas) -> str:
    return f"{uraian.jenis.nomor}.{uraian.nomor} {uraian.teks}"


def _jenis_label(jenis: JenisKegiatan) -> str:
    return f"{jenis.get_kategori_display()} {jenis.nomor}. {jenis.nama}"


class KegiatanForm(forms.Form):
    """Category → jenis → uraian; kategori and jenis only narrow the list, the uraian decides.

    Without JavaScript every active uraian is offered, grouped by jenis; with
    HTMX the two upper selects narrow the lower ones (``narrow=True``).
    """

    kategori = forms.ChoiceField(label="Kategori", required=False, choices=[("", "Semua kategori"), *Kategori.choices])
    jenis = forms.ModelChoiceField(
        label="Jenis kegiatan", required=False, queryset=JenisKegiatan.objects.none(), empty_label="Semua jenis"
    )
    uraian = forms.TypedChoiceField(label="Uraian aktivitas", coerce=int)
    tanggal = forms.DateField(label="Tanggal kegiatan", widget=DateInput())
    status = forms.ChoiceField(label="Status", choices=Kegiatan.Status.choices, initial=Kegiatan.Status.DILAKSANAKAN)
    seksi = forms.ModelChoiceField(
        label="Seksi / sub bagian", required=False, queryset=Seksi.objects.none(), empty_label="—"
    )
    desa = forms.ModelMultipleChoiceField(
        label="Desa/kelurahan yang terlibat",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Boleh kosong, satu, atau beberapa.",
    )
    keterangan = forms.CharField(
        label="Keterangan kegiatan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Misalnya tempat, peserta, pokok bahasan.",
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kecamatan, uraian_sekarang: UraianAktivitas | None = None, narrow=False, **kwargs):
        super().__init__(*args, **kwargs)
        from wilayah.models import Desa

        self.fields["seksi"].queryset = Seksi.objects.filter(kecamatan=kecamatan, aktif=True)
        self.fields["desa"].queryset = Desa.objects.filter(kecamatan=kecamatan).order_by("jenis", "nama")
        self.fields["desa"].label_from_instance = lambda desa: str(desa)
        jenis_qs = JenisKegiatan.objects.aktif().order_by("kategori", "nomor")
        uraian_qs = UraianAktivitas.objects.aktif().filter(jenis__aktif=True).select_related("jenis")
        if narrow:
            jenis_qs, uraian_qs = self._narrow(jenis_qs, uraian_qs)
        self.fields["jenis"].queryset = jenis_qs
        self.fields["jenis"].label_from_instance = _jenis_label
        self.uraian_pilihan = {u.pk: u for u in uraian_qs}
        if uraian_sekarang is not None:
            # A retired uraian stays selectable on the kegiatan that already uses it.
            self.uraian_pilihan.setdefault(uraian_sekarang.pk, uraian_sekarang)
        groups: dict[str, list] = {}
        for uraian in sorted(self.uraian_pilihan.values(), key=lambda u: (u.jenis.kategori, u.jenis.nomor, u.nomor)):
            groups.setdefault(_jenis_label(uraian.jenis), []).append((uraian.pk, _uraian_label(uraian)))
        self.fields["uraian"].choices = [("", "— pilih uraian aktivitas —"), *groups.items()]

    def _narrow(self, jenis_qs, uraian_qs):
        """Narrow the lower selects to the upper ones; a picked uraian fills in its jenis and kategori."""
        kategori, jenis_id, uraian_id = self._value("kategori"), self._value("jenis"), self._value("uraian")
        uraian = uraian_qs.filter(pk=uraian_id).first() if str(uraian_id or "").isdigit() else None
        jenis = jenis_qs.filter(pk=jenis_id).first() if str(jenis_id or "").isdigit() else None
        if uraian is not None and (jenis is None or uraian.jenis_id == jenis.pk):
            jenis = uraian.jenis
            kategori = kategori or jenis.kategori
        if jenis is not None and kategori and jenis.kategori != kategori:
            jenis = None  # the kategori changed: the old jenis no longer applies
        if uraian is not None and (jenis is None or uraian.jenis_id != jenis.pk):
            uraian = None
        if kategori in Kategori.values:
            jenis_qs = jenis_qs.filter(kategori=kategori)
            uraian_qs = uraian_qs.filter(jenis__kategori=kategori)
        if jenis is not None:
            uraian_qs = uraian_qs.filter(jenis=jenis)
        self.initial.update(
            kategori=kategori or "", jenis=jenis.pk if jenis else None, uraian=uraian.pk if uraian else None
        )
        return jenis_qs, uraian_qs

    def _value(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        value = self.initial.get(name)
        return getattr(value, "pk", value)

    @property
    def uraian_terpilih(self) -> UraianAktivitas | None:
        value = self._value("uraian")
        try:
            return self.uraian_pilihan.get(int(value))
        except (TypeError, ValueError):
            return None

    def clean_uraian(self):
        uraian = self.uraian_pilihan.get(self.cleaned_data["uraian"])
        if uraian is None:
            raise ValidationError("Pilih uraian aktivitas dari daftar.")
        return uraian

    def clean(self):
        data = super().clean()
        uraian, jenis, kategori = data.get("uraian"), data.get("jenis"), data.get("kategori")
        if uraian is not None:
            if jenis is not None and uraian.jenis_id != jenis.pk:
                self.add_error("uraian", "Uraian ini bukan bagian dari jenis kegiatan yang dipilih.")
            elif kategori and uraian.jenis.kategori != kategori:
                self.add_error("uraian", "Uraian ini bukan bagian dari kategori yang dipilih.")
        return data


class KegiatanBaruForm(KirimSekaliForm, KegiatanForm):
    """The create form: one submission makes one kegiatan, however often it is sent."""


class OutputForm(forms.Form):
    output = forms.CharField(
        label="Output kegiatan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kosongkan output dan tanggalnya untuk menghapus output.",
    )
    tanggal_output = forms.DateField(label="Tanggal output", required=False, widget=DateInput())
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        data["output"] = (data.get("output") or "").strip()
        # Only the fields that parsed: an unreadable date is reported once, by its field.
        fakta = {nama: data[nama] for nama in ("output", "tanggal_output") if nama in data}
        try:
            kegiatan_validate(kecamatan=None, data=fakta, today=None)
        except ValidationError as exc:
            for nama, pesan in exc.error_dict.items():
                self.add_error(nama, pesan)
        return data


class BuktiForm(KirimSekaliForm):
    jenis = forms.ModelChoiceField(
        label="Jenis bukti", queryset=JenisBukti.objects.none(), empty_label="— pilih jenis bukti —"
    )
    nomor = forms.CharField(label="Nomor dokumen", max_length=150, required=False)
    tanggal = forms.DateField(label="Tanggal dokumen", widget=DateInput())
    berkas = forms.FileField(
        label="Berkas pindaian",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}),
        help_text="PDF, JPEG, PNG, DOCX atau XLSX, maksimal 10 MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = JenisBukti.objects.aktif()

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validate_upload(berkas)
        return berkas


class LampirkanBerkasForm(forms.Form):
    berkas = BuktiForm.base_fields["berkas"]

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validate_upload(berkas)
        return berkas


class KegiatanFilterForm(PeriodeFormMixin, forms.Form):
    """The list's filters; every value only narrows the user's scoped queryset.

    Without a year the list covers every year (``periode`` is None); a bad period is a field error.
    """

    URUTAN = [
        ("-tanggal", "Tanggal terbaru"),
        ("tanggal", "Tanggal terlama"),
        ("katalog", "Nomor katalog"),
        ("status", "Status"),
        ("seksi", "Seksi"),
        ("-diubah_pada", "Terakhir diubah"),
    ]

    q = forms.CharField(label="Cari", required=False)
    kecamatan = forms.ModelChoiceField(label="Kecamatan", required=False, queryset=None, empty_label="Semua")
    tahun = tahun_field()
    bagian = bagian_field()
    dari = forms.DateField(label="Dari tanggal", required=False, widget=DateInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=DateInput())
    kategori = forms.ChoiceField(label="Kategori", required=False, choices=[("", "Semua"), *Kategori.choices])
    jenis = forms.ModelChoiceField(label="Jenis", required=False, queryset=None, empty_label="Semua")
    seksi = forms.ModelChoiceField(label="Seksi", required=False, queryset=None, empty_label="Semua")
    desa = forms.ModelChoiceField(label="Desa/kelurahan", required=False, queryset=None, empty_label="Semua")
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Semua"), *Kegiatan.Status.choices])
    tindak_lanjut = forms.ChoiceField(
        label="Tindak lanjut",
        required=False,
        choices=[("", "Semua"), ("ya", "Ditindaklanjuti"), ("tidak", "Belum ditindaklanjuti")],
    )
    urut = forms.ChoiceField(label="Urutkan", required=False, choices=URUTAN)

    def __init__(self, *args, kecamatan_scope, hari_ini: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        from wilayah.models import Desa

        self.fields["kecamatan"].queryset = kecamatan_scope
        self.fields["jenis"].queryset = JenisKegiatan.objects.order_by("kategori", "nomor")
        self.fields["jenis"].label_from_instance = _jenis_label
        self.fields["seksi"].queryset = Seksi.objects.filter(kecamatan__in=kecamatan_scope).select_related("kecamatan")
        self.fields["desa"].queryset = Desa.objects.filter(kecamatan__in=kecamatan_scope).order_by("nama")
        self.satu_kecamatan = kecamatan_scope.count() == 1
        if self.satu_kecamatan:
            del self.fields["kecamatan"]
        else:
            self.fields["seksi"].label_from_instance = lambda s: f"{s.nama} ({s.kecamatan.nama})"
        self.fields["tahun"].choices = tahun_choices(hari_ini, kosong="Semua")

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", "Tanggal akhir harus sesudah tanggal awal.")
        return data
