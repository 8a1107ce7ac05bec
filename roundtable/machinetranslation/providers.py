"""Machine-translation providers: a small interface and a LibreTranslate-compatible client.

LibreTranslate's API (https://docs.libretranslate.com/guides/api_usage): `POST /translate`
with a JSON body `{q, source, target, format, api_key}`, where `q` is one string or a list and
`translatedText` comes back the same shape; `GET /languages` lists the codes it knows. Any
service speaking that API works (a self-hosted LibreTranslate, Argos behind it, a proxy).

The client uses the standard library (urllib): one request per batch, a timeout on each, and a
`ProviderError` with a sentence a person can read for every failure: refused, timed out, an
HTTP error, an answer that is not the JSON expected. The caller never stores a failed answer.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Our language codes (settings.LANGUAGES) as LibreTranslate names them; the rest are the same.
LIBRETRANSLATE_CODES = {"zh-hans": "zh"}


class ProviderError(Exception):
    """The provider gave no usable translation; the message is for the person who asked."""


class Provider(Protocol):
    # What the label names ("LibreTranslate"), and what the cache keys on (the service too).
    name: str
    cache_key: str

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """The texts translated, in order; raises ProviderError."""
        ...


def libretranslate_code(language: str) -> str:
    code = language.lower()
    return LIBRETRANSLATE_CODES.get(code, code)


class LibreTranslate:
    name = "LibreTranslate"

    def __init__(self, url: str, *, api_key: str = "", timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"machine translation URL must be http(s)://host[:port]: {url!r}")
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.cache_key = f"libretranslate:{parts.netloc}{parts.path.rstrip('/')}"

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        body: dict[str, Any] = {
            "q": list(texts),
            "source": libretranslate_code(source),
            "target": libretranslate_code(target),
            "format": "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        answer = self._call("/translate", body)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if (
            not isinstance(translated, list)
            or len(translated) != len(texts)
            or not all(isinstance(t, str) for t in translated)
        ):
            logger.warning("machine translation: unexpected answer %.200r", answer)
            raise ProviderError(self._unreadable())
        return translated

    def languages(self) -> list[str]:
        """The codes the service translates from and to (`GET /languages`)."""
        answer = self._call("/languages", None)
        if not isinstance(answer, list):
            raise ProviderError(self._unreadable())
        return [str(entry.get("code")) for entry in answer if isinstance(entry, dict)]

    def _call(self, path: str, body: dict[str, Any] | None) -> Any:
        # The scheme is checked in __init__ (http or https only).
        request = urllib.request.Request(  # noqa: S310
            self.url + path,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="GET" if body is None else "POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            logger.warning("machine translation: %s answered HTTP %s", self.url, error.code)
            raise ProviderError(
                _("The machine translation service answered with an error (HTTP %(status)s).")
                % {"status": error.code}
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.warning("machine translation: %s unreachable: %s", self.url, error)
            raise ProviderError(
                _("The machine translation service could not be reached; try again later.")
            ) from None
        try:
            return json.loads(raw)
        except ValueError:
            logger.warning("machine translation: %s sent no JSON: %.200r", self.url, raw)
            raise ProviderError(self._unreadable()) from None

    @staticmethod
    def _unreadable() -> str:
        return _("The machine translation service sent an answer that could not be read.")


def configured() -> Provider | None:
    """The deployment's provider (ROUNDTABLE_MT_URL), or None: machine translation is off."""
    url = getattr(settings, "ROUNDTABLE_MT_URL", "")
    if not url:
        return None
    return LibreTranslate(
        url,
        api_key=getattr(settings, "ROUNDTABLE_MT_API_KEY", ""),
        timeout=getattr(settings, "ROUNDTABLE_MT_TIMEOUT", 10.0),
    )
