"""Adoption, outcome and follow-up pages. Each asks the door; refusals show the reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.contributions.rendering import render_markdown
from roundtable.drafting.authority import decide_for
from roundtable.drafting.queries import get_document
from roundtable.modalities import Procedure
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require
from roundtable.processes.queries import get_process
from roundtable.stakeholders.disclosures import statements_beside, unmet
from roundtable.venues.queries import get_venue

from . import actions, outcomes, positions
from .appeal_views import act_on_appeal, appeal_context
from .ballots import CONSENSUS_KINDS, current_tally, procedure_for, voter_key
from .forms import (
    ConcludeForm,
    FollowUpForm,
    MarkForm,
    OpenForm,
    PositionForm,
    ProgressForm,
    StatementForm,
    SummaryForm,
)
from .models import Adoption, FollowUp, Position
from .queries import (
    designation_levels,
    get_adoption,
    get_outcome,
    list_anonymous_statements,
    list_follow_ups,
    list_positions,
    list_process_outcomes,
    readable_tally,
    voter_names,
)
from .remedy_pages import ACTIONS as REMEDY_ACTIONS
from .remedy_pages import act_remedy, remedy_context


def _observe(request: HttpRequest) -> Actor:
    """The request's actor, once the platform lets it observe at all."""
    actor = Actor.of_request(request)
    require(actor, right="observe", modality="platform")
    return actor


