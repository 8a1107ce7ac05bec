"""Reads for adoptions, outcomes and follow-up. Secret ballots: who voted how is never read
out; only the counts (and who took part) are."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from roundtable.drafting.models import Document
from roundtable.modalities.appeals import step_fact
from roundtable.modalities.procedures import GNSO_LEVELS, PLAIN_LEVELS, ROUGH_LEVELS
from roundtable.outputs import fulltext
from roundtable.permissions.door import decide, get_modality, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.permissions.vocabulary import label
from roundtable.processes.models import Process
from roundtable.processes.queries import observable_process_ids
from roundtable.processes.reading import (
    PUBLIC_RECORD,
    audience_facts,
    may_observe,
    observable_ids,
    require_observe,
)
from roundtable.stakeholders.models import Accreditation, Delegation
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from . import tally_words
from .ballots import procedure_for
from .models import (
    OUTCOME_TEXT,
    Adoption,
    Appeal,
    AppealDecision,
    FollowUp,
    MinorityStatement,
    Outcome,
    Position,
    ProgressNote,
)


def _require(viewer: Any, process: Process, document: Document | None) -> None:
    """`Denied` unless the viewer may observe the process (and the document it is about)."""
    facts = audience_facts(document.audience) if document is not None else (PUBLIC_RECORD,)
    require_observe(viewer, process, facts=facts)


def list_adoptions(*, viewer: Any, document: Document) -> QuerySet[Adoption]:
    """Adoptions of a document that came from `get_document` (checked there)."""
    return Adoption.objects.filter(document=document).select_related("version")


def get_adoption(*, viewer: Any, pk: int) -> Adoption:
    found = get_object_or_404(
        # phases: every door question about the process reads its current phase
        Adoption.objects.select_related("process__venue", "document", "version").prefetch_related(
            "process__phases"
        ),
        pk=pk,
    )
    _require(viewer, found.process, found.document)
    return found


def list_positions(*, viewer: Any, adoption: Adoption) -> list[Position]:
    """Positions in the order taken. For a secret ballot, the rows carry no position."""
    rows = list(
        adoption.positions.select_related("user__profile", "cast_by__profile").order_by(
            "created_at", "id"
        )
    )
    if adoption.secret:
        for row in rows:
            row.position = ""
            row.text = ""  # never a text beside a secret voter (rows from before, too)
    return rows


def list_anonymous_statements(*, viewer: Any, adoption: Adoption) -> list[str]:
    """Statements of secret voters, published without attribution, in alphabetical order."""
    return list(adoption.anonymous_statements.values_list("text", flat=True))


def designation_levels(adoption: Adoption) -> tuple[str, ...]:
    if adoption.kind == "rough-consensus":
        return ROUGH_LEVELS
    if adoption.kind == "consensus":
        return GNSO_LEVELS if procedure_for(adoption).levels == "gnso" else PLAIN_LEVELS
    return ()


def _observable_outcomes(viewer: Any, found: QuerySet[Outcome]) -> QuerySet[Outcome]:
    """Leave out outcomes of processes, or of members-only documents, the viewer may not
    observe (one engine call per process)."""
    processes = (
        Process.objects.filter(outcomes__in=found)
        .distinct()
        .select_related("venue")
        .prefetch_related("phases")
    )
    shown = observable_ids(viewer, processes)
    members = {
        p.pk
        for p in processes
        if p.pk in shown and may_observe(viewer, p, facts=audience_facts(Document.Audience.MEMBERS))
    }
    return found.filter(process__in=shown).exclude(
        Q(document__audience=Document.Audience.MEMBERS) & ~Q(process__in=members)
    )


def list_outcomes(*, viewer: Any, document: Document | None = None) -> QuerySet[Outcome]:
    found = Outcome.objects.select_related("version", "process__venue")
    found = found.filter(document=document) if document is not None else found
    return _observable_outcomes(viewer, found)


def list_process_outcomes(*, viewer: Any, process: Process) -> QuerySet[Outcome]:
    found = Outcome.objects.filter(process=process).select_related("version")
    return _observable_outcomes(viewer, found)


def get_outcome(*, viewer: Any, pk: int) -> Outcome:
    found = get_object_or_404(
        Outcome.objects.select_related(
            "process__venue", "adoption", "version", "document"
        ).prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.prefetch_related(
                    Prefetch("notes", queryset=ProgressNote.objects.select_related("author"))
                ),
            ),
            # Their authors are named (api.statement_json): one query, not one each.
            Prefetch(
                "adoption__minority_statements",
                queryset=MinorityStatement.objects.select_related("author__profile"),
            ),
        ),
        pk=pk,
    )
    _require(viewer, found.process, found.document)
    return found


def get_follow_up(*, viewer: Any, pk: int) -> FollowUp:
    found = get_object_or_404(
        FollowUp.objects.select_related("outcome__process__venue", "outcome__document"), pk=pk
    )
    _require(viewer, found.outcome.process, found.outcome.document)
    return found


def list_follow_ups(*, viewer: Any, venue: Venue) -> QuerySet[FollowUp]:
    """The venue-wide tracker: every action arising from the outcomes the viewer may see."""
    outcomes = _observable_outcomes(viewer, Outcome.objects.filter(process__venue=venue))
    return (
        FollowUp.objects.filter(outcome__in=outcomes)
        .select_related("outcome__process")
        .prefetch_related("notes")
        .order_by("status", "due_on", "id")
    )


def voter_names(adoption: Adoption) -> dict[str, str]:
    """Voter keys to the names shown (never for a secret ballot): a person by display name, a
    delegation by its name and the person who spoke for it."""
    if adoption.secret:
        return {}
    positions = list(adoption.positions.select_related("user__profile", "cast_by__profile"))
    slugs = [
        p.voter_key.split(":", 1)[1] for p in positions if p.voter_key.startswith("delegation:")
    ]
    delegations = dict(
        Delegation.objects.filter(venue=adoption.process.venue, slug__in=slugs).values_list(
            "slug", "name"
        )
    )
    names: dict[str, str] = {}
    for p in positions:
        name = public_name(p.user)
        kind, _sep, key = p.voter_key.partition(":")
        if kind == "delegation":
            delegation = delegations.get(key, key)
            name = name if delegation in name else f"{delegation} ({name})"
        names[p.voter_key] = name
        if p.cast_by is not None:  # a proxy or alternate, named in the tally as who cast it
            holder = getattr(p.cast_by, "profile", None)
            names[f"user:{p.cast_by_id}"] = (
                holder.display_name if holder is not None else f"#{p.cast_by_id}"
            )
    return names


def readable_tally(result: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The stored tally in the reader's language: voters by name, its summary written from the
    data, its numbers as labelled rows, chambers and tests in words (see tally_words.py)."""

    def name(key: str) -> str:
        return names.get(key) or _("a participant")

    arithmetic = result.get("arithmetic", {})
    return {
        **result,
        "summary": tally_words.summary(result, name),
        "rows": tally_words.rows(arithmetic, name),
        "chambers": [
            {**c, "label": label("chamber", str(c["chamber"]))}
            for c in arithmetic.get("chambers", [])
        ],
        "alternatives": [
            {**alt, "words": tally_words.alternative_words(alt)}
            for alt in arithmetic.get("alternatives", [])
        ],
        "groups": [
            {**g, "label": label("stakeholder-group", str(g["group"]))}
            for g in arithmetic.get("stakeholder_groups", [])
        ],
        "quorum": tally_words.quorum_words(arithmetic["quorum_check"])
        if arithmetic.get("quorum_check")
        else "",
        "quorum_rule": (arithmetic.get("quorum_check") or {}).get("rule", ""),
        "quorum_met": bool((arithmetic.get("quorum_check") or {}).get("met", True)),
        "remedies": tally_words.remedy_words(arithmetic, name),
    }


