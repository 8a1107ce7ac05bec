"""A venue's roles: the page of its seats by kind and the composition against its limits, and
the page where its secretariat gives a role (chair, secretariat, moderator, or a seat)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.outputs.forms import DescribedForm
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.permissions.vocabulary import description, humanise, label, modality_title
from roundtable.venues.models import Venue
from roundtable.venues.queries import get_person_by_email, get_venue
from roundtable.venues.seats import overview, seat_roles, venue_modalities

from .accreditation_routes import accreditation_routes
from .roles import FIRST_YEAR, LAST_YEAR, VENUE_ROLES, check_assign_role

# The automatic accreditation rules of participation.yaml, as people read them.
ROUTE_RULES = {
    "ecosoc-status": gettext_lazy("consultative status with ECOSOC"),
    "itu-sector-member": gettext_lazy("ITU Sector Membership"),
}


class RoleForm(DescribedForm):
    email = forms.EmailField(label=gettext_lazy("Email address of the person"), max_length=254)
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    group = forms.ChoiceField(
        label=gettext_lazy("Stakeholder group of the seat"),
        required=False,
        help_text=gettext_lazy("For a seat the composition counts by group."),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year of the term"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=gettext_lazy("For a seat: the year its term begins (this year if empty)."),
    )

    def __init__(self, *args: Any, venue: Venue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = (*VENUE_ROLES, *seat_roles(venue))
        self.fields["role"].choices = [(r, label("role", r)) for r in roles]  # type: ignore[attr-defined]
        groups: list[str] = []
        for modality in venue_modalities(venue):
            groups.extend(g for g in modality.groups if g not in groups)
        self.fields["group"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (g, label("group", g)) for g in groups
        ]


def assign_role(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    require(request, right="assign_roles", modality=PARTICIPATION, context={"venue": found.slug})
    form = RoleForm(request.POST or None, venue=found)
    if request.method == "POST" and form.is_valid():
        try:
            person = get_person_by_email(viewer=request.user, email=form.cleaned_data["email"])
            check_assign_role(
                actor=Actor.of_request(request),
                venue=found,
                user=person,
                role=form.cleaned_data["role"],
                group=form.cleaned_data["group"] or "",
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Role assigned."))
            return redirect("processes:venue", found.slug)
    context = {
        "title": _("Assign a role at %(venue)s") % {"venue": found.name},
        "form": form,
        "submit": _("Assign the role"),
        "venue": found,
    }
    return render(
        request, "processes/setup_form.html", context, status=400 if form.is_bound else 200
    )


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return timezone.now().year


def roles(request: HttpRequest, venue: str) -> HttpResponse:
    """Seats by kind, and the composition of the year against its limits (a public record)."""
    require(request, right="observe", modality="platform")
    found = get_venue(viewer=request.user, slug=venue)
    year = _year(request)
    bodies = [
        {
            "title": modality_title(entry.modality),
            "kinds": [
                {
                    "label": label("seat", kind),
                    "description": description("seat", kind),
                    "seats": [
                        {
                            "label": label("role", row.seat.role),
                            "holders": row.holders,
                            "terms": row.seat.max_consecutive_terms,
                        }
                        for row in rows
                    ],
                }
                for kind, rows in entry.kinds
            ],
            "composition": entry.composition,
            "capacity": entry.composition.capacity if entry.composition else None,
            "taken": entry.taken,
            "groups": [
                {
                    "label": label("group", g.group),
                    "taken": g.taken,
                    "allowed": g.allowed,
                    "percent": g.percent,
                    "full": g.full,
                }
                for g in entry.groups
            ],
        }
        for entry in overview(found, year)
    ]
    give = decide(
        request, right="assign_roles", modality=PARTICIPATION, context={"venue": found.slug}
    )
    return render(
        request,
        "stakeholders/roles.html",
        {
            "venue": found,
            "year": year,
            "bodies": bodies,
            "give": give,
            "routes": accreditation_routes(found),
            "route_rules": [
                ROUTE_RULES.get(r) or humanise(r) for r in found.automatic_accreditation
            ],
        },
    )