def open_adoption(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _observe(request)
    document = get_document(viewer=request.user, pk=pk)
    process = document.process
    run = decide_for(actor, right="run_adoption", process=process)
    refusal = ""
    modality_name = ""
    offered: list[Procedure] = []
    try:
        modality_name, _phase, default = actions.adoptable_procedure(process)
        offered = [default] + [
            p
            for p in get_modality(modality_name).procedures
            if p.kind != "none" and p.name != default.name
        ]
    except ValidationError as exc:
        refusal = " ".join(exc.messages)
    form = OpenForm(
        request.POST or None,
        procedures=[
            (p.name, f"{p.name}: {p.description}" if p.description else p.name) for p in offered
        ],
    )
    if request.method == "POST" and form.is_valid():
        try:
            # Public or secret is the procedure's setting: the form offers no choice.
            adoption = actions.check_open_adoption(
                actor=actor,
                document=document,
                procedure=form.cleaned_data["procedure"],
                closes_at=form.cleaned_data["closes_at"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Adoption opened."))
            return redirect("decisions:adoption", adoption.pk)
    return render(
        request,
        "decisions/open.html",
        {
            "document": document,
            "process": process,
            "run": run,
            "form": form,
            "refusal": refusal,
            "modality": modality_name,
            "ballots": [(p.name, p.secret) for p in offered if p.is_vote],
        },
    )


def adoption(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _observe(request)
    found = get_adoption(viewer=request.user, pk=pk)
    process = found.process
    if request.method == "POST":
        try:
            _act(request, actor, found)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
        return redirect("decisions:adoption", found.pk)
    right = "decide" if found.kind in CONSENSUS_KINDS else "vote"
    take = decide_for(actor, right=right, process=process)
    mine = None
    if actor.user is not None and take.allowed:
        mine = Position.objects.filter(
            adoption=found, voter_key=voter_key(actor.user, take.standing)
        ).first()
    live = None
    if not found.secret or found.status == found.Status.CONCLUDED:
        live = readable_tally(found.result or current_tally(found).to_json(), voter_names(found))
    paragraphs = [(p, render_markdown(p.text)) for p in found.version.paragraphs.order_by("number")]
    positions = list_positions(viewer=request.user, adoption=found)
    anonymous_allowed = found.secret and procedure_for(found).anonymous_statements
    return render(
        request,
        "decisions/adoption.html",
        {
            "adoption": found,
            "process": process,
            "document": found.document,
            "paragraphs": paragraphs,
            "positions": positions,
            "objections": [p for p in positions if p.position in ("object", "no")],
            "take": take,
            "mine": mine,
            "choices": _choices(found),
            "run": decide_for(actor, right="run_adoption", process=process),
            "judge": decide_for(
                actor,
                right="judge_consensus" if not found.is_vote else "run_adoption",
                process=process,
            ),
            "levels": designation_levels(found),
            "live": live,
            "open": found.status == found.Status.OPEN and timezone.now() < found.closes_at,
            "statements": found.minority_statements.select_related("author"),
            "anonymous_statements": list_anonymous_statements(viewer=request.user, adoption=found),
            "anonymous_allowed": anonymous_allowed,
            # GNSO OP 5.3.1 / BCP 79: statements beside positions, and the way to file one's own.
            "on_file": statements_beside(
                process.venue, process.modality, [p.user_id for p in positions]
            ),
            "needs_statement": take.allowed
            and bool(unmet(take, actor.user, process.venue, timezone.now())),
            **appeal_context(request, actor, found),
            **remedy_context(actor, found, voted=mine is not None),
        },
    )


def _choices(found: object) -> list[tuple[str, str]]:
    if getattr(found, "kind", "") in CONSENSUS_KINDS:
        return [("support", _("Support")), ("object", _("Object")), ("abstain", _("Abstain"))]
    if getattr(found, "kind", "") == "iesg-ballot":
        return [
            ("yes", _("Yes")),
            ("no-objection", _("No objection")),
            ("discuss", _("Discuss")),
            ("abstain", _("Abstain")),
            ("recuse", _("Recuse")),
        ]
    return [("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))]


def _act(request: HttpRequest, actor: Actor, found: Adoption) -> None:
    what = request.POST.get("action") or ""
    if act_on_appeal(request, actor, found, what):
        return
    if what in REMEDY_ACTIONS:
        act_remedy(request, actor, found, str(what))
    elif what == "position":
        taken = PositionForm(request.POST)
        if taken.is_valid():
            positions.check_take_position(
                actor=actor,
                adoption=found,
                position=taken.cleaned_data["position"],
                text=taken.cleaned_data["text"],
                conflict_of_interest=taken.cleaned_data["conflict_of_interest"],
            )
            messages.success(request, _("Your position is recorded."))
    elif what == "close":
        actions.check_close_window(actor=actor, adoption=found)
        messages.success(request, _("The window is closed."))
    elif what == "mark":
        mark = MarkForm(request.POST)
        if mark.is_valid():
            position = get_object_or_404(Position, pk=mark.cleaned_data["position"], adoption=found)
            positions.check_mark_objection(
                actor=actor,
                position=position,
                addressed=mark.cleaned_data["addressed"],
                note=mark.cleaned_data["note"],
            )
            messages.success(request, _("Objection marked."))
    elif what == "conclude":
        conclusion = ConcludeForm(request.POST)
        if conclusion.is_valid():
            done = actions.check_conclude_adoption(
                actor=actor,
                adoption=found,
                designation=conclusion.cleaned_data["designation"],
                note=conclusion.cleaned_data["note"],
            )
            if done.adopted:
                messages.success(request, _("Adopted."))
            else:
                messages.warning(request, _("Not adopted."))
    elif what == "statement":
        statement = StatementForm(request.POST)
        if statement.is_valid():
            positions.check_add_minority_statement(
                actor=actor, adoption=found, text=statement.cleaned_data["text"]
            )
            messages.success(request, _("Minority statement attached."))


def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _observe(request)
    found = get_outcome(viewer=request.user, pk=pk)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "progress":
                progress = ProgressForm(request.POST)
                if progress.is_valid():
                    follow_up = get_object_or_404(
                        found.follow_ups.all(), pk=progress.cleaned_data["follow_up"]
                    )
                    outcomes.check_note_progress(
                        actor=actor,
                        follow_up=follow_up,
                        text=progress.cleaned_data["text"],
                        status=progress.cleaned_data["status"],
                    )
            else:
                added = FollowUpForm(request.POST)
                if added.is_valid():
                    outcomes.check_add_follow_up(
                        actor=actor,
                        outcome=found,
                        title=added.cleaned_data["title"],
                        owner=added.cleaned_data["owner"],
                        due_on=added.cleaned_data["due_on"],
                        paragraphs=added.cleaned_data["paragraphs"].split(","),
                    )
            messages.success(request, _("Follow-up recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("decisions:outcome", found.pk)
    paragraphs = (
        [(p, render_markdown(p.text)) for p in found.version.paragraphs.order_by("number")]
        if found.version
        else []
    )
    return render(
        request,
        "decisions/outcome.html",
        {
            "outcome": found,
            "process": found.process,
            "paragraphs": paragraphs,
            "statements": found.adoption.minority_statements.select_related("author")
            if found.adoption
            else [],
            "result": readable_tally(found.adoption.result, voter_names(found.adoption))
            if found.adoption
            else None,
            "run": decide_for(actor, right="run_adoption", process=found.process),
            "follow_up_form": FollowUpForm(),
            "progress_choices": FollowUp.Status.choices,
        },
    )


def summary(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    """Record a chair's summary or messages (processes that adopt nothing, such as the IGF)."""
    actor = _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    run = decide_for(actor, right="run_adoption", process=found)
    form = SummaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = outcomes.check_record_summary(
                actor=actor,
                process=found,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("decisions:outcome", made.pk)
    return render(
        request,
        "decisions/summary.html",
        {
            "process": found,
            "run": run,
            "form": form,
            "outcomes": list_process_outcomes(viewer=request.user, process=found),
        },
    )


def tracker(request: HttpRequest, venue: str) -> HttpResponse:
    _observe(request)
    found = get_venue(viewer=request.user, slug=venue)
    return render(
        request,
        "decisions/tracker.html",
        {"venue": found, "follow_ups": list_follow_ups(viewer=request.user, venue=found)},
    )
