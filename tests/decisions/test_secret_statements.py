"""Secret ballots carry no text beside the voter's name (issue 10 point 7): a secret voter's
reasoned statement is published without attribution, or refused, as the modality says."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.decisions import actions, positions
from roundtable.decisions.models import AnonymousStatement, MinorityStatement, Position
from roundtable.modalities import ModalityError, load_modality
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world
from tests.support.rules import register

pytestmark = pytest.mark.django_db

REFUSED = Path(__file__).with_name("secret-vote.yaml")
ANONYMOUS = Path(__file__).with_name("secret-vote-anonymous.yaml")
STATEMENT = "I vote against: the text ignores small island states."


def _auth(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def _open(modality: Path) -> tuple[Any, Any, Any]:
    w = world(modality=register(modality), venue_slug="assembly", process_slug="secret")
    doc = published_document(w)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    voter = member(w, "voter@example.org", name="Vera Voter")
    return w, adoption, voter


def test_a_statement_with_a_secret_vote_is_refused_where_the_modality_says_so(
    client: Client,
) -> None:
    _w, adoption, voter = _open(REFUSED)
    url = f"/api/adoptions/{adoption.pk}/positions"
    answer = client.post(
        url,
        {"position": "no", "text": STATEMENT},
        content_type="application/json",
        **_auth(voter),
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "secret_statement"
    assert "secret ballot" in answer.json()["error"]["message"]
    assert not Position.objects.exists() and not AnonymousStatement.objects.exists()
    answer = client.post(url, {"position": "no"}, content_type="application/json", **_auth(voter))
    assert answer.status_code == 201
    # A minority statement would tell who voted against: refused too.
    with pytest.raises(ValidationError) as refused:
        positions.check_add_minority_statement(
            actor=Actor.person(voter), adoption=adoption, text="x"
        )
    assert refused.value.code == "secret_statement"
    assert not MinorityStatement.objects.exists()
    # The page offers no text box and says why; the web form refuses a forged text.
    client.force_login(voter)
    page = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "publishes no statement with a secret vote" in page
    assert 'name="text"' not in page.split('class="take-position"')[1].split("</section>")[0]
    page = client.post(
        f"/adoptions/{adoption.pk}/",
        {"action": "position", "position": "yes", "text": STATEMENT},
        follow=True,
    ).content.decode()
    assert "no statement is published beside a secret vote" in page
    assert Position.objects.get().position == "no" and STATEMENT not in page


def test_a_statement_with_a_secret_vote_is_published_without_attribution(
    client: Client,
) -> None:
    _w, adoption, voter = _open(ANONYMOUS)
    url = f"/api/adoptions/{adoption.pk}/positions"
    answer = client.post(
        url,
        {"position": "no", "text": STATEMENT},
        content_type="application/json",
        **_auth(voter),
    )
    assert answer.status_code == 201, answer.content
    assert Position.objects.get().text == ""  # nothing stored beside the voter
    assert list(AnonymousStatement.objects.values_list("text", flat=True)) == [STATEMENT]
    shown = client.get(f"/api/adoptions/{adoption.pk}").json()
    assert [p["text"] for p in shown["positions"]] == [""]
    assert shown["positions"][0]["position"] is None
    assert shown["statements_without_attribution"] == [STATEMENT]
    # A minority statement is published the same way, never with the author's name.
    positions.check_add_minority_statement(
        actor=Actor.person(voter), adoption=adoption, text="A second reason."
    )
    assert not MinorityStatement.objects.exists()
    page = Client().get(f"/adoptions/{adoption.pk}/").content.decode()
    assert STATEMENT in page and "A second reason." in page
    row = page.split('class="position-row"')[1].split("</tr>")[0]
    assert "Vera Voter" in row and STATEMENT not in row
    anonymous = page.split('class="anonymous-statements"')[1].split("</section>")[0]
    assert STATEMENT in anonymous and "Vera Voter" not in anonymous
    # The voter's page offers the optional statement box.
    client.force_login(voter)
    mine = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "published without your name" in mine


def test_old_texts_beside_secret_voters_are_not_shown(client: Client) -> None:
    _w, adoption, voter = _open(REFUSED)
    positions.check_take_position(actor=Actor.person(voter), adoption=adoption, position="yes")
    Position.objects.update(text="Stored before the fix.")  # as an older version stored it
    assert client.get(f"/api/adoptions/{adoption.pk}").json()["positions"][0]["text"] == ""
    assert "Stored before the fix." not in client.get(f"/adoptions/{adoption.pk}/").content.decode()


def test_the_rule_file_setting_is_checked(tmp_path: Path) -> None:
    assert load_modality(ANONYMOUS).procedures[0].anonymous_statements is True
    assert load_modality(REFUSED).procedures[0].anonymous_statements is False
    public = tmp_path / "public.yaml"
    public.write_text(
        "modality: x\nprocedures:\n  show:\n    kind: omov\n    threshold: '> 1/2'\n"
        "    secret_statements: anonymous\nrules: []\n"
    )
    with pytest.raises(ModalityError) as info:
        load_modality(public)
    assert any(
        "secret_statements belongs to a secret ballot" in p.message for p in info.value.problems
    )
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "modality: x\nprocedures:\n  ballot:\n    kind: omov\n    threshold: '> 1/2'\n"
        "    secret: true\n    secret_statements: signed\nrules: []\n"
    )
    with pytest.raises(ModalityError) as info:
        load_modality(wrong)
    assert any(p.field.endswith("secret_statements") for p in info.value.problems)
