"""The coalition pages through the web: founding form (errors say what to fix), the
secretariat's review, the coalition's page with members by group, in English and Arabic."""

from __future__ import annotations

import pytest
from django.test import Client

from roundtable.coalitions.models import Coalition
from tests.coalitions.scenes import founded, igf
from tests.processes.scenes import group

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _form(**extra: str) -> dict[str, str]:
    return {
        "name": "Dynamic Coalition on Accessibility",
        "statement_of_need": "Persons with disabilities are left out.",
        "action_plan": "Guidelines for accessible meetings.",
        "contacts": "civil@example.org",
        "group": str(group("civil-society").pk),
        "founder_1": "gov@example.org",
        "founder_1_group": str(group("government").pk),
        **extra,
    }


def test_founding_form_refuses_two_groups_then_accepts_three_and_the_secretariat_approves() -> None:
    s = igf()
    civil = _signed_in(s.civil)
    refused = civil.post("/venues/igf/coalitions/new/", _form())
    assert refused.status_code == 400
    assert "igf-dynamic-coalition/coalition-founding" in refused.content.decode()
    half = civil.post("/venues/igf/coalitions/new/", _form(founder_2="tech@example.org"))
    assert "Give both the email address and the stakeholder group." in half.content.decode()
    sent = civil.post(
        "/venues/igf/coalitions/new/",
        _form(founder_2="tech@example.org", founder_2_group=str(group("technical-community").pk)),
    )
    made = Coalition.objects.get()
    assert sent.status_code == 302 and sent["Location"].endswith(f"/coalitions/{made.slug}/")
    page = civil.get(sent["Location"]).content.decode()
    assert "In review" in page and "Review the request" not in page
    secretariat = _signed_in(s.secretariat)
    assert "Review the request" in secretariat.get(sent["Location"]).content.decode()
    secretariat.post(f"/venues/igf/coalitions/{made.slug}/review/", {"approve": "1"})
    made.refresh_from_db()
    assert made.status == "approved"
    listing = Client().get("/venues/igf/coalitions/").content.decode()
    assert made.name in listing


def test_the_page_shows_members_by_group_in_arabic() -> None:
    s = igf()
    coalition = founded(s)
    page = (
        Client()
        .get(f"/venues/igf/coalitions/{coalition.slug}/", HTTP_ACCEPT_LANGUAGE="ar")
        .content.decode()
    )
    assert 'dir="rtl"' in page
    assert "الأعضاء حسب فئة أصحاب المصلحة" in page  # Members by stakeholder group
    assert "Gov Person" in page and "Civil Person" in page


def test_signed_out_the_founding_form_says_why_not() -> None:
    igf()
    response = Client().get("/venues/igf/coalitions/new/")
    assert response.status_code == 403
    assert "Sign in" in response.content.decode()
