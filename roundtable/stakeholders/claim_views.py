"""The focal point's page: the people who claim to belong to an organisation at a venue,
with the mail-domain signal; confirm, or refuse with a reason (right `confirm_affiliation`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.venues.queries import get_venue

from .belonging import check_answer_claim, email_domain_matches, require_confirm_affiliation
from .forms import AnswerClaimForm
from .models import Affiliation, Organisation
from .queries import list_claims


def claims(request: HttpRequest, venue: str, organisation: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    org = get_object_or_404(Organisation, slug=organisation)
    require_confirm_affiliation(Actor.of_request(request), organisation=org, venue=found)
    rows = [
        (claim, email_domain_matches(claim.user, org))
        for claim in list_claims(viewer=request.user, organisation=org, venue=found)
    ]
    return render(
        request,
        "stakeholders/claims.html",
        {
            "venue": found,
            "organisation": org,
            "pending": [r for r in rows if r[0].status == Affiliation.Status.PENDING],
            "answered": [r for r in rows if r[0].status != Affiliation.Status.PENDING],
        },
    )


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        Affiliation.objects.select_related("organisation", "venue", "user"), pk=pk
    )
    form = AnswerClaimForm(request.POST)
    if form.is_valid():
        try:
            check_answer_claim(
                actor=Actor.of_request(request),
                claim=claim,
                confirm=form.cleaned_data["confirm"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Answer recorded; the person is told."))
    else:
        messages.error(request, _("Choose confirm or refuse."))
    return redirect("stakeholders:claims", claim.venue.slug, claim.organisation.slug)
