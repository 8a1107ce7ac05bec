"""Every write endpoint of the API, driven with every kind of standing; each HTTP status must be
what the door (the modalities engine) decides for that person, right, modality and context.

Allowed -> 201 (200 for a DELETE), refused -> 403 with the engine's rule. Each allowed attempt
gets fresh objects (a new pending request, a new contribution, non-overlapping dates, a new
organisation, category, delegation or claim), so nothing but the decision can change the
outcome. The belonging routes (organisation status, focal points, answers to claims) are
covered too; the head-of-delegation's designation of a speaker is in
tests/decisions/test_delegation_positions.py. Withdrawal is the platform right `withdraw_contribution`, which needs the
context fact `is-author`: the engine is asked with the fact where the person wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.agreement.actions import do_add_statement
from roundtable.agreement.api import router as agreement_router
from roundtable.api.actions import do_create_token
from roundtable.api.api import api
from roundtable.api.models import ApiToken
from roundtable.api.tokens import router as tokens_router
from roundtable.campaigns.api import router as campaigns_router
from roundtable.coalitions.actions import (
    COALITIONS,
    Founder,
    do_request_founding,
    do_review_founding,
)
from roundtable.coalitions.api import router as coalitions_router
from roundtable.coalitions.models import Coalition
from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.machinetranslation.api import router as machinetranslation_router
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.situation import situation
from roundtable.stakeholders.actions import do_request_accreditation
from roundtable.stakeholders.api import router as belonging_router
from roundtable.stakeholders.belonging import do_claim_affiliation
from roundtable.stakeholders.delegation_api import router as delegation_router
from roundtable.stakeholders.delegations import do_add_delegation_member, do_create_delegation
from roundtable.stakeholders.models import Accreditation, Organisation
from roundtable.stakeholders.organisations import do_create_organisation, do_create_venue_category
from roundtable.translations.api import router as translations_router
from tests.contributions.bulk import bulk_campaigns, bulk_contributions
from tests.processes.scenes import Scene, accredit, group, person, scene
from tests.translations.matrix_cases import OTHER_METHODS, translation_cases, translator_writes

pytestmark = pytest.mark.django_db

RULE_FILE = """\
modality: hearing-{n}
title: Hearing
extends: open-mailing-list
"""

KINDS = (
    "anonymous",
    "signed-in",
    "government-member-state",
    "head-of-delegation",
    "private-sector-sector-member",
    "civil-society",
    "technical-community",
    "intergovernmental",
    "academia",
    "secretariat",
    "operator",
)


@dataclass
class World:
    itu: Scene
    igf: Scene
    people: dict[str, Any]
    tokens: dict[str, str]


def _world() -> World:
    itu = scene(venue_slug="itu", modality="itu-wtpf-multistakeholder", process_slug="wtpf")
    igf = scene(
        venue_slug="igf",
        modality="igf-open-consultation",
        phase_kind="open-consultation",
        process_slug="oc",
    )
    sector = do_create_venue_category(
        actor=Actor.operator("t"),
        venue=itu.venue,
        slug="sector-member",
        name="Sector Member",
        group=group("private-sector"),
    )
    people: dict[str, Any] = {"anonymous": None, "secretariat": itu.secretariat}
    for kind in KINDS[1:9]:
        people[kind] = person(f"{kind}@example.org")
    delegation = do_create_delegation(
        actor=Actor.operator("t"),
        venue=itu.venue,
        slug="fr",
        name="France",
        head=people["head-of-delegation"],
    )
    for kind, grp, category in [
        ("government-member-state", "government", itu.member_state),
        ("head-of-delegation", "government", itu.member_state),
        ("private-sector-sector-member", "private-sector", sector),
        ("civil-society", "civil-society", None),
        ("technical-community", "technical-community", None),
        ("intergovernmental", "intergovernmental", None),
        ("academia", "academia", None),
    ]:
        extra = {"delegation": delegation} if kind.startswith(("government", "head")) else {}
        accredit(people[kind], itu.venue, grp, category=category, **extra)
        accredit(people[kind], igf.venue, grp)
    operator = person("operator@example.org")
    operator.is_superuser = True  # the operator; `is_staff` alone is no role at any venue
    operator.save()
    people["operator"] = operator
    tokens = {
        k: do_create_token(actor=Actor.person(u), name="m")[1]
        for k, u in people.items()
        if u is not None
    }
    return World(itu, igf, people, tokens)


def coalition_in_review(world: World, *, founders: Any, approve: bool) -> Coalition:
    """A fresh founding request at ITU by `founders` (the civil-society person: coordinator)
    with two others of other groups; approved by the secretariat when `approve`."""
    n = Coalition.objects.count()
    coalition = do_request_founding(
        actor=Actor.person(founders), venue=world.itu.venue, name=f"DC fixture {n}",
        statement_of_need="n", action_plan="p", contacts="c",
        founders=[
            Founder(founders, group("civil-society")),
            Founder(world.people["academia"], group("academia")),
            Founder(world.people["technical-community"], group("technical-community")),
        ],
    )  # fmt: skip
    if approve:
        do_review_founding(
            actor=Actor.person(world.itu.secretariat), coalition=coalition, approve=True
        )
    return coalition


def _post(
    client: Client,
    world: World,
    kind: str,
    url: str,
    payload: dict[str, Any] | None = None,
    method: str = "post",
) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[kind]}"} if kind in world.tokens else {}
    send = getattr(client, method)
    return send(url, payload or {}, content_type="application/json", **headers)


def _check(response: Any, allowed: bool, label: str, success: int = 201) -> None:
    expected = success if allowed else 403
    assert response.status_code == expected, (
        f"{label}: {response.status_code} {response.content[:300]!r}"
    )
    if not allowed:
        error = response.json()["error"]
        assert error["code"] == "forbidden" and error["rule"], label


def test_every_write_endpoint_against_the_engine(client: Client) -> None:
    world = _world()
    author = world.people["civil-society"]
    other_venue = do_create_venue(
        actor=Actor.operator("t"),
        slug="other",
        name="Other",
        default_modality="igf-open-consultation",
    )
    requester = person("requester@example.org")
    # Who the participant-administration endpoints name as head or member: accredited at both
    # venues, out of every delegation before each attempt.
    candidate = person("candidate@example.org")
    accredit(candidate, world.itu.venue, "government")
    accredit(candidate, world.igf.venue, "government")
    serial = count(1)
    checked: set[str] = set()

    def process_cases(
        s: Scene,
    ) -> list[tuple[str, str, str, dict[str, Any], Callable[[], tuple[str, dict[str, Any]]]]]:
        where = situation(s.process)
        venue = {"venue": s.venue.slug}

        def phase() -> tuple[str, dict[str, Any]]:
            year = 2100 + next(serial)
            return f"/api/processes/{s.venue.slug}/{s.process.slug}/phases", {
                "kind": "adoption",
                "title": "p",
                "starts_on": f"{year}-01-01",
                "ends_on": f"{year}-01-02",
            }

        def call() -> tuple[str, dict[str, Any]]:
            now = timezone.now()
            return f"/api/processes/{s.venue.slug}/{s.process.slug}/calls", {
                "title": "c",
                "opens_at": now.isoformat(),
                "closes_at": (now + timedelta(days=1)).isoformat(),
            }

        def submit() -> tuple[str, dict[str, Any]]:
            return f"/api/calls/{s.call.pk}/contributions", {
                "title": "t",
                "body": "a short input",
                "language": "en",
            }

        def fresh_contribution() -> Any:
            return do_submit_contribution(
                actor=Actor.person(author), call=s.call, title="x", body="y", language="en"
            )

        def comment() -> tuple[str, dict[str, Any]]:
            return f"/api/contributions/{fresh_contribution().pk}/comments", {"body": "a comment"}

        def mark() -> tuple[str, dict[str, Any]]:
            # A mark is a comment in short form: the same right, under the process's modality.
            made = do_add_statement(actor=Actor.person(s.secretariat), call=s.call, text="S")
            return f"/api/statements/{made.pk}/mark", {"mark": "agree"}

        def hide() -> tuple[str, dict[str, Any]]:
            return f"/api/contributions/{fresh_contribution().pk}/hide", {"reason": "off topic"}

        def decide_request() -> tuple[str, dict[str, Any]]:
            Accreditation.objects.filter(user=requester, venue=s.venue, status="pending").delete()
            pending = do_request_accreditation(
                actor=Actor.person(requester), venue=s.venue, group=group("academia")
            )
            return f"/api/accreditations/{pending.pk}/decision", {"approve": False, "reason": "no"}

        def fresh_delegation(*, member: bool = False) -> str:
            Accreditation.objects.filter(user=candidate).update(delegation=None)
            n = next(serial)
            made = do_create_delegation(
                actor=Actor.operator("t"), venue=s.venue, slug=f"d{n}", name=f"D{n}"
            )
            if member:
                do_add_delegation_member(actor=Actor.operator("t"), delegation=made, user=candidate)
            return f"/api/venues/{s.venue.slug}/delegations/{made.slug}"

        def organisation() -> tuple[str, dict[str, Any]]:
            n = next(serial)
            return f"/api/venues/{s.venue.slug}/organisations", {"slug": f"o{n}", "name": "O"}

        def category() -> tuple[str, dict[str, Any]]:
            return f"/api/venues/{s.venue.slug}/categories", {
                "slug": f"c{next(serial)}",
                "name": "C",
                "group": "academia",
            }

        def delegation() -> tuple[str, dict[str, Any]]:
            return f"/api/venues/{s.venue.slug}/delegations", {
                "slug": f"n{next(serial)}",
                "name": "N",
            }

        def head() -> tuple[str, dict[str, Any]]:
            return f"{fresh_delegation()}/head", {"head": candidate.email}

        def add_member() -> tuple[str, dict[str, Any]]:
            return f"{fresh_delegation()}/members", {"email": candidate.email}

        def remove_member() -> tuple[str, dict[str, Any]]:
            return f"{fresh_delegation(member=True)}/members/{candidate.email}", {}

        def new_process() -> tuple[str, dict[str, Any]]:
            return f"/api/venues/{s.venue.slug}/processes", {
                "slug": f"p{next(serial)}",
                "title": "A process",
                "summary": "Texte",
                "language": "fr",
                "modality": "open-mailing-list",
            }

        def rule_file() -> tuple[str, dict[str, Any]]:
            return f"/api/venues/{s.venue.slug}/rule-files", {
                "text": RULE_FILE.format(n=next(serial)),
                "filename": "hearing.yaml",
            }

        def role() -> tuple[str, dict[str, Any]]:
            someone = person(f"role{next(serial)}@example.org")
            return f"/api/venues/{s.venue.slug}/roles", {
                "email": someone.email,
                "role": "moderator",
            }

        def fresh_phase(today: bool = False) -> Any:
            n = next(serial)
            process = do_create_process(
                actor=Actor.operator("t"), venue=s.venue, slug=f"f{n}", title="F"
            )
            start = timezone.now().date() if today else timezone.now().date().replace(year=2200)
            return do_add_phase(actor=Actor.operator("t"), process=process, kind="drafting", title="F",
                                starts_on=start, ends_on=start + timedelta(days=5))  # fmt: skip

        def move_phase() -> tuple[str, dict[str, Any]]:
            made = fresh_phase()
            url = f"/api/processes/{s.venue.slug}/{made.process.slug}/phases/{made.pk}"
            return url, {"starts_on": "2201-01-01", "ends_on": "2201-02-01", "title": "Moved"}

        def close_phase() -> tuple[str, dict[str, Any]]:
            made = fresh_phase(today=True)
            return f"/api/processes/{s.venue.slug}/{made.process.slug}/phases/{made.pk}/close", {}

        def close_call() -> tuple[str, dict[str, Any]]:
            now = timezone.now()
            made = do_open_call(actor=Actor.operator("t"), process=s.process, title="c",
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))  # fmt: skip
            return f"/api/calls/{made.pk}/close", {}

        def extend_call() -> tuple[str, dict[str, Any]]:
            # Time rules (issue 12): an extension with its reason, right `manage_process`.
            now = timezone.now()
            made = do_open_call(actor=Actor.operator("t"), process=s.process, title="c",
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))  # fmt: skip
            return f"/api/calls/{made.pk}/extend", {
                "closes_at": (now + timedelta(days=9)).isoformat(),
                "reason": "More time was asked for",
            }

        # Campaign corrections (issue 17) are recorded and regrouped later by a task, so the
        # same two campaigns serve every attempt.
        now = timezone.now()
        campaign_call = do_open_call(actor=Actor.operator("t"), process=s.process, title="c",
                                     opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))  # fmt: skip
        bulk_contributions(campaign_call, world.people["civil-society"], 4)
        campaigns = [c.members.order_by("pk").values_list("contribution_id", flat=True)
                     for c in bulk_campaigns(campaign_call, [2, 2])]  # fmt: skip

        def split_campaign() -> tuple[str, dict[str, Any]]:
            return f"/api/campaigns/{campaigns[0][0]}/split", {"member": campaigns[0][1]}

        def merge_campaigns() -> tuple[str, dict[str, Any]]:
            return "/api/campaigns/merge", {"campaign": campaigns[0][0], "other": campaigns[1][0]}

        def fresh_organisation() -> str:
            n = next(serial)
            made = do_create_organisation(
                actor=Actor.operator("t"), slug=f"org{n}", name=f"Org {n}", group=None
            )
            return made.slug

        def org_status() -> tuple[str, dict[str, Any]]:
            return f"/api/venues/{s.venue.slug}/organisations/{fresh_organisation()}/status", {
                "basis": "itu-sector-member",
                "group": "private-sector",
            }

        def focal_point() -> tuple[str, dict[str, Any]]:
            return (
                f"/api/venues/{s.venue.slug}/organisations/{fresh_organisation()}/focal-points",
                {"email": candidate.email},
            )

        def answer_claim() -> tuple[str, dict[str, Any]]:
            org = Organisation.objects.get(slug=fresh_organisation())
            claim = do_claim_affiliation(
                actor=Actor.person(requester), organisation=org, venue=s.venue
            )
            return f"/api/claims/{claim.pk}/answer", {"confirm": False, "reason": "not ours"}

        manage = ("manage_participants", PARTICIPATION, venue)
        # Fresh delegations have no head: only the secretariat keeps their members here; the
        # head's own case is in tests/stakeholders/test_belonging.py.
        members = ("manage_delegation_members", PARTICIPATION, venue)
        return [
            ("create_process", "manage_process", PARTICIPATION, venue, new_process),
            ("upload_rule_file", "manage_process", PARTICIPATION, venue, rule_file),
            ("assign_role", "assign_roles", PARTICIPATION, venue, role),
            ("update_phase", "manage_process", PARTICIPATION, venue, move_phase),
            ("close_phase", "manage_process", PARTICIPATION, venue, close_phase),
            ("close_call", "manage_process", PARTICIPATION, venue, close_call),
            ("extend_call", "manage_process", PARTICIPATION, venue, extend_call),
            ("split_campaign", "manage_process", PARTICIPATION, venue, split_campaign),
            ("merge_campaigns", "manage_process", PARTICIPATION, venue, merge_campaigns),
            ("set_status", *manage, org_status),
            ("designate_focal_point", *manage, focal_point),
            ("answer_claim", "confirm_affiliation", PARTICIPATION, venue, answer_claim),
            ("create_organisation", *manage, organisation),
            ("create_category", *manage, category),
            ("create_delegation", *manage, delegation),
            ("set_delegation_head", *manage, head),
            ("add_delegation_member", *members, add_member),
            ("remove_delegation_member", *members, remove_member),
            ("add_phase", "manage_process", PARTICIPATION, venue, phase),
            ("open_call", "manage_process", PARTICIPATION, venue, call),
            ("submit_contribution", "submit_input", where.modality, where.context, submit),
            ("comment", "comment", where.modality, where.context, comment),
            ("mark_statement", "comment", where.modality, where.context, mark),
            ("hide", "moderate", PARTICIPATION, venue, hide),
            ("decide_accreditation", "decide_accreditation", PARTICIPATION, venue, decide_request),
            ("switch_machine_translation", "switch_machine_translation", PARTICIPATION, venue,
             lambda: (f"/api/venues/{s.venue.slug}/machine-translation", {"enabled": True})),
        ]  # fmt: skip

    def request_accreditation() -> tuple[str, dict[str, Any]]:
        Accreditation.objects.filter(venue=other_venue).delete()
        return "/api/venues/other/accreditations", {"group": "academia"}

    def new_venue() -> tuple[str, dict[str, Any]]:
        return "/api/venues", {
            "slug": f"v{next(serial)}",
            "name": "A venue",
            "default_modality": "open-mailing-list",
            "language": "ar",
            "description": "منتدى",
        }

    itu = {"venue": "itu"}
    founders = [
        {"email": f"{k}@example.org", "group": g}
        for k, g in zip(KINDS[1:9], ["civil-society", "government", "academia"] * 3, strict=False)
    ] + [
        {"email": world.itu.secretariat.email, "group": "intergovernmental"},
        {"email": "operator@example.org", "group": "technical-community"},
    ]
    standing_coalition = coalition_in_review(world, founders=author, approve=True)
    coalition_url = f"/api/venues/itu/coalitions/{standing_coalition.slug}"

    def found() -> tuple[str, dict[str, Any]]:
        return "/api/venues/itu/coalitions", {
            "name": f"Dynamic Coalition {next(serial)}",
            "statement_of_need": "Need",
            "action_plan": "Plan",
            "contacts": "c@example.org",
            "founders": founders,
        }

    def review() -> tuple[str, dict[str, Any]]:
        fresh = coalition_in_review(world, founders=author, approve=False)
        return f"/api/venues/itu/coalitions/{fresh.slug}/review", {"approve": False, "reason": "no"}

    def report_date() -> tuple[str, dict[str, Any]]:
        return "/api/venues/itu/coalition-report-dates", {
            "due_on": f"2030-01-{next(serial) % 28 + 1:02d}"
        }

    coalition_cases = [
        ("found_coalition", "found_coalition", COALITIONS, itu, found),
        ("review_coalition", "review_coalition", COALITIONS, itu, review),
        ("join_coalition", "join_coalition", COALITIONS, itu,
         lambda: (coalition_url + "/members", {"group": "academia"})),
        ("leave_coalition", "join_coalition", COALITIONS, itu,
         lambda: (coalition_url + "/members", {})),
        ("revive_coalition", "review_coalition", COALITIONS, itu,
         lambda: (coalition_url + "/revival", {"reason": "Back at work"})),
        ("set_coalition_report_date", "review_coalition", COALITIONS, itu, report_date),
    ]  # fmt: skip
    cases = [
        *coalition_cases,
        *translation_cases(world.itu, serial),
        ("create_venue", "create_venue", "platform", {}, new_venue),
        *process_cases(world.itu),
        *process_cases(world.igf),
        (
            "request_accreditation",
            "request_accreditation",
            PARTICIPATION,
            {"venue": "other"},
            request_accreditation,
        ),
    ]
    # Writes that are not a POST answering 201: their method and success status.
    other_methods = {
        "remove_delegation_member": ("delete", 200),
        "update_phase": ("patch", 200),
        "close_phase": ("post", 200),
        "close_call": ("post", 200),
        "extend_call": ("post", 200),
        "split_campaign": ("post", 202),
        "merge_campaigns": ("post", 202),
        "leave_coalition": ("delete", 200),
        "switch_machine_translation": ("post", 200),
        **OTHER_METHODS,
    }
    outcomes: dict[str, set[bool]] = {}
    for endpoint, right, modality, context, make in cases:
        method, success = other_methods.get(endpoint, ("post", 201))
        for kind in KINDS:
            decision = decide(world.people[kind], right=right, modality=modality, context=context)
            url, payload = make()
            _check(
                _post(client, world, kind, url, payload, method=method),
                decision.allowed,
                f"{endpoint} as {kind} ({modality})",
                success,
            )
            outcomes.setdefault(endpoint, set()).add(decision.allowed)
            checked.add(endpoint)

    # Withdrawal: the door with the fact `is-author` (anonymous: 401 before any door).
    for kind in KINDS:
        made = do_submit_contribution(
            actor=Actor.person(author), call=world.itu.call, title="w", body="w", language="en"
        )
        facts = {"is-author"} if world.people[kind] == author else set()
        allowed = decide(
            world.people[kind],
            right="withdraw_contribution",
            modality="platform",
            context={"facts": facts},
        ).allowed
        assert allowed == (kind == "civil-society"), kind
        response = _post(client, world, kind, f"/api/contributions/{made.pk}/withdraw")
        if kind == "anonymous":
            assert response.status_code == 401
        else:
            _check(response, allowed, f"withdraw as {kind}")
    checked.add("withdraw")

    # A coalition's report: the door with the fact `coalition-coordinator` (its founder; the
    # coalition above lost its members to the leave_coalition case).
    reported = coalition_in_review(world, founders=author, approve=True)
    for kind in KINDS:
        facts = {"coalition-coordinator"} if world.people[kind] == author else set()
        allowed = decide(
            world.people[kind], right="file_coalition_report", modality=COALITIONS,
            context={"venue": "itu", "facts": facts},
        ).allowed  # fmt: skip
        response = _post(
            client,
            world,
            kind,
            f"/api/venues/itu/coalitions/{reported.slug}/reports",
            {"text": "Y"},
        )
        _check(response, allowed, f"file_coalition_report as {kind}")
        outcomes.setdefault("file_coalition_report", set()).add(allowed)
    checked.add("file_coalition_report")

    # The translator's writes: no right but the assignment (to the academic here); the others
    # are refused (403; anonymous: 401 or 403).
    for kind in KINDS:
        for endpoint, url, payload, success in translator_writes(
            world.itu, serial, world.people["academia"]
        ):
            response = _post(client, world, kind, url, payload)
            expected = {success} if kind == "academia" else {403, 401}
            assert response.status_code in expected, f"{endpoint} as {kind}: {response.content!r}"
            checked.add(endpoint)

    # Every write endpoint of the API is covered, and each was both allowed and refused somewhere.
    from roundtable.contributions.api import router as calls_router
    from roundtable.processes.api import router as setup_router

    writes = {
        operation.view_func.__name__
        for router in (
            api.default_router,
            setup_router,
            calls_router,
            belonging_router,
            delegation_router,
            agreement_router,
            coalitions_router,
            translations_router,
            campaigns_router,
            machinetranslation_router,
        )
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if set(operation.methods) & {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert writes == checked, writes ^ checked
    for endpoint, seen in outcomes.items():
        assert seen == {True, False}, (
            f"{endpoint} was never {'refused' if True in seen else 'allowed'}"
        )


def test_own_token_routes_for_every_standing(client: Client) -> None:
    """`/api/me/tokens` (list, create, revoke) asks the door for `observe` on the platform and
    needs a person: every standing that is someone manages exactly their own tokens; anonymous
    gets 401; another person's token id is 404, as if it did not exist."""
    world = _world()
    others = {k: ApiToken.objects.filter(user=u).first() for k, u in world.people.items() if u}
    for kind in KINDS:
        someone = world.people[kind]
        observe = decide(someone, right="observe", modality="platform", context={})
        allowed = observe.allowed and someone is not None
        listed = _post(client, world, kind, "/api/me/tokens", method="get")
        created = _post(client, world, kind, "/api/me/tokens", {"name": f"t-{kind}"})
        if someone is None:
            assert (listed.status_code, created.status_code) == (401, 401), kind
            continue
        assert listed.status_code == (200 if allowed else 403), kind
        _check(created, allowed, f"create_token as {kind}")
        mine = ApiToken.objects.get(user=someone, name=f"t-{kind}")
        assert [t["id"] for t in listed.json()] == [others[kind].pk], kind
        stranger = next(t for k, t in others.items() if k != kind)
        foreign = _post(client, world, kind, f"/api/me/tokens/{stranger.pk}", method="delete")
        assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "not_found", kind
        revoked = _post(client, world, kind, f"/api/me/tokens/{mine.pk}", method="delete")
        _check(revoked, allowed, f"revoke_token as {kind}", success=200)
        again = _post(client, world, kind, f"/api/me/tokens/{mine.pk}", method="delete")
        assert again.status_code == 409 and again.json()["error"]["code"] == "revoked", kind
    anonymous = _post(client, world, "anonymous", f"/api/me/tokens/{others['operator'].pk}",
                      method="delete")  # fmt: skip
    assert anonymous.status_code == 401
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == len(KINDS) - 1
    routes = {
        operation.view_func.__name__
        for path_view in tokens_router.path_operations.values()
        for operation in path_view.operations
    }
    assert routes == {"my_tokens", "create_token", "revoke_token"}
