from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.audit.models import Event
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import (
    check_register_participant,
    do_register_participant,
    do_verify_email,
    make_verification_token,
)
from roundtable.stakeholders.models import Profile, StakeholderGroup

pytestmark = pytest.mark.django_db


def test_default_taxonomy_is_the_engines_groups() -> None:
    from roundtable.modalities import GROUPS

    assert sorted(StakeholderGroup.objects.values_list("slug", flat=True)) == sorted(GROUPS)


def test_registration_hashes_with_argon2_and_mails_a_link(settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = do_register_participant(
        actor=Actor.anonymous(),
        email="Ada@Example.org", password="correct horse battery", display_name="Ada",
        region="Africa", verify_url="http://testserver/accounts/verify/",
    )  # fmt: skip
    assert user.username == "ada@example.org"
    assert user.password.startswith("argon2")
    assert user.profile.email_verified_at is None and user.profile.region == "Africa"
    assert user.profile.gender == ""  # optional, never required
    assert len(mail.outbox) == 1 and "/accounts/verify/?token=" in mail.outbox[0].body
    assert Event.objects.filter(verb="participant.registered").count() == 1


def test_weak_password_is_refused() -> None:
    with pytest.raises(ValidationError):
        check_register_participant(
            actor=Actor.anonymous(), email="b@example.org", password="123", display_name="B"
        )


def test_duplicate_email_is_refused() -> None:
    do_register_participant(
        actor=Actor.anonymous(), email="c@example.org", password=None, display_name="C"
    )
    with pytest.raises(ValidationError, match="exists already"):
        do_register_participant(
            actor=Actor.anonymous(), email="C@example.org", password=None, display_name="C"
        )


def test_verification_link_confirms_once_and_bad_links_are_refused(client: Client) -> None:
    user = do_register_participant(
        actor=Actor.anonymous(),
        email="d@example.org",
        password=None,
        display_name="D",
        send_verification=False,
    )
    token = make_verification_token(user)
    response = client.get(f"/accounts/verify/?token={token}")
    assert response.status_code == 200
    assert Profile.objects.get(user=user).email_verified_at is not None
    assert client.get("/accounts/verify/?token=forged").status_code == 400
    with pytest.raises(ValidationError):
        do_verify_email(actor=Actor.anonymous(), token=token + "x")


def test_signup_and_login_pages(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Eve",
            "email": "eve@example.org",
            "password": "a-long-test-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="eve@example.org").exists()
    response = client.post(
        "/accounts/login/", {"username": "eve@example.org", "password": "a-long-test-passphrase-42"}
    )
    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200


def test_api_token_is_created_on_the_account_page_and_shown_once(client: Client) -> None:
    user = do_register_participant(
        actor=Actor.anonymous(),
        email="t@example.org",
        password=None,
        display_name="T",
        send_verification=False,
    )
    client.force_login(user)
    page = client.post("/accounts/me/", {"token_name": "laptop"}).content.decode()
    token = page.split('class="token">')[1].split("<")[0]
    assert token.startswith("rt_")
    assert token not in client.get("/accounts/me/").content.decode()
    anonymous = Client()
    decision = anonymous.get(
        "/api/processes/x/y/decisions/observe", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert decision.status_code == 404  # authenticated (a bad token would be 401), no such process
