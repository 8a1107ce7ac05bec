"""In development mode the sign-in page lists the demo accounts that exist and what each can
show, in the reader's language; outside it, nothing."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from roundtable.demo.people import DEMO_PASSWORD
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts() -> None:
    for email in ("chair@example.org", "gnso-chair@example.org"):
        do_register_participant(
            actor=Actor.anonymous(), email=email, password=DEMO_PASSWORD, display_name=email
        )


@override_settings(DEBUG=True)
def test_debug_sign_in_page_lists_the_demo_accounts_that_exist(accounts: None) -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "Demo accounts" in page and f"<code>{DEMO_PASSWORD}</code>" in page
    assert "<dt><code>chair@example.org</code></dt><dd>WTPF chair: the concluded" in page
    assert "GNSO Council chair: the chamber vote" in page
    assert "newcomer@example.org" not in page  # not loaded here: not listed


@override_settings(DEBUG=True)
def test_the_lines_are_translated(accounts: None) -> None:
    client = Client(headers={"accept-language": "ar"})
    page = client.get("/accounts/login/").content.decode()
    assert "حسابات العرض التوضيحي" in page and "رئيس مجلس GNSO" in page


def test_outside_development_mode_nothing_is_listed(accounts: None) -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "Demo accounts" not in page and DEMO_PASSWORD not in page
