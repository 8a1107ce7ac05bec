from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from roundtable.audit.queries import list_events_for
from roundtable.contributions.actions import (
    CallClosed,
    check_comment,
    check_hide_contribution,
    check_submit_contribution,
    check_withdraw_contribution,
    do_open_call,
    do_submit_contribution,
)
from roundtable.contributions.rendering import count_words, render_markdown
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.organisations import do_create_organisation
from tests.processes.scenes import accredit, group, person, scene
from tests.support.rules import register

pytestmark = pytest.mark.django_db
WORD_LIMIT = Path(__file__).with_name("word-limit.yaml")


def test_markdown_is_rendered_safely() -> None:
    html = render_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org)"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "&lt;script&gt;" in html  # shown as text, never run
    assert 'href="javascript' not in html
    assert 'href="https://example.org"' in html and "nofollow" in html
    assert count_words("Hello, multi-stakeholder world!") == 3


def test_accredited_participant_submits_and_unaccredited_is_refused_with_reason() -> None:
    s = scene()
    bill, eve = person("bill@example.org"), person("eve@example.org")
    accredit(bill, s.venue, "civil-society")
    made = check_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Input", body="Some *text*", language="fr"
    )
    assert made.group.slug == "civil-society" and made.body_html == "<p>Some <em>text</em></p>\n"
    assert made.language == "fr" and made.word_count == 2
    with pytest.raises(Denied) as refused:
        check_submit_contribution(
            actor=Actor.person(eve), call=s.call, title="x", body="y", language="en"
        )
    assert refused.value.decision.would_allow  # says what standing would allow it
    assert "contribution.submitted" in [e.verb for e in list_events_for(s.process)]


def test_word_limit_comes_from_the_modality_obligations() -> None:
    s = scene(
        venue_slug="v", modality=register(WORD_LIMIT), phase_kind="drafting", process_slug="short"
    )
    bill = person("bill@example.org")
    ok = check_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="t", body="one two three", language="en"
    )
    assert ok.word_count == 3
    with pytest.raises(ValidationError, match="at most 10"):
        check_submit_contribution(
            actor=Actor.person(bill), call=s.call, title="t", body="word " * 11, language="en"
        )


def test_closed_call_is_refused_with_its_date() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    now = timezone.now()
    old = do_open_call(
        actor=Actor.operator("t"),
        process=s.process,
        title="Old",
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=2),
    )
    # Once closed, input is late: refused by the rule of platform periods.yaml unless the
    # modality takes late input (tests/contributions/test_periods.py).
    with pytest.raises(Denied) as refused:
        check_submit_contribution(
            actor=Actor.person(bill), call=old, title="t", body="b", language="en"
        )
    assert refused.value.decision.rule == "roundtable-periods/no-late-input"
    future = do_open_call(
        actor=Actor.operator("t"),
        process=s.process,
        title="Later",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    with pytest.raises(CallClosed, match="opens on"):
        check_submit_contribution(
            actor=Actor.person(bill), call=future, title="t", body="b", language="en"
        )


def test_on_behalf_of_an_organisation_and_attachments() -> None:
    s = scene()
    ngo = do_create_organisation(
        actor=Actor.operator("t"), slug="ngo", name="NGO", group=group("civil-society")
    )
    other = do_create_organisation(
        actor=Actor.operator("t"), slug="other", name="Other", group=group("civil-society")
    )
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society", organisation=ngo)
    made = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="t", body="b", language="en", organisation=ngo,
        attachments=[SimpleUploadedFile("paper.txt", b"hello")],
    )  # fmt: skip
    assert made.organisation == ngo and made.attachments.get().name == "paper.txt"
    with pytest.raises(ValidationError, match="organisation named in your accreditation"):
        do_submit_contribution(
            actor=Actor.person(bill),
            call=s.call,
            title="t",
            body="b",
            language="en",
            organisation=other,
        )


