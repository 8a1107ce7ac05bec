"""The founding document's world, loaded through real actions so it is audited like any data.

`load_world` makes the venues and processes; `load_demo` adds on top of it the categories,
organisations, delegations and participants of every stakeholder group, the phases (the MAG
meeting on 12 February 2007 and the open consultations on the 13th, both tentative, with the
agenda of the founding email), calls for input and a few contributions. Both are idempotent:
what exists already (by slug or email) is left as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from roundtable.contributions.actions import do_comment, do_open_call, do_submit_contribution
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.drafting.actions import (
    do_cite_contribution,
    do_create_document,
    do_publish_version,
)
from roundtable.drafting.models import Document
from roundtable.processes.actions import (
    do_add_phase,
    do_create_process,
    do_create_venue,
    do_update_process,
)
from roundtable.processes.models import Process, Venue
from roundtable.stakeholders.actions import (
    do_add_delegation_member,
    do_create_delegation,
    do_create_organisation,
    do_create_venue_category,
    do_decide_accreditation,
    do_ensure_default_groups,
    do_grant_role,
    do_register_participant,
    do_request_accreditation,
)
from roundtable.stakeholders.belonging import do_answer_claim, do_set_organisation_status
from roundtable.stakeholders.models import (
    Accreditation,
    Affiliation,
    Delegation,
    Organisation,
    OrganisationStatus,
    StakeholderGroup,
    VenueCategory,
    VenueRole,
)

ACTOR = "demo-loader"
# Every demo account signs in with its email address and this password (local demo only).
DEMO_PASSWORD = "roundtable-demo"  # noqa: S105

VENUES = [
    {
        "slug": "igf",
        "name": "Internet Governance Forum",
        "description": "Multistakeholder forum with no decision-making capacity (Tunis Agenda §72, §77).",
        "default_modality": "igf-open-consultation",
        "automatic_accreditation": ["ecosoc-status"],
    },
    {
        "slug": "itu",
        "name": "International Telecommunication Union",
        "description": "Member States and Sector Members; the World Telecommunication Policy Forum.",
        "default_modality": "itu-wtpf",
        "automatic_accreditation": ["ecosoc-status", "itu-sector-member"],
    },
    {
        "slug": "mmwg",
        "name": "Multistakeholder Modalities Working Group",
        "description": "The MMWG mailing list where the founding thread of this project was written.",
        "default_modality": "open-mailing-list",
    },
]

PROCESSES = [
    ("igf", "stock-taking-2007", "IGF stock-taking, February 2007", "igf-open-consultation"),
    ("itu", "wtpf", "World Telecommunication Policy Forum", "itu-wtpf"),
    ("mmwg", "modalities", "Multistakeholder modalities", "open-mailing-list"),
]

# From the founding email (Avri Doria to the MMWG list, 23 November 2006).
STOCK_TAKING_AGENDA = [
    "Assessment of the first IGF",
    "Recommendations for future IGF meeting process",
    "Discussion regarding the future of the advisory groups",
    "Ideas for interim processes",
]


def load_world() -> dict[str, int]:
    created = {"venues": 0, "processes": 0}
    with transaction.atomic():
        venues = {}
        for spec in VENUES:
            venue = Venue.objects.filter(slug=spec["slug"]).first()
            if venue is None:
                venue = do_create_venue(actor=ACTOR, **spec)
                created["venues"] += 1
            venues[venue.slug] = venue
        for venue_slug, slug, title, modality in PROCESSES:
            venue = venues[venue_slug]
            if not Process.objects.filter(venue=venue, slug=slug).exists():
                do_create_process(
                    actor=ACTOR, venue=venue, slug=slug, title=title, modality=modality
                )
                created["processes"] += 1
    return created


# --- participants ---------------------------------------------------------------------------

CATEGORIES = [
    ("itu", "member-state", "Member State", "government"),
    ("itu", "sector-member", "Sector Member", "private-sector"),
    ("itu", "associate", "Associate", "private-sector"),
    ("itu", "academia", "Academia", "academia"),
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
    {"email": "newcomer@example.org", "name": "Newcomer (waiting for the ITU)", "pending": ("itu", "civil-society")},
]  # fmt: skip


def _user(email: str) -> Any:
    return get_user_model().objects.filter(username=email).first()


def _load_people(venues: dict[str, Venue], created: dict[str, int]) -> dict[str, Any]:
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
                email=spec["email"], password=DEMO_PASSWORD, display_name=spec["name"],
                region=spec.get("region", ""), verified=True,
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
                from roundtable.stakeholders.actions import do_set_delegation_head

                do_set_delegation_head(actor=ACTOR, delegation=delegation, head=user)
    secretariat = {
        "igf": people["igf-secretariat@example.org"],
        "itu": people["itu-secretariat@example.org"],
    }
    for spec in PEOPLE:
        user = people[spec["email"]]
        for venue_slug, group, category, organisation, delegation in spec.get("accredit", []):
            venue = venues[venue_slug]
            if Accreditation.objects.filter(user=user, venue=venue).exists():
                continue
            accreditation = do_request_accreditation(
                actor=user, venue=venue, group=groups[group],
                category=VenueCategory.objects.get(venue=venue, slug=category) if category else None,
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
                statement="Demo participant.",
            )  # fmt: skip
            # The organisation confirms its people (here the secretariat answers for it); a
            # delegation is never claimed: the secretariat adds the member.
            for claim in Affiliation.objects.filter(user=user, venue=venue, status="pending"):
                do_answer_claim(actor=secretariat[venue_slug], claim=claim, confirm=True)
            accreditation.refresh_from_db()
            if accreditation.status == Accreditation.Status.PENDING:
                do_decide_accreditation(
                    actor=secretariat[venue_slug], accreditation=accreditation, approve=True,
                    reason="Documents checked.",
                )  # fmt: skip
            if delegation:
                found = Delegation.objects.get(venue=venue, slug=delegation)
                if Accreditation.objects.get(pk=accreditation.pk).delegation_id != found.pk:
                    do_add_delegation_member(
                        actor=secretariat[venue_slug], delegation=found, user=user
                    )
        if "pending" in spec:
            venue_slug, group = spec["pending"]
            if not Accreditation.objects.filter(user=user, venue=venues[venue_slug]).exists():
                do_request_accreditation(
                    actor=user, venue=venues[venue_slug], group=groups[group],
                    statement="I would like to follow the WTPF preparations.",
                )  # fmt: skip
    return people


def _moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _load_processes(
    venues: dict[str, Venue], people: dict[str, Any], created: dict[str, int]
) -> None:
    igf = Process.objects.get(venue=venues["igf"], slug="stock-taking-2007")
    if not igf.phases.exists():
        do_update_process(
            actor=ACTOR, process=igf,
            topics=["igf-stock-taking", "multistakeholder-modalities"],
            summary="Stock-taking of the first IGF in Geneva: the MAG meets on 12 February 2007, "
            "open consultations follow on the 13th, with translation into the six UN languages.",
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=igf, kind="exchange-of-views", title="MAG stock-taking meeting",
            starts_on=date(2007, 2, 12), ends_on=date(2007, 2, 12), tentative=True,
            modality="igf-mag", day="mag-day", agenda=STOCK_TAKING_AGENDA,
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=igf, kind="open-consultation", title="Open consultations",
            starts_on=date(2007, 2, 13), ends_on=date(2007, 2, 13), tentative=True,
            modality="igf-open-consultation", day="open-consultation-day",
            agenda=STOCK_TAKING_AGENDA,
            description="Interpretation into the six UN languages.",
        )  # fmt: skip
    if not igf.calls.exists():
        call = do_open_call(
            actor=ACTOR, process=igf, title="Inputs to the February stock-taking",
            opens_at=_moment(date(2006, 11, 23), 9), closes_at=_moment(date(2007, 2, 14), 0),
            description="Written inputs ahead of the open consultations of 13 February 2007.",
        )  # fmt: skip
        inputs = [
            ("bill@example.org", "civil-society-caucus", "Assessment of the first IGF",
             "The first IGF showed that **open dialogue** works. We ask for:\n\n"
             "- transcripts in all six UN languages\n- remote participation in every session"),
            ("registry@example.org", "example-registry", "Remote participation at the next IGF",
             "Remote participants should queue *on the same list* as those in the room."),
            ("avri@example.org", None, "Interim processes and the MMWG",
             "Between meetings the [MMWG list](https://example.org/mmwg) can prepare the "
             "modalities discussion in a multistakeholder format."),
            ("unesco@example.org", "unesco", "Action lines and multistakeholder modalities",
             "The facilitation meetings on the Action Lines show the same need for modalities."),
        ]  # fmt: skip
        for index, (email, organisation, title, body) in enumerate(inputs):
            made = do_submit_contribution(
                actor=people[email], call=call, title=title, body=body, language="en",
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
                now=_moment(date(2007, 1, 10 + index)),
            )  # fmt: skip
            created["contributions"] += 1
            if index == 0:
                do_comment(
                    actor=people["professor@example.org"], contribution=made,
                    body="Agreed: remote participation is what made the first IGF open.",
                )  # fmt: skip

    wtpf = Process.objects.get(venue=venues["itu"], slug="wtpf")
    today = timezone.now().date()
    if not wtpf.phases.exists():
        do_update_process(
            actor=ACTOR, process=wtpf, topics=["internet-public-policy"],
            alternative_modalities=["itu-wtpf-multistakeholder"],
            summary="A WTPF on Internet-related public policy. Viewed under itu-wtpf-multistakeholder "
            "it shows what a forum reconstituted on a multistakeholder basis would allow.",
        )  # fmt: skip
        start = today - timedelta(days=14)
        do_add_phase(
            actor=ACTOR, process=wtpf, kind="drafting", title="Preparatory period",
            starts_on=start, ends_on=start + timedelta(days=60),
            description="Contributions feed the Secretary-General's report and draft Opinions.",
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=wtpf, kind="exchange-of-views", title="Forum discussion",
            starts_on=start + timedelta(days=61), ends_on=start + timedelta(days=62),
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=wtpf, kind="adoption", title="Adoption of the Opinions",
            starts_on=start + timedelta(days=63), ends_on=start + timedelta(days=63),
        )  # fmt: skip
    if not CallForInput.objects.filter(process=wtpf).exists():
        start = wtpf.phases.order_by("starts_on").first().starts_on  # type: ignore[union-attr]
        call = do_open_call(
            actor=ACTOR, process=wtpf, title="Contributions to the Secretary-General's report",
            opens_at=_moment(start, 0), closes_at=_moment(start + timedelta(days=61), 0),
        )  # fmt: skip
        for email, delegation, organisation, title, body in [
            ("bertrand@example.org", "france", None, "Multistakeholder modalities at the ITU",
             "The forum can be **reconstituted on a multistakeholder basis** without changing "
             "the ITU instruments."),
            ("globaltel@example.org", None, "globaltel", "Investment and the policy forum",
             "Sector Members ask for a predictable environment for investment."),
        ]:  # fmt: skip
            do_submit_contribution(
                actor=people[email], call=call, title=title, body=body, language="en",
                delegation=Delegation.objects.get(venue=venues["itu"], slug=delegation) if delegation else None,
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
            )  # fmt: skip
            created["contributions"] += 1


DRAFT_OPINION = """The World Telecommunication Policy Forum,

