"""Static files: Bootstrap (and its right-to-left build) from the installed package, never a CDN;
in production WhiteNoise serves them compressed under hashed names after collectstatic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

REPO = Path(__file__).resolve().parents[2]


def test_bootstrap_and_its_rtl_build_come_from_the_installed_package() -> None:
    for name in ("bootstrap/css/bootstrap.min.css", "bootstrap/css/bootstrap.rtl.min.css"):
        found = finders.find(name)
        assert found and "site-packages" in found and "xstatic" in found, found


@pytest.mark.django_db
def test_arabic_pages_load_the_rtl_build_and_others_the_ltr_one(client: Client) -> None:
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "bootstrap/css/bootstrap.min.css" in english and "rtl" not in english.split("<body")[0]
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "bootstrap/css/bootstrap.rtl.min.css" in arabic
    for html in (english, arabic):
        head = html.split("<body")[0]
        assert 'rel="icon"' in head and "favicon.svg" in head
        assert "//" not in head.replace("http://www.w3.org", ""), "an off-site reference"


def test_the_favicon_is_served(client: Client) -> None:
    response = client.get("/static/web/favicon.svg")
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_production_collects_compressed_files_with_hashed_names(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "ROUNDTABLE_ENV": "production",
        "SECRET_KEY": "x" * 30 + "K9#mQ2$vL7!pR4&tZ8*wN1@bY5^hD3",
        "ALLOWED_HOSTS": "roundtable.example.org",
        "ROUNDTABLE_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "roundtable.cli", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    rtl = manifest["bootstrap/css/bootstrap.rtl.min.css"]
    assert rtl != "bootstrap/css/bootstrap.rtl.min.css"  # a hashed name, cached forever
    assert (tmp_path / "static" / (rtl + ".gz")).exists()
    assert "ninja/swagger-ui-bundle.js" in manifest and "web/site.css" in manifest
