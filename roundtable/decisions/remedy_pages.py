"""The adoption page's part for absent members: an absentee ballot, naming a proxy or a
temporary alternate, and the stand-in's vote (`remedies.py`). Each control asks the door."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.drafting.authority import decide_for
from roundtable.modalities.chambers import absentee_deadline
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.venues.queries import get_person_by_email

from . import remedies
from .ballots import procedure_for
from .forms import PositionForm, StandInForm, StandInVoteForm
from .models import Adoption, StandIn

ACTIONS = ("absentee", "stand_in", "stand_in_vote")


def remedy_context(actor: Actor, found: Adoption, voted: bool) -> dict[str, Any]:
    """What the page offers absent members and their stand-ins, with the window's end."""
    if found.kind != "chamber-vote" or found.status != Adoption.Status.OPEN:
        return {}
    procedure = procedure_for(found)
    deadline = absentee_deadline(procedure, found.closes_at)
    rights = get_modality(found.modality).rights
    context: dict[str, Any] = {
        "absentee_until": deadline,
        "absentee_open": deadline is not None and timezone.now() < deadline and not voted,
        "absentee_vote": decide_for(actor, right="vote", process=found.process),
    }
    if procedure.stand_ins and "name_stand_in" in rights:
        context["name_stand_in"] = decide_for(actor, right="name_stand_in", process=found.process)
        context["stand_in_kinds"] = procedure.stand_ins
        context["my_stand_ins"] = (
            list(StandIn.objects.filter(adoption=found, holder=actor.user).select_related(
                "member__profile"
            ))
            if actor.user is not None
            else []
        )  # fmt: skip
    return context


def act_remedy(request: HttpRequest, actor: Actor, found: Adoption, what: str) -> None:
    if what == "absentee":
        taken = PositionForm(request.POST)
        if taken.is_valid():
            remedies.check_cast_absentee(
                actor=actor, adoption=found, position=taken.cleaned_data["position"]
            )
            messages.success(request, _("Your absentee ballot is recorded."))
    elif what == "stand_in":
        named = StandInForm(request.POST)
        if not named.is_valid():
            raise ValidationError(_("Give both addresses and the kind."), code="invalid")
        remedies.check_name_stand_in(
            actor=actor,
            adoption=found,
            member=get_person_by_email(viewer=None, email=named.cleaned_data["member"]),
            holder=get_person_by_email(viewer=None, email=named.cleaned_data["holder"]),
            kind=named.cleaned_data["kind"],
        )
        messages.success(request, _("The proxy or alternate is named."))
    elif what == "stand_in_vote":
        cast = StandInVoteForm(request.POST)
        if cast.is_valid():
            named_row = get_object_or_404(StandIn, adoption=found, pk=cast.cleaned_data["stand_in"])
            remedies.check_cast_as_stand_in(
                actor=actor,
                adoption=found,
                member=named_row.member,
                position=cast.cleaned_data["position"],
            )
            messages.success(request, _("The vote is recorded for the absent member."))
