"""Template helpers of the PDF templates: static files by the only scheme the PDF fetcher serves."""

from django import template

from indikator.laporan.fetcher import static_url

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    """``{% pdf_static "pdf/laporan.css" %}`` → a URL only ``indikator.laporan.fetcher`` resolves."""
    return static_url(path)