def test_withdraw_hide_and_comment() -> None:
    s = scene(
        venue_slug="igf",
        modality="igf-open-consultation",
        phase_kind="open-consultation",
        process_slug="oc",
    )
    bill, eve = person("bill@example.org"), person("eve@example.org")
    accredit(bill, s.venue, "civil-society")
    accredit(eve, s.venue, "academia")
    first = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="one", body="b", language="en"
    )
    second = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="two", body="b", language="en"
    )
    comment = check_comment(actor=Actor.person(eve), contribution=first, body="Agreed")
    assert comment.body_html == "<p>Agreed</p>\n"
    with pytest.raises(Denied) as not_author:
        check_withdraw_contribution(actor=Actor.person(eve), contribution=first)
    # The refusal names the rule that would allow it, and the fact it needs.
    assert "authors-withdraw" in str(not_author.value.decision.would_allow)
    assert "is-author" in str(not_author.value.decision.would_allow)
    withdrawn = check_withdraw_contribution(actor=Actor.person(bill), contribution=first)
    assert withdrawn.status == "withdrawn"
    with pytest.raises(Denied):
        check_hide_contribution(actor=Actor.person(eve), contribution=second, reason="spam")
    with pytest.raises(ValidationError, match="public reason"):
        check_hide_contribution(actor=Actor.person(s.secretariat), contribution=second, reason=" ")
    hidden = check_hide_contribution(
        actor=Actor.person(s.secretariat), contribution=second, reason="Off topic"
    )
    assert hidden.status == "hidden" and hidden.moderation_reason == "Off topic"
    with pytest.raises(ValidationError):
        check_comment(actor=Actor.person(eve), contribution=hidden, body="x")


def test_call_page_lists_inputs_and_shows_why_not(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    made = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Visible input", body="b", language="en"
    )
    hidden = do_submit_contribution(
        actor=Actor.person(bill),
        call=s.call,
        title="Hidden input",
        body="secret words",
        language="en",
    )
    check_hide_contribution(
        actor=Actor.person(s.secretariat), contribution=hidden, reason="Off topic"
    )
    body = client.get(f"/calls/{s.call.pk}/").content.decode()
    assert "Visible input" in body and "Hidden by moderation: Off topic" in body
    assert "secret words" not in body
    assert "Why not:" in body and "What would allow it:" in body  # anonymous visitor
    client.force_login(bill)
    body = client.get(f"/calls/{s.call.pk}/").content.decode()
    assert "Why not:" not in body and 'name="body"' in body
    response = client.post(
        f"/calls/{s.call.pk}/", {"title": "Posted", "body": "via the page", "language": "en"}
    )
    assert response.status_code == 302
    assert "via the page" in client.get(response["Location"]).content.decode()
    assert "Visible input" in client.get(f"/contributions/{made.pk}/").content.decode()


def test_refused_post_shows_the_engines_reason(client: Client) -> None:
    s = scene()
    client.force_login(person("eve@example.org"))
    response = client.post(f"/calls/{s.call.pk}/", {"title": "x", "body": "y", "language": "en"})
    assert response.status_code == 403
    assert "What would allow it" in response.content.decode()


def test_contribution_page_actions(client: Client) -> None:
    s = scene(
        venue_slug="igf",
        modality="igf-open-consultation",
        phase_kind="open-consultation",
        process_slug="oc",
    )
    bill, eve = person("bill@example.org"), person("eve@example.org")
    made = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Mine", body="text", language="en"
    )
    page = client.get(f"/contributions/{made.pk}/").content.decode()
    assert "Why not:" in page  # an anonymous visitor may not comment, and is told why
    client.force_login(eve)
    client.post(f"/contributions/{made.pk}/comments/", {"body": "A *reply*"})
    assert "<em>reply</em>" in client.get(f"/contributions/{made.pk}/").content.decode()
    assert client.post(f"/contributions/{made.pk}/hide/", {"reason": "x"}).status_code == 403
    client.post(f"/contributions/{made.pk}/withdraw/")
    made.refresh_from_db()
    assert made.status == "published"  # only the author withdraws
    client.force_login(s.secretariat)
    client.post(f"/contributions/{made.pk}/hide/", {"reason": "Duplicate"})
    made.refresh_from_db()
    assert made.status == "hidden"
    assert (
        "Hidden by moderation: Duplicate"
        in client.get(f"/contributions/{made.pk}/").content.decode()
    )
    other = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Other", body="text", language="en"
    )
    client.force_login(bill)
    client.post(f"/contributions/{other.pk}/withdraw/")
    other.refresh_from_db()
    assert other.status == "withdrawn"


def test_secretariat_opens_a_call_on_the_page(client: Client) -> None:
    s = scene()
    url = f"/venues/itu/{s.process.slug}/calls/new/"
    assert client.get(url).status_code == 403
    client.force_login(s.secretariat)
    response = client.post(
        url,
        {"title": "Second call", "opens_at": "2030-01-01 10:00", "closes_at": "2030-02-01 10:00"},
    )
    assert response.status_code == 302
    assert "This call for input opens on" in client.get(response["Location"]).content.decode()
