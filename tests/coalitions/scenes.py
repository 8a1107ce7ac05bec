"""An IGF venue with its secretariat and people of four stakeholder groups, for the coalition
tests (set up through real actions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from roundtable.coalitions.actions import Founder, do_request_founding, do_review_founding
from roundtable.coalitions.models import Coalition
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.organisations import do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue
from tests.processes.scenes import group, person

FOUNDED = datetime(2026, 3, 1, 12, tzinfo=UTC)


@dataclass
class IgfScene:
    venue: Venue
    secretariat: Any
    gov: Any
    civil: Any
    tech: Any
    private: Any

    def founders(self, *people: tuple[Any, str]) -> list[Founder]:
        return [Founder(user=user, group=group(slug)) for user, slug in people]


def igf() -> IgfScene:
    operator = Actor.operator("test")
    do_ensure_default_groups(actor=operator)
    venue = do_create_venue(actor=operator, slug="igf", name="IGF", default_modality="igf-mag")
    secretariat = person("secretariat@igf.example.org", "IGF Secretariat")
    do_grant_role(actor=operator, user=secretariat, venue=venue, role="secretariat")
    return IgfScene(
        venue=venue,
        secretariat=secretariat,
        gov=person("gov@example.org", "Gov Person"),
        civil=person("civil@example.org", "Civil Person"),
        tech=person("tech@example.org", "Tech Person"),
        private=person("private@example.org", "Private Person"),
    )


def founded(s: IgfScene, name: str = "Dynamic Coalition on Net Neutrality") -> Coalition:
    """A coalition requested by three groups on FOUNDED and approved the same day."""
    coalition = do_request_founding(
        actor=Actor.person(s.civil),
        venue=s.venue,
        name=name,
        statement_of_need="Net neutrality needs a multistakeholder home.",
        action_plan="A model framework within a year.",
        contacts="civil@example.org",
        founders=s.founders((s.civil, "civil-society"), (s.gov, "government"),
                            (s.tech, "technical-community")),
        now=FOUNDED,
    )  # fmt: skip
    return do_review_founding(
        actor=Actor.person(s.secretariat), coalition=coalition, approve=True, now=FOUNDED
    )
