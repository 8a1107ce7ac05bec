"""Sign-up, email confirmation, sign-in, the account page, accreditation requests and the
secretariat's queue (its participant screens are in participant_views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.outputs.parts import page_parts
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.queries import get_venue

from .accounts import check_register_participant, do_verify_email
from .actions import check_decide_accreditation, check_request_accreditation
from .forms import AccreditationForm, DecisionForm, SignupForm
from .models import Accreditation
from .queries import (
    get_accreditation,
    get_profile,
    list_accreditation_events,
    list_accreditations,
    list_claims_of,
    list_focal_point_organisations,
    list_my_accreditations,
)


def signup(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_register_participant(
                actor=Actor.of_request(request),
                email=data["email"],
                password=data["password"],
                display_name=data["display_name"],
                region=data["region"],
                gender=data["gender"],
                verify_url=request.build_absolute_uri(reverse("stakeholders:verify")),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            messages.info(
                request, _("Check your mailbox: we sent you a link to confirm your address.")
            )
            return redirect("stakeholders:login")
    elif request.method == "POST":
        status = 400
    return render(request, "stakeholders/signup.html", {"form": form}, status=status)


def verify(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    try:
        do_verify_email(actor=Actor.of_request(request), token=request.GET.get("token", ""))
    except ValidationError as exc:
        return render(request, "stakeholders/verify.html", {"error": exc.messages[0]}, status=400)
    return render(request, "stakeholders/verify.html", {"error": None})


class LoginView(auth_views.LoginView):
    template_name = "stakeholders/login.html"
    redirect_authenticated_user = False

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        require(request, right="observe", modality="platform")
        return super().dispatch(request, *args, **kwargs)


def me(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('stakeholders:login')}?next={request.path}")
    accreditations = list(list_my_accreditations(viewer=request.user))
    # API tokens (making and revoking them), from the api app (roundtable/api/parts.py); the
    # account page's own contributions, from the contributions app; its processes, from the web
    # app (roundtable/web/my_processes.py), which sits above accounts and processes.
    parts = page_parts("stakeholders:me", request)
    if parts.get("done"):
        return redirect("stakeholders:me")
    return render(
        request,
        "stakeholders/me.html",
        {
            "profile": get_profile(viewer=request.user),
            "accreditations": accreditations,
            "events": list_accreditation_events(viewer=request.user, accreditations=accreditations),
            "claims": list_claims_of(viewer=request.user),
            "focal_points": list_focal_point_organisations(viewer=request.user),
            # API tokens (and making one), from the api app (roundtable/api/parts.py)
            **parts,
        },
        status=400 if parts.get("token_error") else 200,
    )


def request_accreditation(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    decision = decide(
        request,
        right="request_accreditation",
        modality=PARTICIPATION,
        context={"venue": found.slug},
    )
    form = AccreditationForm(request.POST or None, request.FILES or None, venue=found)
    status = 200 if decision.allowed else 403
    if request.method == "POST":
        require(
            request,
            right="request_accreditation",
            modality=PARTICIPATION,
            context={"venue": found.slug},
        )
        if form.is_valid():
            try:
                data = form.cleaned_data
                accreditation = check_request_accreditation(
                    actor=Actor.of_request(request),
                    venue=found,
                    group=data["group"],
                    category=data["category"],
                    organisation=data["organisation"],
                    statement=data["statement"],
                    documents=data["documents"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                Actor.of_request(request).forget()
                if accreditation.status == Accreditation.Status.APPROVED:
                    messages.success(
                        request,
                        _("Accredited automatically: %(reason)s.")
                        % {"reason": accreditation.reason},
                    )
                elif accreditation.organisation is not None:
                    messages.info(
                        request,
                        _(
                            "Your request waits for %(organisation)s to confirm that you belong "
                            "to it."
                        )
                        % {"organisation": accreditation.organisation.name},
                    )
                else:
                    messages.info(request, _("Your request was sent to the secretariat."))
                return redirect("processes:venue", found.slug)
        else:
            status = 400
    return render(
        request,
        "stakeholders/request.html",
        {"venue": found, "form": form, "decision": decision},
        status=status,
    )


def queue(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    require(
        request, right="decide_accreditation", modality=PARTICIPATION, context={"venue": found.slug}
    )
    return render(
        request,
        "stakeholders/queue.html",
        {
            "venue": found,
            "pending": list_accreditations(
                viewer=request.user, venue=found, status=Accreditation.Status.PENDING
            ),
            "decided": list_accreditations(viewer=request.user, venue=found).exclude(
                status=Accreditation.Status.PENDING
            )[:50],
        },
    )


@require_POST
def decide_request(request: HttpRequest, pk: int) -> HttpResponse:
    accreditation = get_accreditation(viewer=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            check_decide_accreditation(
                actor=Actor.of_request(request),
                accreditation=accreditation,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("stakeholders:queue", accreditation.venue.slug)
