"""The demo's people: categories, organisations, delegations and participants of every
stakeholder group, accredited through the real flow (request, organisation confirmation,
secretariat decision). Idempotent: who exists already (by email or slug) is left as is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from roundtable.stakeholders.belonging import do_answer_claim, do_set_organisation_status
from roundtable.stakeholders.delegations import (
    do_add_delegation_member,
    do_create_delegation,
    do_set_delegation_head,
)
from roundtable.stakeholders.models import (
    Accreditation,
    Affiliation,
    Delegation,
    Organisation,
    OrganisationStatus,
    StakeholderGroup,
    VenueCategory,
)
from roundtable.stakeholders.organisations import (
    do_create_organisation,
    do_create_venue_category,
    do_ensure_default_groups,
)
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue, VenueRole

# The loader acts as the server's operator, named so in the audit trail.
ACTOR = Actor.operator("demo-loader")
# Every demo account signs in with its email address and this password (local demo only).
DEMO_PASSWORD = "roundtable-demo"  # noqa: S105

# --- participants ---------------------------------------------------------------------------

CATEGORIES = [
    ("itu", "member-state", "Member State", "government"),
    ("itu", "sector-member", "Sector Member", "private-sector"),
    ("itu", "associate", "Associate", "private-sector"),
    ("itu", "academia", "Academia", "academia"),
    # ICANN Bylaws 11.3: the GNSO Council votes in two houses (the chambers of its procedures).
    ("icann", "contracted", "Contracted Parties House", "private-sector"),
    ("icann", "non-contracted", "Non-Contracted Parties House", "civil-society"),
]

ORGANISATIONS = [
    # slug, name, group, country, ecosoc, itu sector member
    ("france", "Government of France", "government", "France", "", False),
    ("united-states", "Government of the United States", "government", "United States", "", False),
    ("globaltel", "GlobalTel (example operator)", "private-sector", "", "", True),
    (
        "civil-society-caucus",
        "Civil Society Internet Governance Caucus (example)",
        "civil-society",
        "",
        "special",
        False,
    ),
    (
        "example-registry",
        "Example Regional Internet Registry",
        "technical-community",
        "",
        "",
        False,
    ),
    ("unesco", "UNESCO", "intergovernmental", "", "", False),
    ("example-university", "Example University", "academia", "", "", False),
]

DELEGATIONS = [("itu", "france", "France"), ("itu", "united-states", "United States")]

# email, name, region, venue accreditations [(venue, group, category, organisation, delegation)],
# roles [(venue, role)], head of delegation
PEOPLE: list[dict[str, Any]] = [
    {"email": "igf-secretariat@example.org", "name": "IGF Secretariat", "roles": [("igf", "secretariat")]},
    {"email": "itu-secretariat@example.org", "name": "ITU Secretariat", "roles": [("itu", "secretariat")]},
    {
        "email": "bertrand@example.org", "name": "Bertrand (France)", "region": "Western Europe",
        "accredit": [("itu", "government", "member-state", "france", "france"),
                     ("igf", "government", None, "france", None)],
        "head": ("itu", "france"),
    },
    {
        "email": "dick@example.org", "name": "Dick (United States)", "region": "North America",
        "accredit": [("itu", "government", "member-state", "united-states", "united-states")],
        "head": ("itu", "united-states"),
    },
    {
        "email": "bill@example.org", "name": "Bill (civil society)", "region": "Western Europe",
        "accredit": [("igf", "civil-society", None, "civil-society-caucus", None),
                     ("itu", "civil-society", None, None, None)],
    },
    {
        "email": "avri@example.org", "name": "Avri (MAG member)", "region": "North America",
        "accredit": [("igf", "civil-society", None, None, None)],
        "roles": [("igf", "mag-member"), ("mmwg", "moderator")],
    },
    {
        "email": "globaltel@example.org", "name": "GlobalTel delegate", "region": "Asia-Pacific",
        "accredit": [("itu", "private-sector", "sector-member", "globaltel", None),
                     ("igf", "private-sector", None, "globaltel", None)],
    },
    {
        "email": "registry@example.org", "name": "Registry engineer", "region": "Africa",
        "accredit": [("igf", "technical-community", None, "example-registry", None)],
    },
    {
        "email": "unesco@example.org", "name": "UNESCO liaison", "region": "Western Europe",
        "accredit": [("igf", "intergovernmental", None, "unesco", None)],
    },
    {
        "email": "professor@example.org", "name": "Professor (academia)", "region": "Latin America",
        "accredit": [("igf", "academia", None, "example-university", None)],
    },
    {"email": "chair@example.org", "name": "WTPF chair", "region": "Africa", "roles": [("itu", "chair")]},
    {"email": "icann-staff@example.org", "name": "GNSO staff", "roles": [("icann", "secretariat")]},
    {"email": "gnso-chair@example.org", "name": "GNSO Council chair", "roles": [("icann", "chair")]},
    {"email": "eu-secretariat@example.org", "name": "Have your say secretariat", "roles": [("eu", "secretariat")]},
    {"email": "newcomer@example.org", "name": "Newcomer (waiting for the ITU)", "pending": ("itu", "civil-society")},
]  # fmt: skip

# The GNSO Council's voting councilors (ICANN Bylaws 11.3): the Contracted Parties House has 7
# seats, the Non-Contracted Parties House 13; two non-contracted seats are left empty here.
COUNCILORS = [
    *[(f"Registries councilor {n}", "contracted", "private-sector") for n in (1, 2, 3)],
    *[(f"Registrars councilor {n}", "contracted", "private-sector") for n in (1, 2, 3)],
    ("NomCom appointee (contracted)", "contracted", "civil-society"),
    *[(f"Commercial councilor {n}", "non-contracted", "private-sector") for n in range(1, 6)],
    *[(f"Non-commercial councilor {n}", "non-contracted", "civil-society") for n in range(1, 7)],
]


def councilor_email(name: str) -> str:
    return name.lower().replace("(", "").replace(")", "").replace(" ", "-") + "@example.org"


PEOPLE += [
    {
        "email": councilor_email(name), "name": name,
        "accredit": [("icann", group, house, None, None)], "roles": [("icann", "councilor")],
    }
    for name, house, group in COUNCILORS
]  # fmt: skip


def _user(email: str) -> Any:
    return get_user_model().objects.filter(username=email).first()


def load_people(venues: dict[str, Venue], created: dict[str, int]) -> dict[str, Any]:
    do_ensure_default_groups(actor=ACTOR)
    groups = {g.slug: g for g in StakeholderGroup.objects.all()}
    for venue_slug, slug, name, group in CATEGORIES:
        if not VenueCategory.objects.filter(venue=venues[venue_slug], slug=slug).exists():
            do_create_venue_category(
                actor=ACTOR, venue=venues[venue_slug], slug=slug, name=name, group=groups[group]
            )
    for slug, name, group, country, ecosoc, sector in ORGANISATIONS:
        if not Organisation.objects.filter(slug=slug).exists():
            do_create_organisation(
                actor=ACTOR, slug=slug, name=name, group=groups[group], country=country,
                ecosoc_status=ecosoc, itu_sector_member=sector,
            )  # fmt: skip
        # Status is verified per venue by its secretariat (issue 9).
        for venue_slug, basis in (
            [(v, "ecosoc-status") for v in ("igf", "itu")] if ecosoc else []
        ) + ([("itu", "itu-sector-member")] if sector else []):
            venue = venues[venue_slug]
            if not OrganisationStatus.objects.filter(organisation__slug=slug, venue=venue).exists():
                do_set_organisation_status(
                    actor=ACTOR, organisation=Organisation.objects.get(slug=slug), venue=venue,
                    basis=basis, group=groups[group],
                    category=VenueCategory.objects.filter(venue=venue, slug="sector-member").first()
                    if basis == "itu-sector-member" else None,
                )  # fmt: skip
    for venue_slug, slug, name in DELEGATIONS:
        if not Delegation.objects.filter(venue=venues[venue_slug], slug=slug).exists():
            do_create_delegation(actor=ACTOR, venue=venues[venue_slug], slug=slug, name=name)
    people: dict[str, Any] = {}
    for spec in PEOPLE:
        user = _user(spec["email"])
        if user is None:
            user = do_register_participant(
                actor=ACTOR, email=spec["email"], password=DEMO_PASSWORD,
                display_name=spec["name"], region=spec.get("region", ""), verified=True,
            )  # fmt: skip
            created["participants"] += 1
        people[spec["email"]] = user
        for venue_slug, role in spec.get("roles", []):
            if not VenueRole.objects.filter(
                user=user, venue=venues[venue_slug], role=role
            ).exists():
                do_grant_role(actor=ACTOR, user=user, venue=venues[venue_slug], role=role)
        if "head" in spec:
            venue_slug, delegation_slug = spec["head"]
            delegation = Delegation.objects.get(venue=venues[venue_slug], slug=delegation_slug)
            if delegation.head_id != user.pk:
                delegation.head = user
                do_set_delegation_head(actor=ACTOR, delegation=delegation, head=user)
    secretariat = {
        "igf": people["igf-secretariat@example.org"],
        "itu": people["itu-secretariat@example.org"],
        "icann": people["icann-staff@example.org"],
    }
    for spec in PEOPLE:
        user = people[spec["email"]]
        for venue_slug, group, category, organisation, delegation in spec.get("accredit", []):
            venue = venues[venue_slug]
            if Accreditation.objects.filter(user=user, venue=venue).exists():
                continue
            accreditation = do_request_accreditation(
                actor=Actor.person(user), venue=venue, group=groups[group],
                category=VenueCategory.objects.get(venue=venue, slug=category) if category else None,
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
                statement="Demo participant.",
            )  # fmt: skip
            # The organisation confirms its people (here the secretariat answers for it); a
            # delegation is never claimed: the secretariat adds the member.
            for claim in Affiliation.objects.filter(user=user, venue=venue, status="pending"):
                do_answer_claim(
                    actor=Actor.person(secretariat[venue_slug]), claim=claim, confirm=True
                )
            accreditation.refresh_from_db()
            if accreditation.status == Accreditation.Status.PENDING:
                do_decide_accreditation(
                    actor=Actor.person(secretariat[venue_slug]), accreditation=accreditation,
                    approve=True, reason="Documents checked.",
                )  # fmt: skip
            if delegation:
                found = Delegation.objects.get(venue=venue, slug=delegation)
                if Accreditation.objects.get(pk=accreditation.pk).delegation_id != found.pk:
                    do_add_delegation_member(
                        actor=Actor.person(secretariat[venue_slug]), delegation=found, user=user
                    )
        if "pending" in spec:
            venue_slug, group = spec["pending"]
            if not Accreditation.objects.filter(user=user, venue=venues[venue_slug]).exists():
                do_request_accreditation(
                    actor=Actor.person(user), venue=venues[venue_slug], group=groups[group],
                    statement="I would like to follow the WTPF preparations.",
                )  # fmt: skip
    return people
