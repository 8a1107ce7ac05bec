"""Sign-up, email confirmation, sign-in, accreditation requests, the secretariat's queue and its
participant screens (organisations, delegations, venue categories)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.outputs.parts import page_parts
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue
from roundtable.venues.queries import get_venue

from .actions import (
    check_add_delegation_member,
    check_create_delegation,
    check_create_organisation,
    check_create_venue_category,
    check_decide_accreditation,
    check_register_participant,
    check_remove_delegation_member,
    check_request_accreditation,
    check_set_delegation_head,
    do_verify_email,
    require_manage_participants,
)
from .forms import (
    AccreditationForm,
    CategoryForm,
    DecisionForm,
    DelegationForm,
    HeadForm,
    MemberForm,
    OrganisationForm,
    SignupForm,
)
from .models import Accreditation
from .queries import (
    get_accreditation,
    get_delegation,
    get_profile,
    list_accreditation_events,
    list_accreditations,
    list_accredited_participants,
    list_categories,
    list_claims_of,
    list_delegations_with_members,
    list_focal_point_organisations,
    list_my_accreditations,
    list_organisations,
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
                accreditation = check_request_accreditation(
                    request=request, venue=found, **form.cleaned_data
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


# --- the secretariat's participant screens (right `manage_participants`) ---------------------

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


def participants(request: HttpRequest, venue: str) -> HttpResponse:
    """Organisations, the venue's delegations (head, members) and categories, and the forms that
    create them."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = _participant_forms(request, found, which)
    status = 200
    if request.method == "POST":
        form = forms_.get(f"{which}_form")
        if form is None:
            messages.error(request, _("Unknown form: nothing was changed."))
            status = 400
        elif not form.is_valid():
            status = 400
        else:
            create = {
                "organisation": check_create_organisation,
                "delegation": check_create_delegation,
                "category": check_create_venue_category,
            }[which]
            try:
                made = create(request=request, venue=found, **form.cleaned_data)
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
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
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
    acts = {  # form, its person field, the action, what to say when done
        "head": (head_form, "head", check_set_delegation_head, _("Head of delegation saved.")),
        "add": (member_form, "user", check_add_delegation_member, _("Member added.")),
        "remove": (remove_form, "user", check_remove_delegation_member, _("Member removed.")),
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
                act(request=request, delegation=chosen, **{field: person})
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
    chosen: Any,
    members: list[Any],
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