Recognising that the participation of all stakeholders strengthens the legitimacy of the
Forum's opinions,

Invites the Secretary-General to open the preparatory process of the next Forum to every
accredited stakeholder group, on the basis of contributions received,

Encourages Member States and Sector Members to support a predictable environment for
investment in Internet infrastructure."""


def _load_wtpf_draft(wtpf: Process, people: dict[str, Any]) -> None:
    """The secretariat's draft opinion, its paragraphs citing the inputs that shaped them."""
    if Document.objects.filter(process=wtpf, slug="draft-opinion-1").exists():
        return
    secretariat = people["itu-secretariat@example.org"]
    document = do_create_document(
        actor=secretariat, process=wtpf, slug="draft-opinion-1",
        title="Draft Opinion 1: participation of all stakeholders", source=DRAFT_OPINION,
    )  # fmt: skip
    version = do_publish_version(actor=secretariat, document=document, note="First draft")
    pids = list(version.paragraphs.order_by("number").values_list("pid", flat=True))
    inputs = {c.title: c for c in Contribution.objects.filter(call__process=wtpf)}
    for pid, title in [
        (pids[2], "Multistakeholder modalities at the ITU"),
        (pids[3], "Investment and the policy forum"),
    ]:
        if title in inputs:
            do_cite_contribution(
                actor=secretariat, document=document, pid=pid, contribution=inputs[title],
                note="Drafted from this input.",
            )  # fmt: skip


def load_demo() -> dict[str, int]:
    """The world plus its people, phases, calls and contributions (idempotent)."""
    created = load_world()
    created.update({"participants": 0, "contributions": 0})
    with transaction.atomic():
        venues = {v.slug: v for v in Venue.objects.all()}
        people = _load_people(venues, created)
        _load_processes(venues, people, created)
        _load_wtpf_draft(Process.objects.get(venue=venues["itu"], slug="wtpf"), people)
    return created


__all__ = ["DEMO_PASSWORD", "load_demo", "load_world", "Contribution"]
