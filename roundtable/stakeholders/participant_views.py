"""The secretariat's participant screens (right `manage_participants`): organisations, the
venue's delegations (head, members) and its membership categories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from roundtable.permissions.actor import Actor
from roundtable.venues.models import Venue
from roundtable.venues.queries import get_venue

from .delegations import (
    check_add_delegation_member,
    check_create_delegation,
    check_remove_delegation_member,
    check_set_delegation_head,
)
from .forms import CategoryForm, DelegationForm, HeadForm, MemberForm, OrganisationForm
from .models import Delegation, Organisation, VenueCategory
from .organisations import (
    check_create_organisation,
    check_create_venue_category,
    require_manage_participants,
)
from .queries import (
    get_delegation,
    list_accredited_participants,
    list_categories,
    list_delegations_with_members,
    list_organisations,
)

# Which field an action's refusal belongs to, by its code (the rest go above the form).
ERROR_FIELDS = {
    "slug": "slug",
    "exists": "slug",
    "required": "name",
    "too_long": "name",
    "group": "group",
    "ecosoc": "ecosoc_status",
    "not_accredited": "head",
    "other_delegation": "head",
}


def _refused(form: Any, exc: ValidationError) -> None:
    field = ERROR_FIELDS.get(getattr(exc, "code", None) or "")
    form.add_error(field if field in form.fields else None, exc)


def _participant_forms(request: HttpRequest, venue: Venue, which: str | None) -> dict[str, Any]:
    data = request.POST if which else None
    return {
        "organisation_form": OrganisationForm(
            data if which == "organisation" else None, prefix="organisation"
        ),
        "delegation_form": DelegationForm(
            data if which == "delegation" else None,
            prefix="delegation",
            participants=list_accredited_participants(viewer=request.user, venue=venue),
        ),
        "category_form": CategoryForm(data if which == "category" else None, prefix="category"),
    }


def _create(
    actor: Actor, venue: Venue, which: str, data: dict[str, Any]
) -> Organisation | Delegation | VenueCategory:
    """What the participant screen's form `which` creates, through its check."""
    slug, name = data["slug"], data["name"]
    if which == "organisation":
        return check_create_organisation(
            actor=actor,
            venue=venue,
            slug=slug,
            name=name,
            group=data["group"],
            country=data["country"],
            ecosoc_status=data["ecosoc_status"],
            itu_sector_member=data["itu_sector_member"],
        )
    if which == "delegation":
        return check_create_delegation(
            actor=actor, venue=venue, slug=slug, name=name, head=data["head"]
        )
    return check_create_venue_category(
        actor=actor, venue=venue, slug=slug, name=name, group=data["group"]
    )


def participants(request: HttpRequest, venue: str) -> HttpResponse:
    """Organisations, the venue's delegations (head, members) and categories, and the forms that
    create them."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = _participant_forms(request, found, which)
    status = 200
    if request.method == "POST":
        form = forms_.get(f"{which}_form")
        if form is None or which is None:
            messages.error(request, _("Unknown form: nothing was changed."))
            status = 400
        elif not form.is_valid():
            status = 400
        else:
            try:
                made = _create(actor, found, which, form.cleaned_data)
            except ValidationError as exc:
                _refused(form, exc)
                status = 400
            else:
                messages.success(request, _("Created: %(name)s.") % {"name": made.name})
                if which == "delegation":
                    return redirect("stakeholders:delegation", found.slug, made.slug)
                return redirect("stakeholders:participants", found.slug)
    return render(
        request,
        "stakeholders/participants.html",
        {
            "venue": found,
            "organisations": list_organisations(),
            "delegations": list_delegations_with_members(viewer=request.user, venue=found),
            "categories": list_categories(venue=found),
            **forms_,
        },
        status=status,
    )


def delegation(request: HttpRequest, venue: str, delegation: str) -> HttpResponse:
    """One delegation: its head and members; set the head, add and remove members."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    accredited = list_accredited_participants(viewer=request.user, venue=found)
    members = [a.user for a in chosen.member_accreditations]  # type: ignore[attr-defined]
    which = request.POST.get("form", "") if request.method == "POST" else ""

    def bound(name: str) -> Any:
        return request.POST if which == name else None

    head_form = HeadForm(
        bound("head"), prefix="head", participants=accredited, initial={"head": chosen.head_id}
    )
    member_form = MemberForm(bound("add"), prefix="add", participants=accredited)
    remove_form = MemberForm(
        bound("remove"),
        prefix="remove",
        participants=accredited.filter(pk__in=[m.pk for m in members]),
    )

    def set_head(person: User | None) -> object:
        return check_set_delegation_head(actor=actor, delegation=chosen, head=person)

    def add(person: User) -> object:
        return check_add_delegation_member(actor=actor, delegation=chosen, user=person)

    def remove(person: User) -> object:
        return check_remove_delegation_member(actor=actor, delegation=chosen, user=person)

    acts: dict[str, tuple[Form, str, Callable[[Any], object], str]] = {
        # form, its person field, the action, what to say when done
        "head": (head_form, "head", set_head, _("Head of delegation saved.")),
        "add": (member_form, "user", add, _("Member added.")),
        "remove": (remove_form, "user", remove, _("Member removed.")),
    }
    status = 200
    if request.method == "POST":
        if which not in acts:
            messages.error(request, _("Unknown form: nothing was changed."))
            return _delegation_page(request, found, chosen, members, head_form, member_form, 400)
        form, field, act, done = acts[which]
        if form.is_valid():
            person = form.cleaned_data[field]
            try:
                act(person)
            except ValidationError as exc:
                form.add_error(field, exc)
            else:
                messages.success(request, done)
                return redirect("stakeholders:delegation", found.slug, chosen.slug)
        status = 400
        if which == "remove":  # one button per member: say what went wrong above the page
            messages.error(request, _("Not removed: this person is not a member of it."))
    return _delegation_page(request, found, chosen, members, head_form, member_form, status)


def _delegation_page(
    request: HttpRequest,
    venue: Venue,
    chosen: Delegation,
    members: list[User],
    head_form: HeadForm,
    member_form: MemberForm,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "stakeholders/delegation.html",
        {
            "venue": venue,
            "delegation": chosen,
            "members": members,
            "head_form": head_form,
            "member_form": member_form,
        },
        status=status,
    )