def list_open_adoptions(
    *,
    viewer: Any,
    now: datetime | None = None,
    limit: int = 10,
    observable: list[int] | None = None,
) -> list[Adoption]:
    """Adoptions under way (not concluded) in processes the viewer may observe, closing soonest
    first. `observable`: the viewer's observable process ids, when the page already asked the
    door for them (`observable_process_ids`)."""
    if observable is None:
        observable = observable_process_ids(viewer=viewer, now=now)
    return list(
        Adoption.objects.filter(
            process__in=observable,
            status=Adoption.Status.OPEN,
        )
        .select_related("process__venue", "document", "version")
        .order_by("closes_at", "id")[:limit]
    )


def search_outcomes(
    *,
    viewer: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    processes: list[int] | None = None,
) -> list[fulltext.Found]:
    """Outcomes whose title or summary matches `text` (words, "phrases"), in processes the
    viewer may observe, newest first; bounded like every full-text search."""
    if processes is None:
        processes = observable_process_ids(viewer=viewer)
    if not processes or not text.strip():
        return []
    marks = ",".join("%s" for _ in processes)
    found = fulltext.found(
        OUTCOME_TEXT,
        text=text,
        shown={
            "title": "t.title",
            "kind": "t.kind",
            "recorded_at": "t.recorded_at",
            "process_title": "p.title",
        },
        shown_join=f"JOIN {Process._meta.db_table} p ON p.id = t.process_id",
        where=f"t.process_id IN ({marks})",
        params=processes,
        limit=limit,
        offset=offset,
        moments=("recorded_at",),
    )
    kinds = dict(Outcome.Kind.choices)
    for row in found:
        row.kind_label = kinds.get(row.kind, row.kind)
    return found


