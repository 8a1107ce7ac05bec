"""The stock-taking report of the demo WTPF process as PDF (WeasyPrint), page 1 turned into a
PNG by pdftoppm (poppler-utils, installed by `python3 dev.py test`): a real image of an A4 page
with ink on it. The English page is kept for the integrator under artefacts/stocktaking/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from tests.support.browser import ARTEFACTS
from tests.support.world import DemoWorld

pytestmark = pytest.mark.django_db

DPI = 50  # A4 is 8.27 x 11.69 inches: 414 x 585 pixels (pdftoppm rounds up)


def _page_one(pdf: bytes, folder: Path, name: str) -> Path:
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
         str(source), str(folder / name)],
        check=True, timeout=60,
    )  # fmt: skip
    return folder / f"{name}.png"


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_wtpf_report_pdf_renders(demo_world: DemoWorld, tmp_path: Path, language: str) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: `python3 dev.py test` installs poppler-utils.")
    response = Client().get("/venues/itu/wtpf/report.pdf", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    png = _page_one(response.content, tmp_path, f"wtpf-report-{language}")
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (414, 585)
        grey = image.convert("L")
        inked = sum(grey.histogram()[:128])  # pixels darker than mid-grey
    assert inked > 0.01 * 414 * 585, inked  # text and bars, not a blank page
    if language == "en":
        (ARTEFACTS / "stocktaking").mkdir(parents=True, exist_ok=True)
        shutil.copy(png, ARTEFACTS / "stocktaking" / "wtpf-report-page1.png")
