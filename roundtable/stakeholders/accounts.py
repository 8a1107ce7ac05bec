"""Writes for accounts: signing up (with a mailed confirmation link) and confirming the address.

A new account registers itself: the audit trail names the account, whoever the actor asking is
(a visitor on the sign-up page, or the operator's loader).
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor

from .models import Profile

logger = logging.getLogger(__name__)
VERIFY_SALT = "roundtable.stakeholders.verify-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 7


def make_verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def do_register_participant(
    *,
    actor: Actor,
    email: str,
    password: str | None,
    display_name: str,
    region: str = "",
    gender: str = "",
    verified: bool = False,
    send_verification: bool = True,
    verify_url: str = "",
) -> User:
    """Create an account (Argon2-hashed password) and its profile; mail a verification link."""
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        if User.objects.filter(username=email).exists():
            raise ValidationError(_("An account with this email address exists already."))
        user = User(username=email, email=email)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        Profile.objects.create(
            user=user,
            display_name=display_name,
            region=region,
            gender=gender,
            email_verified_at=timezone.now() if verified else None,
        )
        record_event(actor=user, verb="participant.registered", target=user, summary={})
    if send_verification and not verified:
        token = make_verification_token(user)
        link = f"{verify_url}?token={token}" if verify_url else token
        try:
            send_mail(
                _("Confirm your email address for Roundtable"),
                _("Open this link to confirm your address: %(link)s") % {"link": link},
                None,
                [email],
            )
        except OSError:
            # The account stands; the person can ask for the link again or the secretariat can
            # confirm them. The operator needs to know the mail server is down.
            logger.warning("verification mail to %s could not be sent", email, exc_info=True)
    return user


def check_register_participant(
    *,
    actor: Actor,
    email: str,
    password: str,
    display_name: str,
    region: str = "",
    gender: str = "",
    verify_url: str = "",
) -> User:
    """Untrusted sign-up: the password must satisfy the validators."""
    validate_password(password, User(username=email, email=email))
    return do_register_participant(
        actor=actor,
        email=email,
        password=password,
        display_name=display_name,
        region=region,
        gender=gender,
        verify_url=verify_url,
    )


def do_verify_email(*, actor: Actor, token: str) -> User:
    """Confirm the address the signed link was made for (whoever opens it: the link is the
    proof); the trail names the account confirmed."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(
            _("This confirmation link is not valid or has expired."), code="bad_token"
        ) from None
    with transaction.atomic():
        user = User.objects.filter(pk=data["u"], email=data["e"]).first()
        if user is None:
            raise ValidationError(_("This confirmation link is not valid."), code="bad_token")
        profile = Profile.objects.select_for_update().get(user=user)
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
            record_event(actor=user, verb="participant.email_verified", target=user, summary={})
    return user
