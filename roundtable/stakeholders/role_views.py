"""The page where a venue's secretariat assigns a role (chair, secretariat, moderator)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.outputs.forms import DescribedForm
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.queries import get_person_by_email, get_venue

from .roles import VENUE_ROLES, check_assign_role


class RoleForm(DescribedForm):
    email = forms.EmailField(label=gettext_lazy("Email address of the person"), max_length=254)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[
            (r, label)
            for r, label in zip(
                VENUE_ROLES,
                (gettext_lazy("Chair"), gettext_lazy("Secretariat"), gettext_lazy("Moderator")),
                strict=True,
            )
        ],  # fmt: skip
    )


def assign_role(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    require(request, right="assign_roles", modality=PARTICIPATION, context={"venue": found.slug})
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = get_person_by_email(viewer=request.user, email=form.cleaned_data["email"])
            check_assign_role(
                actor=Actor.of_request(request),
                venue=found,
                user=person,
                role=form.cleaned_data["role"],
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
