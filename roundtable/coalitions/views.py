"""The coalition pages: a venue's coalitions by state, a coalition's page, the founding form
and the secretariat's review; each form posts to an action that asks the door. The day the
inactivity rule is read for is the clock's, read here at the edge (`_today`)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.stocktaking.figures import charts
from roundtable.venues.queries import get_venue

from .actions import (
    COALITIONS,
    check_file_report,
    check_join,
    check_leave,
    check_request_founding,
    check_review_founding,
    check_revive,
    check_set_report_date,
)
from .forms import FoundingForm, JoinForm, ReportDateForm, ReportForm, ReviewForm, ReviveForm
from .models import Coalition
from .queries import coalition_activity, get_coalition, list_coalitions, may_review


def _today() -> date:
    return timezone.now().date()


def coalitions(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    actor = Actor.of_request(request)
    return render(
        request,
        "coalitions/list.html",
        {
            "venue": found,
            "buckets": list_coalitions(viewer=actor, venue=found, today=_today()),
            "may_review": may_review(actor, found),
            "date_form": ReportDateForm(),
        },
    )


def found_coalition(request: HttpRequest, venue: str) -> HttpResponse:
    place = get_venue(viewer=request.user, slug=venue)
    actor = Actor.of_request(request)
    decision = decide(actor, right="found_coalition", modality=COALITIONS, context={"venue": venue})
    form = FoundingForm(request.POST or None, asker=request.user)
    status = 200 if decision.allowed else 403
    if request.method == "POST" and decision.allowed:
        status = 400
        if form.is_valid():
            founders = form.founders()
            if form.is_valid():  # the founder rows may have added errors
                try:
                    made = check_request_founding(
                        actor=actor, venue=place, founders=founders,
                        name=form.cleaned_data["name"],
                        statement_of_need=form.cleaned_data["statement_of_need"],
                        action_plan=form.cleaned_data["action_plan"],
                        contacts=form.cleaned_data["contacts"],
                    )  # fmt: skip
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.info(request, _("Your request was sent to the secretariat."))
                    return redirect("coalitions:coalition", place.slug, made.slug)
    return render(
        request,
        "coalitions/found.html",
        {"venue": place, "form": form, "decision": decision},
        status=status,
    )


def coalition(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    place = get_venue(viewer=request.user, slug=venue)
    page = get_coalition(viewer=Actor.of_request(request), venue=place, slug=slug, today=_today())
    activity = coalition_activity(viewer=request, coalition=page.state.coalition)
    return render(
        request,
        "coalitions/coalition.html",
        {
            "venue": place,
            "page": page,
            "coalition": page.state.coalition,
            "activity_charts": charts(activity) if activity is not None else [],
            "review_form": ReviewForm(),
            "join_form": JoinForm(),
            "report_form": ReportForm(),
            "revive_form": ReviveForm(),
        },
    )


def _target(venue: str, slug: str) -> Coalition:
    return get_object_or_404(
        Coalition.objects.select_related("venue"), venue__slug=venue, slug=slug
    )


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_POST
def review(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    form = ReviewForm(request.POST)
    target = _target(venue, slug)
    if not form.is_valid():
        messages.error(request, _("Choose approve or decline."))
    else:
        try:
            check_review_founding(
                actor=Actor.of_request(request), coalition=target,
                approve=form.cleaned_data["approve"], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("coalitions:coalition", venue, slug)


@require_POST
def join(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    form = JoinForm(request.POST)
    target = _target(venue, slug)
    if not form.is_valid():
        messages.error(request, _("Choose your stakeholder group."))
    else:
        try:
            check_join(
                actor=Actor.of_request(request), coalition=target, group=form.cleaned_data["group"]
            )
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("coalitions:coalition", venue, slug)


@require_POST
def leave(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    check_leave(actor=Actor.of_request(request), coalition=_target(venue, slug))
    return redirect("coalitions:coalition", venue, slug)


@require_POST
def report(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    form = ReportForm(request.POST)
    target = _target(venue, slug)
    if not form.is_valid():
        messages.error(request, _("Write the report before filing it."))
    else:
        try:
            check_file_report(
                actor=Actor.of_request(request), coalition=target, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("coalitions:coalition", venue, slug)


@require_POST
def revive(request: HttpRequest, venue: str, slug: str) -> HttpResponse:
    form = ReviveForm(request.POST)
    target = _target(venue, slug)
    if not form.is_valid():
        messages.error(request, _("Say why the coalition is revived."))
    else:
        try:
            check_revive(
                actor=Actor.of_request(request), coalition=target,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("coalitions:coalition", venue, slug)


@require_POST
def report_date(request: HttpRequest, venue: str) -> HttpResponse:
    place = get_venue(viewer=request.user, slug=venue)
    form = ReportDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date as year-month-day."))
    else:
        check_set_report_date(
            actor=Actor.of_request(request), venue=place, due_on=form.cleaned_data["due_on"]
        )
    return redirect("coalitions:list", venue)
