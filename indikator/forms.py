import datetime
from decimal import Decimal

from django import forms

from indikator.periode import Periode, periode_dari

BAGIAN = [
    ("", "Setahun"),
    ("tw1", "Triwulan I"),
    ("tw2", "Triwulan II"),
    ("tw3", "Triwulan III"),
    ("tw4", "Triwulan IV"),
    ("s1", "Semester I"),
    ("s2", "Semester II"),
]


class PeriodeForm(forms.Form):
    """The period selector of the dashboards; the same codes as the kegiatan list's filter."""

    # Rendered field by field in compact toolbars, so the Bootstrap class is the widget's own.
    tahun = forms.TypedChoiceField(
        label="Tahun", coerce=int, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    bagian = forms.ChoiceField(
        label="Periode", choices=BAGIAN, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, hari_ini: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.fields["tahun"].choices = [(t, str(t)) for t in range(hari_ini.year, hari_ini.year - 6, -1)]

    def periode(self) -> Periode:
        data = self.cleaned_data if self.is_valid() else {}
        tahun = data.get("tahun") or self.hari_ini.year
        bagian = data.get("bagian") or ""
        triwulan_ke = int(bagian[2:]) if bagian.startswith("tw") else None
        semester_ke = int(bagian[1:]) if bagian.startswith("s") else None
        return periode_dari(tahun=tahun, triwulan_ke=triwulan_ke, semester_ke=semester_ke)


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
