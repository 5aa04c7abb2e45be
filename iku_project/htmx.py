"""Views that answer an HTMX request with a fragment and any other request with the whole page.

The same URL then has two bodies, told apart by request headers: ``Vary`` names them, so no cache (the
browser's own included) hands a fragment to a plain visit or the page to an HTMX swap. History restore
never asks for a fragment: base.html turns htmx's history cache off and reloads the page on a miss.
"""

from django.views.decorators.vary import vary_on_headers

# HX-Target too: the kegiatan list answers its results fragment only to its own target.
vary_on_htmx = vary_on_headers("HX-Request", "HX-Target")
