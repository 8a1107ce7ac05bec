"""Sign-in throttling (django-axes) through real attempts, and the password rules (issue 10)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"
LOGIN = "/accounts/login/"


def _person(email: str = "ada@example.org", staff: bool = False):  # type: ignore[no-untyped-def]
    user = do_register_participant(
        actor=Actor.anonymous(),
        email=email,
        password=PASSWORD,
        display_name="Ada",
        send_verification=False,
    )
    if staff:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


def _attempt(client: Client, username: str, password: str, url: str = LOGIN, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_after_the_limit_even_the_right_password_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 5
    _person()
    client = Client()
    url = LOGIN
    for _ in range(5):
        assert _attempt(client, "ada@example.org", "wrong", url).status_code in (200, 429)
    locked = _attempt(client, "ada@example.org", PASSWORD, url)
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_is_throttled_from_every_address(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    _person()
    client = Client()
    url = LOGIN
    for n in range(3):
        _attempt(client, "ada@example.org", "wrong", url, ip=f"10.0.1.{n}")
    assert _attempt(Client(), "ada@example.org", PASSWORD, url, ip="10.9.9.9").status_code == 429


def test_an_address_is_throttled_for_every_account(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    _person()
    client = Client()
    url = LOGIN
    for n in range(3):
        _attempt(client, f"nobody{n}@example.org", "wrong", url, ip="10.0.2.1")
    assert _attempt(Client(), "ada@example.org", PASSWORD, url, ip="10.0.2.1").status_code == 429
    ok = _attempt(Client(), "ada@example.org", PASSWORD, url, ip="10.0.2.2")
    assert ok.status_code == 302


def test_admin_sign_in_is_throttled_too(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    _person("root@example.org", staff=True)
    client = Client()
    url = "/admin/login/"
    for _ in range(3):
        _attempt(client, "root@example.org", "wrong", url)
    locked = _attempt(client, "root@example.org", PASSWORD, url)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_below_the_limit_works_and_resets_the_count(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    _person()
    client = Client()
    url = LOGIN
    _attempt(client, "ada@example.org", "wrong", url)
    _attempt(client, "ada@example.org", "wrong", url)
    assert _attempt(client, "ada@example.org", PASSWORD, url).status_code == 302
    for _ in range(2):
        _attempt(Client(), "ada@example.org", "wrong", url)
    assert _attempt(Client(), "ada@example.org", PASSWORD, url).status_code == 302


def test_wrong_password_and_unknown_account_read_the_same(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    _person()
    url = LOGIN
    wrong = _attempt(Client(), "ada@example.org", "wrong", url, ip="10.0.3.1")
    unknown = _attempt(Client(), "ghost@example.org", "wrong", url, ip="10.0.3.2")
    assert wrong.status_code == unknown.status_code == 200

    def errors(r) -> str:  # type: ignore[no-untyped-def]
        return r.context["form"].non_field_errors().as_text()

    assert errors(wrong) == errors(unknown) != ""
    # ... and when locked out, too: the same page whether the account exists or not.
    for _ in range(3):
        _attempt(Client(), "ada@example.org", "wrong", url, ip="10.0.4.1")
        _attempt(Client(), "ghost@example.org", "wrong", url, ip="10.0.5.1")
    a = _attempt(Client(), "ada@example.org", "wrong", url, ip="10.0.4.1")
    b = _attempt(Client(), "ghost@example.org", "wrong", url, ip="10.0.5.1")
    assert a.status_code == b.status_code == 429
    assert _without_csrf(a.content.decode()) == _without_csrf(b.content.decode())


def _without_csrf(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def test_passwords_need_twelve_characters_and_not_a_common_one() -> None:
    user = get_user_model()(username="x@example.org", email="x@example.org")
    with pytest.raises(ValidationError):
        validate_password("k7#Qm2!zP9x", user)  # 11 characters
    with pytest.raises(ValidationError):
        validate_password("1qaz2wsx3edc", user)  # 12 characters, common
    validate_password("k7#Qm2!zP9xW", user)  # 12, uncommon
