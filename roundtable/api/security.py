"""Who calls the API: a bearer token, or nobody (an anonymous visitor), and the options every
write endpoint shares (the token, and every error status it may answer)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .actions import user_for_token
from .schemas import Error


class TokenOrAnonymous(HttpBearer):
    """A bearer token makes the request its owner's; no token means an anonymous visitor
    (the door then decides, with its reason). A wrong or revoked token is a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            request.user = AnonymousUser()
            return request.user
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError(message=_("Use the header Authorization: Bearer <token>."))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(
                message=_("This token is not valid (unknown, expired or revoked).")
            )
        request.user = user
        request.__dict__.pop("_roundtable_standings", None)
        return user


token = TokenOrAnonymous()


def write(schema: Any, status: int = 201) -> dict[str, Any]:
    """Options of a write endpoint: the token (or anonymous) and every error status."""
    errors_ = {status: Error for status in (400, 401, 403, 404, 409, 422)}
    return {"auth": token, "response": {status: schema, **errors_}}
