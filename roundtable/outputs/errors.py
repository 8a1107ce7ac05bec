"""One JSON shape for every API error: ``{"error": {"code", "message", ...}}``.

403s from the door carry the deciding rule and what would allow it (the same payload as
`roundtable.permissions.explain.denial_payload`).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from roundtable.modalities import UnknownRightError
from roundtable.permissions.door import Denied
from roundtable.permissions.explain import denial_payload

# A person named in the request who has no account here: 404, like any other missing thing.
NOT_FOUND_CODES = frozenset({"unknown_person"})
# Refusals of an action's own checks that mean "not now / conflicts with the state": 409.
CONFLICT_CODES = frozenset(
    {"overlap", "already_accredited", "pending", "decided", "not_published", "hidden",
     "call_closed", "call_not_open", "exists", "already_member", "other_delegation",
     "not_member", "already_closed", "not_started", "reserved", "no_draft", "no_adoption",
     "no_version", "draft", "draft_conflict", "existing_drafts_only", "concluded",
     "window_open", "published", "conflict", "closed", "already_open", "other_process",
     "merge_target", "unchanged", "stale_amendment", "revoked", "no_appeals"}
)  # fmt: skip


class ErrorBody(Schema):
    code: str
    message: str
    rule: str | None = None
    would_allow: list[str] | None = None
    details: list[dict[str, Any]] | None = None


class Error(Schema):
    error: ErrorBody


class NotSignedIn(Exception):
    """An action that needs a person was called without a token."""


def body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, payload: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, payload, status=status)

    @api.exception_handler(Denied)
    def denied(request: HttpRequest, exc: Denied) -> HttpResponse:
        return respond(request, 403, denial_payload(exc.decision))

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        message = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details)
        return respond(request, 422, body("invalid", message, details=details))

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        code = getattr(exc, "code", None) or "invalid"
        status = 409 if code in CONFLICT_CODES else 404 if code in NOT_FOUND_CODES else 400
        return respond(request, status, body(code, " ".join(exc.messages)))

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return respond(request, 400, body("invalid", str(exc)))

    @api.exception_handler(UnknownRightError)
    def unknown_right(request: HttpRequest, exc: UnknownRightError) -> HttpResponse:
        return respond(request, 404, body("unknown_right", str(exc.args[0] if exc.args else exc)))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, body("not_found", _("Nothing found at this address.")))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, body("forbidden", str(exc) or _("Not allowed.")))

    @api.exception_handler(NotSignedIn)
    def not_signed_in(request: HttpRequest, exc: NotSignedIn) -> HttpResponse:
        return respond(
            request,
            401,
            body("unauthenticated", _("Send an API token: Authorization: Bearer <token>.")),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, body("unauthenticated", str(exc) or _("Not authenticated.")))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, body("http_error", str(exc)))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logging.getLogger("roundtable.api").exception("API error", exc_info=exc)
        return respond(request, 500, body("server_error", _("Something went wrong on our side.")))


def write(schema: Any, status: int = 201) -> dict[str, Any]:
    """Options of a write endpoint: its success schema and every error status it may answer.
    The token (or anonymous) comes from the API, for every router."""
    errors_ = {code: Error for code in (400, 401, 403, 404, 409, 422)}
    return {"response": {status: schema, **errors_}}
