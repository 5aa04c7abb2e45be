"""Production settings pass Django's deployment checks (run in a fresh process: settings load once)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args, **env):
    # A clean production environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process.
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="iku.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_collectstatic_succeeds_with_production_settings(tmp_path):
    # The manifest storage rewrites every url() in the CSS it collects; one it cannot resolve
    # fails the deploy, so the production pipeline is run here as a deploy would.
    result = _manage(
        "collectstatic",
        "--noinput",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="iku.example.go.id",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    named = _static_files_named_by_templates_and_stylesheets()
    assert {"pdf/laporan.css", "vendor/dejavu/DejaVuSans.ttf", "vendor/htmx/htmx.min.js"} <= named
    # What the pages and the PDFs name is collected; what the vendor packages ship beside it is not.
    assert sorted(named - set(manifest)) == []
    assert not any(p.endswith((".rtl.min.css", ".esm.js")) or "DejaVuSansMono" in p for p in manifest)
    # The API docs' Swagger UI is collected (served from our own files); Redoc and DRF's browsable API are not.
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in manifest
    assert not any(p.startswith(("drf_spectacular_sidecar/redoc", "rest_framework/")) for p in manifest)
    assert len(manifest) < 200


def _static_files_named_by_templates_and_stylesheets() -> set[str]:
    named = set()
    for folder in ("templates", "static"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".html", ".css", ".txt"}:
                continue
            text = path.read_text()
            named.update(re.findall(r"{%\s*(?:pdf_)?static\s+['\"]([^'\"]+)['\"]", text))
            named.update(re.findall(r"ikustatic:([^\"')\s]+)", text))
    return named
