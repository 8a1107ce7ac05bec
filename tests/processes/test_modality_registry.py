"""A modality is chosen only from registered ones: presets and uploaded rule files, by name.

Paths are never read, platform files are not process modalities, and a refusal echoes no file.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.modalities import ModalityError
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality
from roundtable.permissions.models import RuleFile
from roundtable.permissions.registry import do_register_rule_file, process_modality_choices
from roundtable.processes.actions import do_add_phase, do_create_process
from tests.processes.scenes import scene

pytestmark = pytest.mark.django_db

RULES = """\
modality: community-hearing
title: Community hearing
extends: open-mailing-list
rules:
  - id: anyone-submits
    permit: [submit_input]
    who: {anonymous: false}
    because: Anyone signed in may send input to the hearing.
"""


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


@pytest.mark.parametrize(
    "name", ["/etc/shadow", "/etc/passwd", "/nonexistent/rules.yaml", "../../etc/hosts"]
)
def test_a_path_as_phase_modality_is_a_clean_400(client: Client, name: str) -> None:
    s = scene()
    response = client.post(
        f"/api/processes/itu/{s.process.slug}/phases",
        {"kind": "adoption", "title": "Later", "starts_on": "2031-01-01",
         "ends_on": "2031-01-02", "modality": name},
        content_type="application/json", **_auth(s.secretariat),
    )  # fmt: skip
    assert response.status_code in (400, 422)
    text = response.content.decode()
    assert "root:" not in text and "localhost" not in text
    assert "/etc" not in text and "nonexistent" not in text
    assert "no such" not in text and "cannot read" not in text
    assert s.process.phases.count() == 1


@pytest.mark.parametrize("name", ["participation", "platform", "drafting"])
def test_platform_rule_files_are_not_process_modalities(name: str) -> None:
    s = scene()
    with pytest.raises(ValidationError, match="Unknown modality"):
        do_create_process(
            actor=Actor.operator("t"), venue=s.venue, slug="p2", title="P", modality=name
        )
    with pytest.raises(ValidationError, match="Unknown modality"):
        do_add_phase(actor=Actor.operator("t"), process=s.process, kind="adoption", title="A",
                     starts_on=date(2031, 1, 1), ends_on=date(2031, 1, 2), modality=name)  # fmt: skip
    # the door itself still knows them, for the site's own rights
    assert get_modality(name).name


def test_the_door_resolves_no_path() -> None:
    with pytest.raises(ModalityError) as caught:
        get_modality("/etc/passwd")
    assert "/etc" not in str(caught.value) and "root" not in str(caught.value)


def test_an_uploaded_rule_file_is_stored_versioned_and_audited() -> None:
    s = scene()
    first = do_register_rule_file(
        actor=Actor.person(s.secretariat), venue="itu", text=RULES, filename="h.yaml"
    )
    second = do_register_rule_file(actor=Actor.person(s.secretariat), venue="itu", text=RULES.replace(
        "Community hearing", "Community hearing (revised)"), filename="h.yaml")  # fmt: skip
    assert (first.version, second.version) == (1, 2)
    assert second.uploaded_by == s.secretariat
    assert Event.objects.filter(verb="rule_file.uploaded").count() == 2
    assert get_modality("community-hearing").title == "Community hearing (revised)"
    assert ("community-hearing", "Community hearing (revised)") in process_modality_choices()
    process = do_create_process(
        actor=Actor.operator("t"),
        venue=s.venue,
        slug="hearing",
        title="H",
        modality="community-hearing",
    )
    assert process.effective_modality == "community-hearing"
    assert decide(s.secretariat, right="submit_input", modality="community-hearing").allowed


def test_a_bad_upload_names_file_line_and_field() -> None:
    s = scene()
    bad = RULES.replace("permit: [submit_input]", "permit: [fly]")
    with pytest.raises(ValidationError) as caught:
        do_register_rule_file(
            actor=Actor.person(s.secretariat), venue="itu", text=bad, filename="hearing.yaml"
        )
    message = " ".join(caught.value.messages)
    assert "hearing.yaml:6" in message and "rules[0].permit" in message
    assert not RuleFile.objects.exists()


@pytest.mark.parametrize("extends", ["/etc/shadow", "../../etc/passwd", "participation"])
def test_an_upload_cannot_extend_a_path_or_platform_file(extends: str) -> None:
    s = scene()
    with pytest.raises(ValidationError) as caught:
        do_register_rule_file(actor=Actor.person(s.secretariat), venue="itu",
                              text=RULES.replace("open-mailing-list", extends))  # fmt: skip
    message = " ".join(caught.value.messages)
    assert "extends only a preset or a registered rule file" in message
    assert "root:" not in message


@pytest.mark.parametrize("name", ["itu-wtpf", "participation"])
def test_reserved_names_are_refused(name: str) -> None:
    s = scene()
    with pytest.raises(ValidationError) as caught:
        do_register_rule_file(actor=Actor.person(s.secretariat), venue="itu",
                              text=RULES.replace("community-hearing", name))  # fmt: skip
    assert caught.value.code == "reserved"
