"""Indonesian presentation of figures: ``85,71%``, ``1.234``, "—" where there is no value."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

TANPA_NILAI = "—"


@register.filter
def persen(value):
    if value is None or value == "":
        return TANPA_NILAI
    return f"{number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)}%"


@register.filter
def angka(value):
    if value is None or value == "":
        return TANPA_NILAI
    return number_format(value, 0, use_l10n=True, force_grouping=True)


@register.filter
def selisih_poin(sekarang, lalu):
    """Change in percentage points, signed: ``+5,20 poin``; "—" when either side has no value."""
    if sekarang is None or lalu is None:
        return TANPA_NILAI
    beda = Decimal(sekarang) - Decimal(lalu)
    tanda = "+" if beda > 0 else ("−" if beda < 0 else "±")
    return f"{tanda}{number_format(abs(beda), 2, use_l10n=True)} poin"


@register.filter
def label_kategori(kode):
    """``fasilitasi`` → "Fasilitasi": the catalogue's label, never the stored code."""
    from kecamatan.models.katalog import Kategori

    try:
        return Kategori(kode).label
    except ValueError:
        return kode
