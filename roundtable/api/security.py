"""Who calls the API: a bearer token, or nobody (an anonymous visitor), and the options every
write endpoint shares (the token, and every error status it may answer)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from roundtable.outputs.errors import write
from roundtable.permissions.actor import Actor

from .actions import user_for_token


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
        Actor.forget_request(request)
        return user


token = TokenOrAnonymous()

__all__ = ["TokenOrAnonymous", "token", "write"]
