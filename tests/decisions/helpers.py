"""Shared helpers for adoption tests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory


def req(user: Any) -> HttpRequest:
    """A request as the views pass it to check_* (the door builds the standing from it)."""
    request = RequestFactory().post("/")
    request.user = user
    return request
