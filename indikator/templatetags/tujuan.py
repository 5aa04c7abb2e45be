from django import template

register = template.Library()


@register.filter
def untuk(tujuan_per_kecamatan: dict, kecamatan_id):
    """The tujuan of one kecamatan from the dashboard's mapping (templates cannot index by a variable)."""
    return tujuan_per_kecamatan.get(kecamatan_id)
