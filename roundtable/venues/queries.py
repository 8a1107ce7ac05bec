"""Reads for venues and the people given roles there. Venues are public records."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Venue


def get_venue(*, viewer: Any, slug: str) -> Venue:
    return get_object_or_404(Venue, slug=slug)


def get_person_by_email(*, viewer: Any, email: str) -> Any:
    """The account with this address (for assigning a role); a clear 400 when there is none."""
    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ValidationError(
            _("No account has the address %(email)s: the person signs up first.")
            % {"email": email},
            code="unknown_person",
        )
    return person
