import datetime
from decimal import Decimal

from django import forms
from django.utils.formats import date_format

from kecamatan.periode import (
    Periode,
    PeriodeFormMixin,
    PeriodeTidakSah,
    bagian_field,
    tahun_choices,
    tahun_field,
    tahunan,
)


class PeriodeForm(PeriodeFormMixin, forms.Form):
    """The period selector of the dashboards and reports; the same codes as the kegiatan list's filter.

    Without a year it is this year's (the pages open on it); with ``tahun_wajib`` (an approval, which
    cannot be undone) the year must be chosen. A bad year or code is an error on its field.

    With ``boleh_per`` (pemeriksa, pimpinan) it also takes the as-of date "dihitung per": what the
    figures were on an earlier day, for an audit. Never after today: the future is not known yet.
    """

    # Rendered field by field in compact toolbars, so the Bootstrap class is the widget's own.
    tahun = tahun_field(widget=forms.Select(attrs={"class": "form-select"}))
    bagian = bagian_field(widget=forms.Select(attrs={"class": "form-select"}))
    per = forms.DateField(
        label="Dihitung per",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal tidak sah; tulis sebagai TTTT-BB-HH."},
    )

    def __init__(self, *args, hari_ini: datetime.date, boleh_per: bool = False, tahun_wajib: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.tahun_bawaan = hari_ini.year
        self.tahun_wajib = tahun_wajib
        self.fields["tahun"].choices = tahun_choices(hari_ini)
        if boleh_per:
            self.fields["per"].widget.attrs["max"] = hari_ini.isoformat()
        else:
            del self.fields["per"]

    def clean_per(self):
        per = self.cleaned_data.get("per")
        if per is not None and per > self.hari_ini:
            raise forms.ValidationError(
                f"Tanggal hitung tidak boleh sesudah hari ini ({date_format(self.hari_ini, 'j F Y')})."
            )
        return per

    def _data(self) -> dict:
        # The valid fields still count when another one is refused: a bad "per" keeps the chosen period.
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def as_of(self) -> datetime.date:
        """The as-of date of the figures: the chosen "dihitung per", else today."""
        return self._data().get("per") or self.hari_ini

    def query(self) -> dict:
        """The valid choices, for links that keep them (downloads, sorting)."""
        data = self._data()
        query = {"tahun": data.get("tahun"), "bagian": data.get("bagian")}
        if data.get("per"):
            query["per"] = data["per"].isoformat()
        return {k: v for k, v in query.items() if v}

    def periode(self) -> Periode:
        """The chosen period; ``PeriodeTidakSah`` (the fields' errors) when it cannot be read."""
        if not self.is_bound:
            if self.tahun_wajib:
                raise PeriodeTidakSah("Pilih tahunnya.")
            return tahunan(self.hari_ini.year)
        periode = self._data().get("periode")
        if periode is None:
            raise PeriodeTidakSah(" ".join(self.periode_errors()) or "Periode tidak sah.")
        return periode


# Indonesians type decimals with a comma ("82,5"): localize the number fields.
PERSEN = {"min_value": Decimal(0), "max_value": Decimal(100), "decimal_places": 2, "max_digits": 5, "localize": True}


class TargetForm(forms.Form):
    target_iku1 = forms.DecimalField(label="Target IKU 1 (%)", required=False, **PERSEN)
    target_iku2 = forms.DecimalField(label="Target IKU 2 (%)", required=False, **PERSEN)
    nilai_tujuan = forms.DecimalField(
        label="Nilai indikator tujuan",
        required=False,
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=7,
        localize=True,
    )
    keterangan_tujuan = forms.CharField(
        label="Keterangan / sumber nilai",
        required=False,
        max_length=250,
        help_text="Misalnya: hasil survei IKM semester II.",
    )
