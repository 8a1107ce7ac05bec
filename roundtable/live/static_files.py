"""WhiteNoise under ASGI without the sync-iterator detour.

WhiteNoise's middleware answers with a file response that Django can only read synchronously;
under ASGI Django then reads the whole file into memory on a thread, with a warning on every
request. Here the same response streams the file through an async iterator instead."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import IO

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponseBase
from whitenoise.middleware import WhiteNoiseFileResponse
from whitenoise.middleware import WhiteNoiseMiddleware as BaseWhiteNoiseMiddleware

CHUNK = 64 * 1024


async def _chunks(file: IO[bytes] | None) -> AsyncIterator[bytes]:
    # Reads of a static file come from the page cache: short enough to make on the loop.
    while file is not None and (chunk := file.read(CHUNK)):
        yield chunk


class WhiteNoiseMiddleware(BaseWhiteNoiseMiddleware):  # type: ignore[misc]
    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = super().__call__(request)
        if isinstance(request, ASGIRequest) and isinstance(response, WhiteNoiseFileResponse):
            # The file stays registered for closing when the response closes.
            response.streaming_content = _chunks(response.file_to_stream)
        return response
