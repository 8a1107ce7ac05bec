"""The page to file or update one's statement, and statements shown beside people's words.

Sources: GNSO Operating Procedures 5.3.1 (a Statement of Interest "updated not less frequently
than once a year ... is a precondition for Relevant Parties to participate"); BCP 79 (RFC 8179:
what is said in a working group is a Contribution under the Note Well).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.contributions.actions import do_open_call
from roundtable.decisions import actions, positions
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.processes.situation import situation
from roundtable.stakeholders.models import DisclosureStatement
from tests.drafting.scenes import World, file_statements, member, published_document, world

pytestmark = pytest.mark.django_db


def _client(user: object | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _page(w: World) -> str:
    return f"/venues/{w.venue.slug}/{w.process.slug}/statements/"


def test_member_files_a_statement_and_it_shows_beside_the_position() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    bob = member(w, "bob@example.org", "member", name="Bob")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair),
        document=published_document(w),
        closes_at=timezone.now() + timedelta(days=2),
    )
    client = _client(bob)
    # The process page links to the page; the adoption page says why and links to it.
    assert _page(w) in client.get(f"/venues/{w.venue.slug}/{w.process.slug}/").content.decode()
    shown = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert 'class="needs-statement"' in shown and _page(w) in shown
    # Refused (GNSO OP 5.3.1): the refusal names the rule and what would allow it.
    refused = client.post(
        f"/adoptions/{adoption.pk}/", {"action": "position", "position": "support"}
    )
    after = client.get(refused.url).content.decode()
    assert "members-take-part-in-consensus" in after and "File or update" in after
    got = client.get(_page(w))
    assert got.status_code == 200 and "none is on file" in got.content.decode()
    empty = client.post(_page(w), {"kind": "statement_of_interest", "text": "  "})
    assert empty.status_code == 400 and "Write the statement." in empty.content.decode()
    filed = client.post(
        _page(w), {"kind": "statement_of_interest", "text": "I work for a registrar."}
    )
    assert filed.status_code == 302
    assert "It is current." in client.get(_page(w)).content.decode()
    positions.check_take_position(actor=Actor.person(bob), adoption=adoption, position="support")
    table = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert 'class="statement-on-file"' in table and "I work for a registrar." in table
    assert 'class="needs-statement"' not in table


def test_web_write_matrix_each_standing_gets_what_the_door_decides() -> None:
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    alice = member(w, "alice@example.org", name="Alice")
    here = situation(w.process)
    for name, user in {"anonymous": None, "participant": alice, "chair": w.chair}.items():
        door = decide(user, right="file_disclosure", modality="ietf-wg", context=here.context)
        got = _client(user).post(_page(w), {"kind": "note_well", "text": ""})
        assert got.status_code == (302 if door.allowed else 403), (name, got.status_code)
    assert DisclosureStatement.objects.filter(user=alice, kind="note_well").exists()
    # A kind the modality does not ask for is bad input, said plainly.
    wrong = _client(alice).post(_page(w), {"kind": "statement_of_interest", "text": "x"})
    assert wrong.status_code == 400


def test_modality_without_disclosures_offers_no_link_and_asks_nothing() -> None:
    w = world(modality="igf-open-consultation", venue_slug="igf", process_slug="oc")
    carol = member(w, "carol@example.org", name="Carol")
    page = _client(carol).get("/venues/igf/oc/").content.decode()
    assert _page(w) not in page
    assert "ask for no statement" in _client(carol).get(_page(w)).content.decode()


def test_contribution_refused_links_to_the_page_and_shows_the_statement() -> None:
    # BCP 79: input to an IETF working group is a Contribution under the Note Well.
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic", phase="drafting")
    alice = member(w, "alice@example.org", name="Alice")
    now = timezone.now()
    call = do_open_call(
        actor=Actor.operator("t"), process=w.process, title="Input",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=5),
    )  # fmt: skip
    data = {"title": "NAT traversal", "body": "Text.", "language": "en", "on_behalf": ""}
    refused = _client(alice).post(f"/calls/{call.pk}/", data)
    said = refused.content.decode()
    assert refused.status_code == 403 and "anyone-participates" in said and _page(w) in said
    file_statements(w, alice)
    made = _client(alice).post(f"/calls/{call.pk}/", data)
    assert made.status_code == 302, made.content.decode()[:2000]
    shown = _client(None).get(made.url).content.decode()
    assert 'class="statement-on-file"' in shown
