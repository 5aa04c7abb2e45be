"""Every URL needs a login (LoginRequiredMiddleware) except the public pages listed here (docs/DESIGN.md §3.5)."""

import json

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

# Each public page, and why nobody has to log in for it.
PUBLIK = {
    "login": "the way in",
    "password_reset": "a user who forgot the password is logged out",
    "password_reset_done": "the same",
    "password_reset_confirm": "the same (the emailed link)",
    "password_reset_complete": "the same",
    "laporan:verifikasi": "anyone holding a printed report checks it from its QR code",
    "skm:survei": "the citizen's questionnaire, reached from the poster",
    "skm:terima-kasih": "the questionnaire's thank-you page",
    "skm:poster": "printed and hung at the service counter",
    "skm:publikasi": "the IKM result, which must be published",
}


def _api(name) -> bool:
    """The JSON API (docs/DESIGN.md §3.6): a token is not a session, so LoginRequiredMiddleware lets these
    through and DRF authenticates them; an anonymous caller gets a JSON 401, never a login page.
    The API's documentation page (api:docs) is a page for people and needs the login like any other."""
    return bool(name) and name.startswith("api:") and name != "api:docs"


CONTOH = {
    IntConverter: "999999",
    StringConverter: "x",
    SlugConverter: "x",
    PathConverter: "x",
    UUIDConverter: "00000000-0000-0000-0000-000000000000",
}


def _patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), pattern


def _url(name, pattern) -> str | None:
    converters = getattr(pattern.pattern, "converters", {})
    if not name or pattern.pattern.regex.groups != len(converters):
        return None  # a regex pattern (the admin's): checked by its flag only
    return reverse(name, kwargs={key: CONTOH[type(conv)] for key, conv in converters.items()})


def test_the_middleware_is_on():
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def _admin(name) -> bool:
    # The admin guards its own views (they send a visitor to admin:login, which sends them on to the
    # application's login), so Django marks them all public.
    return bool(name) and name.startswith("admin:")


def test_only_the_listed_views_are_public():
    publik = {
        name
        for name, pattern in _patterns()
        if not _admin(name) and not _api(name) and not getattr(pattern.callback, "login_required", True)
    }
    assert publik == {name for name in PUBLIK if not _admin(name)}


def test_every_api_view_is_left_to_drf_authentication():
    api = [(name, pattern) for name, pattern in _patterns() if _api(name)]
    assert len(api) > 10
    assert all(getattr(pattern.callback, "login_required", True) is False for _, pattern in api)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), [p for p in _patterns() if _url(*p)], ids=lambda v: str(v))
def test_an_anonymous_visit_is_sent_to_the_login_or_is_public(client, settings, name, pattern):
    settings.RESET_SANDI_EMAIL = True
    url = _url(name, pattern)
    response = client.get(url)
    if _api(name):
        assert response.status_code == 401, f"{name} ({url}) answered {response.status_code} to an anonymous caller"
        assert "detail" in json.loads(response.content)
        return
    logins = (reverse("login"), reverse("admin:login")) if _admin(name) else (reverse("login"),)
    ke_login = response.status_code == 302 and response["Location"].startswith(tuple(f"{u}?next=" for u in logins))
    if name in PUBLIK:
        assert not ke_login, f"{name} is public but sends an anonymous visitor to the login"
    else:
        assert ke_login, f"{name} ({url}) answered {response.status_code} to an anonymous visitor"
