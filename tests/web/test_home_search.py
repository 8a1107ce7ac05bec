"""Home page (what is open now), site-wide search (only what the viewer may observe) and the
personal page after sign-in; everything built through the actions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.decisions import actions as decisions
from roundtable.decisions import outcomes
from roundtable.lists.actions import do_import_archive
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import World, published_document, world
from tests.processes.scenes import PASSWORD, accredit, person

pytestmark = pytest.mark.django_db

MBOX = (
    "From alice@example.org Tue Nov  1 10:00:00 2005\n"
    "From: Alice <alice@example.org>\nDate: Tue, 1 Nov 2005 10:00:00 +0000\n"
    "Subject: Marimba meeting notes\nMessage-ID: <1@example.org>\n\n"
    "The marimba working session starts on Monday.\n\n"
)


def open_call(w: World, title: str, *, days_ago: int = 1, days_left: int = 5) -> object:
    now = timezone.now()
    return do_open_call(
        actor=Actor.person(w.secretariat), process=w.process, title=title,
        opens_at=now - timedelta(days=days_ago), closes_at=now + timedelta(days=days_left),
    )  # fmt: skip


def test_home_says_what_roundtable_is_and_lists_an_open_call_and_a_running_adoption() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    open_call(w, "Call on exchange points")
    open_call(w, "Call that closed", days_ago=10, days_left=-2)
    doc = published_document(w)
    decisions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    body = Client().get("/").content.decode()
    assert "Roundtable runs multistakeholder policy processes" in body
    calls = body.split('class="open-calls"')[1].split("</section>")[0]
    assert "Call on exchange points" in calls and "Call that closed" not in calls
    assert 'href="/calls/' in calls
    adoptions = body.split('class="open-adoptions"')[1].split("</section>")[0]
    assert "Draft Opinion 1" in adoptions and "/adoptions/" in adoptions
    assert "No adoption is under way" not in body


def test_search_finds_each_kind_and_hides_what_the_viewer_may_not_observe(tmp_path: Path) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    call = open_call(w, "Call on exchange points")
    author = person("bill@example.org", "Bill")
    accredit(author, w.venue, "civil-society")
    do_submit_contribution(
        actor=Actor.person(author), call=call, title="On marimba pricing",
        body="Exchange points and marimba peering lower costs.", language="en",
    )  # fmt: skip
    published_document(w, text="# Opinion\n\nThe marimba paragraph of the opinion.\n\nOther.")
    igf = world(modality="igf-mag", phase="exchange-of-views", venue_slug="igf", process_slug="mag")
    outcomes.check_record_summary(
        actor=Actor.person(igf.chair), process=igf.process, title="Marimba messages",
        summary="Key messages.", kind="chairs-summary",
    )  # fmt: skip
    mbox = tmp_path / "list.mbox"
    mbox.write_text(MBOX)
    do_import_archive(
        actor=Actor.operator("tests"), list_address="marimba@example.org", paths=[str(mbox)]
    )
    # A Member States' group: its open consultation is public, its members-only documents not.
    itu = world(modality="itu-cwg-internet", venue_slug="itu", process_slug="cwg")
    closed_call = open_call(itu, "Closed call")
    do_submit_contribution(
        actor=Actor.person(itu.secretariat), call=closed_call, title="Secret marimba input",
        body="Marimba, for Member States only.", language="en",
    )  # fmt: skip
    published_document(
        itu, text="# Closed\n\nA marimba paragraph for Member States.", slug="c1",
        audience="members",
    )  # fmt: skip

    page = Client().get("/search/", {"q": "marimba"})
    assert page.status_code == 200
    body = page.content.decode()
    groups = {
        kind: body.split(f'data-kind="{kind}"')[1].split("</section>")[0]
        for kind in ("messages", "contributions", "paragraphs", "outcomes")
    }
    assert "Marimba meeting notes" in groups["messages"]
    assert "On marimba pricing" in groups["contributions"]
    assert "<mark>marimba</mark> paragraph of the opinion" in groups["paragraphs"]
    assert "Marimba messages" in groups["outcomes"]
    assert "Secret marimba input" in groups["contributions"]  # inputs to a consultation: public
    assert "paragraph for Member States" not in body  # the members-only document
    # Whoever may observe the closed group (its secretariat) finds its records.
    insider = Client()
    insider.force_login(itu.secretariat)
    seen = insider.get("/search/", {"q": "marimba"}).content.decode()
    assert "Secret marimba input" in seen and "<mark>marimba</mark> paragraph for Member" in seen
    assert "Nothing found" in Client().get("/search/", {"q": "zzzunknown"}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 501},
        {"q": "marimba", "page": "0"},
        {"q": "marimba", "page": "101"},
        {"q": "marimba", "page": "abc"},
        {"q": "marimba", "page": "9" * 40},
    ],
)
def test_search_refuses_bad_parameters_with_a_form_error(params: dict[str, str]) -> None:
    response = Client().get("/search/", params)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_search_refuses_nul_in_the_middleware_and_in_the_form() -> None:
    from roundtable.web.forms import SearchForm

    assert Client().get("/search/", {"q": "a\x00b"}).status_code == 400
    form = SearchForm({"q": "a\x00b"})
    assert not form.is_valid() and "q" in form.errors


def test_search_pages_are_bounded() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    call = open_call(w, "Call")
    author = person("bill@example.org", "Bill")
    accredit(author, w.venue, "civil-society")
    for n in range(12):
        do_submit_contribution(
            actor=Actor.person(author),
            call=call,
            title=f"Kalimba {n}",
            body="kalimba",
            language="en",
        )
    first = Client().get("/search/", {"q": "kalimba"}).content.decode()
    assert first.count("Kalimba ") == 10 and 'rel="next"' in first
    second = Client().get("/search/", {"q": "kalimba", "page": "2"}).content.decode()
    assert second.count("Kalimba ") == 2 and 'rel="prev"' in second and 'rel="next"' not in second


def test_sign_in_without_next_lands_on_the_personal_page() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    call = open_call(w, "Call on exchange points")
    user = person("bill@example.org", "Bill")
    accredit(user, w.venue, "civil-society")
    do_submit_contribution(
        actor=Actor.person(user), call=call, title="My own input", body="b", language="en"
    )
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "bill@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    page = client.get(response["Location"]).content.decode()
    mine = page.split('class="my-processes"')[1].split("</ul>")[0]
    assert "Process epdp" in mine and "What you may do now:" in mine
    assert "Send input" in mine or "Submit input" in mine or "submit_input" not in mine
    assert "My own input" in page.split('class="my-contributions"')[1]


def test_phase_kind_and_modality_choices_read_as_words() -> None:
    from roundtable.processes.forms import PhaseForm

    form = PhaseForm()
    kinds = dict(form.fields["kind"].choices)  # type: ignore[attr-defined]
    assert str(kinds["open-consultation"]) == "Open consultation"
    modalities = dict(form.fields["modality"].choices)  # type: ignore[attr-defined]
    assert all(name not in str(text) for name, text in modalities.items() if name)


def test_search_and_home_follow_the_door_for_every_kind_of_standing() -> None:
    """The authorisation-matrix style for the read-only pages: for each person, what search and
    home show of a Member States' group is exactly what the door says about observing it: its
    consultation's inputs are public, its members-only documents are not."""
    from django.contrib.auth.models import AnonymousUser

    from roundtable.drafting.actions import do_create_document, do_publish_version
    from roundtable.drafting.models import Document
    from roundtable.processes.reading import audience_facts, may_observe
    from tests.processes.scenes import scene

    closed = scene(
        venue_slug="itu", modality="itu-cwg-internet", phase_kind="drafting", process_slug="cwg"
    )
    report = do_create_document(
        actor=Actor.person(closed.secretariat), process=closed.process, slug="r", title="Report",
        source="# Report\n\nA marimba paragraph for Member States.",
        audience=Document.Audience.MEMBERS,
    )  # fmt: skip
    do_publish_version(actor=Actor.person(closed.secretariat), document=report)
    call = closed.call
    writer = person("delegate@example.org", "Delegate")
    accredit(writer, closed.venue, "government", category=closed.member_state)
    do_submit_contribution(
        actor=Actor.person(writer),
        call=call,
        title="Consultation marimba input",
        body="marimba",
        language="en",
    )
    people = {
        "anonymous": AnonymousUser(),
        "signed-in": person("someone@example.org"),
        "civil-society": person("cs@example.org"),
        "member-state": writer,
        "secretariat": closed.secretariat,
    }
    accredit(people["civil-society"], closed.venue, "civil-society")
    seen_by = {}
    for kind, user in people.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        public = may_observe(user, closed.process)
        members = may_observe(user, closed.process, facts=audience_facts("members"))
        found = client.get("/search/", {"q": "marimba"}).content.decode()
        home = (
            client.get("/").content.decode().split('class="open-calls"')[1].split("</section>")[0]
        )
        assert ("Consultation marimba input" in found) is public, kind
        assert ("<mark>marimba</mark> paragraph for Member States" in found) is members, kind
        assert ("Call for input" in home) is public, kind
        seen_by[kind] = members
    assert seen_by["anonymous"] is False and seen_by["member-state"] is True
    assert seen_by["secretariat"] is True
