"""An overturned designation changes the adoption: the level designated on appeal is what the
adoption shows (page and API), linked to the appeal, with the chair's level kept beside it
(RFC 2026 section 6.5.1; GNSO Working Group Guidelines 3.7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.audit.queries import list_events_for
from roundtable.decisions import appeals
from roundtable.decisions.models import Adoption, Outcome
from roundtable.permissions.actor import Actor
from tests.decisions.test_appeals import concluded, ietf
from tests.drafting.scenes import member, world

pytestmark = pytest.mark.django_db


def test_ietf_overturn_to_no_rough_consensus_changes_the_adoption_and_its_outcome() -> None:
    # RFC 2026 6.5.1: the Area Director's decision on the chairs' call is what stands.
    w, adoption, alice = ietf()
    assert adoption.adopted is True
    outcome = Outcome.objects.get(adoption=adoption)
    made = appeals.check_lodge_appeal(actor=Actor.person(alice), adoption=adoption, grounds="No.")
    with pytest.raises(ValidationError) as wrong:  # a level is given only when overturning
        appeals.check_decide_appeal(
            actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="r",
            level="no-rough-consensus",
        )  # fmt: skip
    assert wrong.value.code == "level"
    with pytest.raises(ValidationError) as unknown:  # a level the procedure does not know
        appeals.check_decide_appeal(
            actor=Actor.person(w.chair), appeal=made, outcome="overturned", reasons="r",
            level="full-consensus",
        )  # fmt: skip
    assert unknown.value.code == "level"
    appeals.check_decide_appeal(
        actor=Actor.person(w.chair), appeal=made, outcome="overturned", reasons="Not addressed.",
        level="no-rough-consensus",
    )  # fmt: skip
    adoption.refresh_from_db()
    assert adoption.designated_level == "no-rough-consensus"
    assert adoption.level_before_appeal == "rough-consensus"
    assert adoption.changed_on_appeal_id == made.pk
    assert adoption.adopted is False
    assert "no-rough-consensus" in str(adoption.result)
    assert [e.verb for e in list_events_for(adoption)][-1] == "adoption.changed_on_appeal"
    outcome.refresh_from_db()
    assert outcome.summary.startswith("No rough consensus")
    assert [e.verb for e in list_events_for(outcome)][-1] == "outcome.changed_on_appeal"

    client = Client()
    client.force_login(alice)
    page = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "Level designated on appeal" in page and f'href="#appeal-{made.pk}"' in page
    assert "The chair had designated" in page
    body = client.get(f"/api/adoptions/{adoption.pk}").json()
    assert body["designated_level"] == "no-rough-consensus"
    assert body["changed_on_appeal"] == made.pk
    assert body["level_before_appeal"] == "rough-consensus"
    assert body["adopted"] is False
    record = client.get(f"/api/appeals/{made.pk}").json()
    assert record["decisions"][0]["level"] == "no-rough-consensus"


def test_gnso_last_step_replaces_divergence_with_consensus_and_records_the_outcome() -> None:
    # GNSO WG Guidelines 3.7: the chartering organisation decides last.
    w = world(modality="icann-gnso-pdp-wg")
    bob = member(w, "bob@example.org", "member", name="Bob")
    liaison = member(w, "liaison@example.org", "liaison")
    council = member(w, "council@example.org", "council-chair")
    adoption = concluded(w, "divergence", bob)
    assert adoption.adopted is False and not Outcome.objects.filter(adoption=adoption).exists()
    made = appeals.do_lodge_appeal(actor=Actor.person(bob), adoption=adoption, grounds="x")
    for who in (w.chair, liaison):
        appeals.check_decide_appeal(
            actor=Actor.person(who), appeal=made, outcome="upheld", reasons="Stands."
        )
        appeals.do_escalate_appeal(actor=Actor.person(bob), appeal=made)
    appeals.check_decide_appeal(
        actor=Actor.person(council), appeal=made, outcome="overturned", reasons="Consensus.",
        level="consensus",
    )  # fmt: skip
    adoption = Adoption.objects.get(pk=adoption.pk)
    assert (adoption.designated_level, adoption.level_before_appeal) == ("consensus", "divergence")
    assert adoption.adopted is True
    assert Outcome.objects.filter(adoption=adoption).exists()
