"""Prepare the load test's database (called by bench/load.sh): migrate, S=1 data, a session cookie.

Runs against DATABASE_URL with the SECRET_KEY the server will use (the session's auth
hash is signed with it). Prints only the session key of the demo staf of Senduro on stdout.
"""

import datetime
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE), str(BASE / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iku_project.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone
    from sintetis import log, skala_load

    log("load: migrate")
    call_command("migrate", verbosity=0, interactive=False)
    hari_ini = timezone.localdate()
    log("load: data S=1 (Lumajang)")
    skala_load(skala=1, hari_ini=hari_ini, tahun_list=[hari_ini.year - 2, hari_ini.year - 1, hari_ini.year])
    user = get_user_model().objects.get(username="senduro.staf")
    # What django.contrib.auth.login stores, without a request.
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(datetime.timedelta(hours=2))
    session.create()
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    print(session.session_key)


if __name__ == "__main__":
    main()