def list_appeals(*, viewer: Any, adoption: Adoption) -> list[Appeal]:
    """The appeals of an adoption that came from `get_adoption` (checked there), each with
    its steps' decisions: appeals and their reasons are part of the public record."""
    return list(
        adoption.appeals.select_related("appellant__profile").prefetch_related(
            Prefetch(
                "decisions",
                queryset=AppealDecision.objects.select_related("decided_by__profile"),
            )
        )
    )


def get_appeal(*, viewer: Any, pk: int) -> Appeal:
    found = get_object_or_404(
        Appeal.objects.select_related(
            "adoption__process__venue", "adoption__document", "accreditation__venue"
        ),
        pk=pk,
    )
    if found.adoption is not None:
        _require(viewer, found.adoption.process, found.adoption.document)
    elif found.accreditation is not None:
        require_refusal_reader(viewer, found.accreditation)
    return found


def require_refusal_reader(viewer: Any, accreditation: Accreditation) -> None:
    """A refusal and its appeals are read by the person refused, by whoever may decide the
    appeal at some step of the venue's chain, and by whoever decides the venue's requests;
    `Denied` (naming the rule) for anyone else."""
    if getattr(viewer, "pk", None) == accreditation.user_id:
        return
    modality = accreditation.venue.default_modality
    chain = get_modality(modality).appeals
    for step in chain.steps if chain is not None else ():
        context = {"venue": accreditation.venue.slug, "facts": frozenset({step_fact(step.name)})}
        if decide(viewer, right="decide_appeal", modality=modality, context=context).allowed:
            return
    require(
        viewer,
        right="decide_accreditation",
        modality=PARTICIPATION,
        context={"venue": accreditation.venue.slug},
    )


def get_refused_accreditation(*, viewer: Any, pk: int) -> Accreditation:
    """An accreditation whose refusal the viewer may read (see `require_refusal_reader`)."""
    found = get_object_or_404(
        Accreditation.objects.select_related("venue", "user__profile", "group"), pk=pk
    )
    require_refusal_reader(viewer, found)
    return found


def list_refusal_appeals(*, viewer: Any, accreditation: Accreditation) -> list[Appeal]:
    """The appeals of a refusal that came from `get_refused_accreditation` (checked there)."""
    return list(
        Appeal.objects.filter(accreditation=accreditation)
        .select_related("appellant__profile", "accreditation__venue")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=AppealDecision.objects.select_related("decided_by__profile"),
            )
        )
    )
