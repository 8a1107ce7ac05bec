"""Sign-up, email confirmation, sign-in, accreditation requests and the secretariat's queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION, forget_standing
from roundtable.processes.queries import get_venue

from .actions import (
    check_decide_accreditation,
    check_register_participant,
    check_request_accreditation,
    do_verify_email,
)
from .forms import AccreditationForm, DecisionForm, SignupForm
from .models import Accreditation
from .queries import (
    get_accreditation,
    get_profile,
    list_accreditation_events,
    list_accreditations,
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
        do_verify_email(token=request.GET.get("token", ""))
    except ValidationError as exc:
        return render(request, "stakeholders/verify.html", {"error": exc.messages[0]}, status=400)
    return render(request, "stakeholders/verify.html", {"error": None})


class LoginView(auth_views.LoginView):
    template_name = "stakeholders/login.html"
    redirect_authenticated_user = False

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        require(request, right="observe", modality="platform")
        return super().dispatch(request, *args, **kwargs)


def me(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('stakeholders:login')}?next={request.path}")
    from roundtable.api.actions import do_create_token
    from roundtable.api.models import ApiToken

    new_token = None
    if request.method == "POST" and request.POST.get("token_name", "").strip():
        _token, new_token = do_create_token(
            actor=request.user, name=request.POST["token_name"].strip()[:100]
        )
    accreditations = list(list_my_accreditations(viewer=request.user))
    return render(
        request,
        "stakeholders/me.html",
        {
            "profile": get_profile(viewer=request.user),
            "accreditations": accreditations,
            "events": list_accreditation_events(viewer=request.user, accreditations=accreditations),
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
            "new_token": new_token,
        },
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
                accreditation = check_request_accreditation(
                    request=request, venue=found, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                forget_standing(request)
                if accreditation.status == Accreditation.Status.APPROVED:
                    messages.success(
                        request,
                        _("Accredited automatically: %(reason)s.")
                        % {"reason": accreditation.reason},
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
                request=request,
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
