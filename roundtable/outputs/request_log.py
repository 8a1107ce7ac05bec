"""A request id on every answer and every log line, and one log line per request.

The id comes from the reverse proxy's `X-Request-ID` when it is a sane token (so a request can
be followed from the proxy's log into ours), otherwise it is made here; it goes back in the
response header. In production the log is JSON lines (`JsonLines`), one object per record, so a
log shipper needs no parsing rules.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._-]{8,64}")
_current: ContextVar[str] = ContextVar("request_id", default="-")
log = logging.getLogger("roundtable.request")


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware(MiddlewareMixin):
    """Sync and async alike (MiddlewareMixin), so streamed live pages stay async under ASGI."""

    def process_request(self, request: HttpRequest) -> None:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _SANE.fullmatch(offered) else uuid.uuid4().hex
        request.META["roundtable.request_id"] = request_id
        request.META["roundtable.started"] = time.perf_counter()
        _current.set(request_id)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        request_id = request.META.get("roundtable.request_id", "-")
        response[HEADER] = request_id
        started = request.META.get("roundtable.started")
        elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
        user = getattr(request, "user", None)
        log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request_id,
                "status": response.status_code,
                "ms": round(elapsed, 1),
                "user": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        # A worker thread serves the next request in the same context: lines written between
        # requests must not carry this one's id. (Not Token.reset: under ASGI the two hooks may
        # run in different copies of the context.)
        _current.set("-")
        return response


class AddRequestId(logging.Filter):
    """Every record carries the id of the request it was written in ("-" outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)
