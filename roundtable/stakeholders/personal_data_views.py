"""The account page's "your data": download everything held about you, withdraw from the
platform. Right `manage_own_data` (platform.yaml), for oneself only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.outputs.forms import DescribedForm
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .personal_data import personal_data_zip
from .withdrawal import check_withdraw_from_platform


class WithdrawForm(DescribedForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: my name and address are erased and I cannot sign in "
                           "again; what I contributed stays, as “withdrawn participant”."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )  # fmt: skip


def _signed_in_actor(request: HttpRequest) -> Actor | None:
    require(request, right="observe", modality="platform")
    if not request.user.is_authenticated:
        return None
    actor = Actor.of_request(request)
    require(actor, right="manage_own_data", modality="platform")
    return actor


def my_data(request: HttpRequest) -> HttpResponse:
    actor = _signed_in_actor(request)
    if actor is None or actor.user is None:
        return redirect(f"{reverse('stakeholders:login')}?next={request.path}")
    response = HttpResponse(personal_data_zip(actor.user), content_type="application/zip")
    name = f"roundtable-my-data-{timezone.now():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def withdraw(request: HttpRequest) -> HttpResponse:
    actor = _signed_in_actor(request)
    if actor is None:
        return redirect(f"{reverse('stakeholders:login')}?next={request.path}")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check_withdraw_from_platform(actor=actor)
        logout(request)
        messages.success(request, _("You have withdrawn from the platform. Goodbye."))
        return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "stakeholders/withdraw.html", {"form": form}, status=status)
