"""Writes for participants, organisations, delegations, roles and accreditation.

`do_*` change and audit; `check_*` are the untrusted entry points: they ask the door first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.inputs.uploads import check_uploads
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue, VenueRole

from .belonging import accredit_automatically, do_claim_affiliation, do_set_organisation_status
from .models import (
    Accreditation,
    Delegation,
    Organisation,
    Profile,
    StakeholderGroup,
    SupportingDocument,
    VenueCategory,
)

User = get_user_model()
logger = logging.getLogger(__name__)
VERIFY_SALT = "roundtable.stakeholders.verify-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 7
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


# --- accounts -------------------------------------------------------------------------------


def make_verification_token(user: Any) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def do_register_participant(
    *,
    email: str,
    password: str | None,
    display_name: str,
    region: str = "",
    gender: str = "",
    verified: bool = False,
    send_verification: bool = True,
    verify_url: str = "",
) -> Any:
    """Create an account (Argon2-hashed password) and its profile; mail a verification link."""
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        if User.objects.filter(username=email).exists():
            raise ValidationError(_("An account with this email address exists already."))
        user = User(username=email, email=email)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        Profile.objects.create(
            user=user,
            display_name=display_name,
            region=region,
            gender=gender,
            email_verified_at=timezone.now() if verified else None,
        )
        record_event(actor=user, verb="participant.registered", target=user, summary={})
    if send_verification and not verified:
        token = make_verification_token(user)
        link = f"{verify_url}?token={token}" if verify_url else token
        try:
            send_mail(
                _("Confirm your email address for Roundtable"),
                _("Open this link to confirm your address: %(link)s") % {"link": link},
                None,
                [email],
            )
        except OSError:
            # The account stands; the person can ask for the link again or the secretariat can
            # confirm them. The operator needs to know the mail server is down.
            logger.warning("verification mail to %s could not be sent", email, exc_info=True)
    return user


def check_register_participant(
    *, email: str, password: str, display_name: str, **extra: Any
) -> Any:
    """Untrusted sign-up: the password must satisfy the validators."""
    validate_password(password, User(username=email, email=email))
    return do_register_participant(
        email=email, password=password, display_name=display_name, **extra
    )


def do_verify_email(*, token: str) -> Any:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(
            _("This confirmation link is not valid or has expired."), code="bad_token"
        ) from None
    with transaction.atomic():
        user = User.objects.filter(pk=data["u"], email=data["e"]).first()
        if user is None:
            raise ValidationError(_("This confirmation link is not valid."), code="bad_token")
        profile = Profile.objects.select_for_update().get(user=user)
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
            record_event(actor=user, verb="participant.email_verified", target=user, summary={})
    return user


# --- taxonomy, organisations, delegations, roles --------------------------------------------


DEFAULT_GROUPS = (
    ("government", "Government"),
    ("private-sector", "Private sector"),
    ("civil-society", "Civil society"),
    ("technical-community", "Technical community"),
    ("intergovernmental", "Intergovernmental organisation"),
    ("academia", "Academia"),
)


def do_ensure_default_groups(*, actor: Any) -> int:
    """Create whichever default stakeholder groups are missing (a data migration made them;
    this puts them back after a flush). Returns how many were created."""
    made = 0
    with transaction.atomic():
        for position, (slug, name) in enumerate(DEFAULT_GROUPS):
            if not StakeholderGroup.objects.filter(slug=slug).exists():
                do_create_group(actor=actor, slug=slug, name=name, position=position)
                made += 1
    return made


def do_create_group(*, actor: Any, slug: str, name: str, position: int = 0) -> StakeholderGroup:
    with transaction.atomic():
        group = StakeholderGroup.objects.create(slug=slug, name=name, position=position)
        record_event(actor=actor, verb="group.created", target=group, summary={"slug": slug})
        return group


def do_create_venue_category(
    *, actor: Any, venue: Venue, slug: str, name: str, group: StakeholderGroup
) -> VenueCategory:
    with transaction.atomic():
        category = VenueCategory.objects.create(venue=venue, slug=slug, name=name, group=group)
        record_event(
            actor=actor,
            verb="venue.category_created",
            target=venue,
            summary={"category": slug, "group": group.slug},
        )
        return category


def do_create_organisation(
    *,
    actor: Any,
    slug: str,
    name: str,
    group: StakeholderGroup | None,
    country: str = "",
    ecosoc_status: str = "",
    itu_sector_member: bool = False,
    venue: Venue | None = None,
) -> Organisation:
    """Create an organisation (`venue`: where the secretariat that created it works, if any)."""
    with transaction.atomic():
        organisation = Organisation.objects.create(
            slug=slug,
            name=name,
            group=group,
            country=country,
            ecosoc_status=ecosoc_status,
            itu_sector_member=itu_sector_member,
        )
        record_event(
            actor=actor,
            verb="organisation.created",
            target=organisation,
            summary={
                "slug": slug,
                "ecosoc": ecosoc_status,
                "itu_sector_member": itu_sector_member,
                **({"venue": venue.slug} if venue is not None else {}),
            },
        )
        # The venue's secretariat stating the status verifies it at that venue (and only there).
        basis = (
            "ecosoc-status" if ecosoc_status else "itu-sector-member" if itu_sector_member else ""
        )
        if venue is not None and basis and group is not None:
            do_set_organisation_status(
                actor=actor, organisation=organisation, venue=venue, basis=basis, group=group
            )
        return organisation


def do_create_delegation(
    *, actor: Any, venue: Venue, slug: str, name: str, head: Any = None
) -> Delegation:
    with transaction.atomic():
        delegation = Delegation.objects.create(venue=venue, slug=slug, name=name, head=head)
        record_event(
            actor=actor,
            verb="delegation.created",
            target=delegation,
            summary={"venue": venue.slug, "slug": slug, "head": head.pk if head else None},
        )
        return delegation


def do_set_delegation_head(*, actor: Any, delegation: Delegation, head: Any) -> Delegation:
    with transaction.atomic():
        delegation.head = head
        delegation.save(update_fields=["head"])
        record_event(
            actor=actor,
            verb="delegation.head_set",
            target=delegation,
            summary={"head": head.pk if head else None},
        )
        return delegation


def do_grant_role(*, actor: Any, user: Any, role: str, venue: Venue | None = None) -> VenueRole:
    with transaction.atomic():
        granted, _created = VenueRole.objects.get_or_create(user=user, venue=venue, role=role)
        record_event(
            actor=actor,
            verb="role.granted",
            target=user,
            summary={"role": role, "venue": venue.slug if venue else None},
        )
        return granted


# --- the secretariat's screens: organisations, delegations, categories -----------------------
#
# Right `manage_participants` (participation.yaml) at the venue. Members of a delegation are the
# people whose approved accreditation at the venue names it, so adding or removing a member
# changes that accreditation; only accredited participants of the venue can be members or head.


def require_manage_participants(request: Any, venue: Venue) -> None:
    require(
        request, right="manage_participants", modality=PARTICIPATION, context={"venue": venue.slug}
    )


def _person(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else user.get_username()


def _clean_slug(slug: str) -> str:
    slug = (slug or "").strip()
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError(
            _("The short name may hold only letters, digits, hyphens and underscores."),
            code="slug",
        ) from None
    if len(slug) > 50:
        raise ValidationError(_("The short name is longer than 50 characters."), code="slug")
    return slug


def _clean_name(name: str, max_length: int) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give a name."), code="required")
    if len(name) > max_length:
        raise ValidationError(
            _("The name is longer than %(max)d characters.") % {"max": max_length},
            code="too_long",
        )
    return name


def _exists(message: str) -> ValidationError:
    return ValidationError(message, code="exists")


def check_create_organisation(
    *,
    request: Any,
    venue: Venue,
    slug: str,
    name: str,
    group: StakeholderGroup | None = None,
    country: str = "",
    ecosoc_status: str = "",
    itu_sector_member: bool = False,
) -> Organisation:
    require_manage_participants(request, venue)
    slug, name = _clean_slug(slug), _clean_name(name, 200)
    country = (country or "").strip()
    if len(country) > 100:
        raise ValidationError(_("The country is longer than 100 characters."), code="too_long")
    if ecosoc_status not in Organisation.Ecosoc.values:
        raise ValidationError(
            _("Unknown ECOSOC status “%(status)s”: use general, special, roster or nothing.")
            % {"status": ecosoc_status},
            code="ecosoc",
        )
    taken = _("An organisation with the short name “%(slug)s” exists already.") % {"slug": slug}
    if Organisation.objects.filter(slug=slug).exists():
        raise _exists(taken)
    try:
        return do_create_organisation(
            actor=request.user,
            slug=slug,
            name=name,
            group=group,
            country=country,
            ecosoc_status=ecosoc_status,
            itu_sector_member=itu_sector_member,
            venue=venue,
        )
    except IntegrityError:
        raise _exists(taken) from None


def check_create_venue_category(
    *, request: Any, venue: Venue, slug: str, name: str, group: StakeholderGroup | None
) -> VenueCategory:
    require_manage_participants(request, venue)
    slug, name = _clean_slug(slug), _clean_name(name, 100)
    if group is None:
        raise ValidationError(_("Choose the stakeholder group it maps onto."), code="group")
    taken = _("%(venue)s has a category with the short name “%(slug)s” already.") % {
        "venue": venue.name,
        "slug": slug,
    }
    if VenueCategory.objects.filter(venue=venue, slug=slug).exists():
        raise _exists(taken)
    try:
        return do_create_venue_category(
            actor=request.user, venue=venue, slug=slug, name=name, group=group
        )
    except IntegrityError:
        raise _exists(taken) from None


def _approved_accreditation(user: Any, venue: Venue) -> Accreditation:
    """The person's approved accreditation at the venue (locked), or a refusal saying so."""
    found = (
        Accreditation.objects.select_for_update()
        .filter(user=user, venue=venue, status=Accreditation.Status.APPROVED)
        .order_by("-requested_at", "-id")
        .first()
    )
    if found is None:
        raise ValidationError(
            _("%(person)s is not an accredited participant of %(venue)s.")
            % {"person": _person(user), "venue": venue.name},
            code="not_accredited",
        )
    return found


def do_add_delegation_member(*, actor: Any, delegation: Delegation, user: Any) -> Accreditation:
    """Make an accredited participant of the delegation's venue a member of it."""
    with transaction.atomic():
        accreditation = _approved_accreditation(user, delegation.venue)
        if accreditation.delegation_id == delegation.pk:
            raise ValidationError(
                _("%(person)s is a member of %(delegation)s already.")
                % {"person": _person(user), "delegation": delegation.name},
                code="already_member",
            )
        if accreditation.delegation_id is not None:
            raise ValidationError(
                _("%(person)s is a member of the delegation %(other)s: remove them there first.")
                % {"person": _person(user), "other": accreditation.delegation.name},
                code="other_delegation",
            )
        accreditation.delegation = delegation
        accreditation.save(update_fields=["delegation"])
        record_event(
            actor=actor,
            verb="delegation.member_added",
            target=delegation,
            row=accreditation,
            summary={"user": user.pk, "accreditation": accreditation.pk},
        )
        return accreditation


def do_remove_delegation_member(*, actor: Any, delegation: Delegation, user: Any) -> Delegation:
    """Take a member out of the delegation; if they were its head, it has no head any more."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
        member = (
            Accreditation.objects.select_for_update()
            .filter(user=user, delegation=delegation, status=Accreditation.Status.APPROVED)
            .first()
        )
        if member is None:
            raise ValidationError(
                _("%(person)s is not a member of %(delegation)s.")
                % {"person": _person(user), "delegation": delegation.name},
                code="not_member",
            )
        member.delegation = None
        member.save(update_fields=["delegation"])
        was_head = delegation.head_id == user.pk
        if was_head:
            delegation.head = None
            delegation.save(update_fields=["head"])
        record_event(
            actor=actor,
            verb="delegation.member_removed",
            target=delegation,
            row=member,
            summary={"user": user.pk, "head_cleared": was_head},
        )
        if was_head:
            # The delegation's own row changed too: its event covers it.
            record_event(
                actor=actor,
                verb="delegation.head_cleared",
                target=delegation,
                summary={"user": user.pk},
            )
        return delegation


def do_appoint_delegation_head(
    *, actor: Any, delegation: Delegation, head: Any | None
) -> Delegation:
    """Set (or, with None, clear) the head; the head must be an accredited participant of the
    venue, and becomes a member of the delegation if they are not one yet."""
    with transaction.atomic():
        if head is not None:
            accreditation = _approved_accreditation(head, delegation.venue)
            if accreditation.delegation_id != delegation.pk:
                do_add_delegation_member(actor=actor, delegation=delegation, user=head)
        return do_set_delegation_head(actor=actor, delegation=delegation, head=head)


def check_create_delegation(
    *, request: Any, venue: Venue, slug: str, name: str, head: Any | None = None
) -> Delegation:
    require_manage_participants(request, venue)
    slug, name = _clean_slug(slug), _clean_name(name, 200)
    taken = _("%(venue)s has a delegation with the short name “%(slug)s” already.") % {
        "venue": venue.name,
        "slug": slug,
    }
    if Delegation.objects.filter(venue=venue, slug=slug).exists():
        raise _exists(taken)
    try:
        with transaction.atomic():
            delegation = do_create_delegation(actor=request.user, venue=venue, slug=slug, name=name)
            if head is not None:
                do_appoint_delegation_head(actor=request.user, delegation=delegation, head=head)
            return delegation
    except IntegrityError:
        raise _exists(taken) from None


def check_set_delegation_head(
    *, request: Any, delegation: Delegation, head: Any | None
) -> Delegation:
    require_manage_participants(request, delegation.venue)
    return do_appoint_delegation_head(actor=request.user, delegation=delegation, head=head)


def require_manage_delegation_members(request: Any, delegation: Delegation) -> None:
    """The secretariat, or the head of this delegation (context fact `heads-this-delegation`)."""
    user = getattr(request, "user", None)
    heads = user is not None and getattr(user, "pk", None) is not None
    heads = heads and delegation.head_id == user.pk
    require(
        request,
        right="manage_delegation_members",
        modality=PARTICIPATION,
        context={
            "venue": delegation.venue.slug,
            "facts": {"heads-this-delegation"} if heads else set(),
        },
    )


def check_add_delegation_member(
    *, request: Any, delegation: Delegation, user: Any
) -> Accreditation:
    require_manage_delegation_members(request, delegation)
    return do_add_delegation_member(actor=request.user, delegation=delegation, user=user)


def check_remove_delegation_member(
    *, request: Any, delegation: Delegation, user: Any
) -> Delegation:
    require_manage_delegation_members(request, delegation)
    return do_remove_delegation_member(actor=request.user, delegation=delegation, user=user)


# --- accreditation --------------------------------------------------------------------------


def _live_accreditation(user: Any, venue: Venue) -> Accreditation | None:
    return (
        Accreditation.objects.filter(
            user=user,
            venue=venue,
            status__in=[Accreditation.Status.PENDING, Accreditation.Status.APPROVED],
        )
        .order_by("-requested_at")
        .first()
    )


def do_request_accreditation(
    *,
    actor: Any,
    venue: Venue,
    group: StakeholderGroup | None = None,
    category: VenueCategory | None = None,
    organisation: Organisation | None = None,
    delegation: Delegation | None = None,
    statement: str = "",
    documents: Sequence[UploadedFile] = (),
) -> Accreditation:
    """Ask for standing in a venue. Naming an organisation claims to belong to it: its focal
    point confirms or refuses, and only a confirmed person of an organisation holding an
    automatic status at the venue is approved without the secretariat, with that
    organisation's group, category and delegation (see belonging.py).

    A delegation is never claimed: its head or the secretariat adds members, so a request
    naming one is refused. Approved standing carries over to every process of the venue, so
    a second request while one is pending or approved is refused.
    """
    if delegation is not None:
        raise ValidationError(
            _(
                "A delegation cannot be claimed: its head or the secretariat of %(venue)s adds "
                "its members. Ask for accreditation without naming a delegation."
            )
            % {"venue": venue.name},
            code="delegation_claimed",
        )
    if category is not None:
        if category.venue_id != venue.pk:
            raise ValidationError(_("This category belongs to another venue."), code="category")
        group = group or category.group
    if group is None:
        raise ValidationError(_("Choose a stakeholder group."), code="group")
    if delegation is not None and delegation.venue_id != venue.pk:
        raise ValidationError(_("This delegation belongs to another venue."), code="delegation")
    for document in documents:
        if document.size and document.size > MAX_DOCUMENT_BYTES:
            raise ValidationError(
                _("“%(name)s” is larger than 10 MB.") % {"name": document.name}, code="size"
            )
    check_uploads(documents, total_cap=settings.ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES)
    now = timezone.now()
    with transaction.atomic():
        live = _live_accreditation(actor, venue)
        if live is not None and live.status == Accreditation.Status.APPROVED:
            raise ValidationError(
                _(
                    "You are already accredited at %(venue)s; your standing carries over to all its processes."
                )
                % {"venue": venue.name},
                code="already_accredited",
            )
        if live is not None:
            raise ValidationError(
                _("Your request to %(venue)s is still waiting for the secretariat.")
                % {"venue": venue.name},
                code="pending",
            )
        accreditation = Accreditation.objects.create(
            user=actor,
            venue=venue,
            group=group,
            category=category,
            organisation=organisation,
            statement=statement,
            requested_at=now,
        )
        for document in documents:
            SupportingDocument.objects.create(
                accreditation=accreditation,
                file=document,
                name=document.name,
                size=document.size or 0,
            )
        record_event(
            actor=actor,
            verb="accreditation.requested",
            target=accreditation,
            summary={
                "venue": venue.slug,
                "group": group.slug,
                "category": category.slug if category else None,
                "organisation": organisation.slug if organisation else None,
                "documents": len(documents),
            },
        )
        if organisation is not None:
            do_claim_affiliation(actor=actor, organisation=organisation, venue=venue)
            accredit_automatically(accreditation=accreditation)
        return accreditation


def check_request_accreditation(*, request: Any, venue: Venue, **fields: Any) -> Accreditation:
    require(
        request,
        right="request_accreditation",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None or profile.email_verified_at is None:
        raise ValidationError(
            _("Confirm your email address first: follow the link we sent you."),
            code="unverified",
        )
    return do_request_accreditation(actor=request.user, venue=venue, **fields)


def do_decide_accreditation(
    *, actor: Any, accreditation: Accreditation, approve: bool, reason: str = ""
) -> Accreditation:
    """The secretariat approves or rejects a pending request; a rejection needs a reason."""
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Say why the request is rejected."), code="reason_required")
    with transaction.atomic():
        accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if accreditation.status != Accreditation.Status.PENDING:
            raise ValidationError(
                _("This request was already decided (%(status)s).")
                % {"status": accreditation.get_status_display()},
                code="decided",
            )
        accreditation.status = (
            Accreditation.Status.APPROVED if approve else Accreditation.Status.REJECTED
        )
        accreditation.basis = "secretariat"
        accreditation.reason = reason
        accreditation.decided_at = timezone.now()
        accreditation.decided_by = actor if isinstance(actor, User) else None
        accreditation.save()
        record_event(
            actor=actor,
            verb="accreditation.approved" if approve else "accreditation.rejected",
            target=accreditation,
            summary={"basis": "secretariat", "reason": reason},
        )
        return accreditation


def check_decide_accreditation(
    *, request: Any, accreditation: Accreditation, approve: bool, reason: str = ""
) -> Accreditation:
    require(
        request,
        right="decide_accreditation",
        modality=PARTICIPATION,
        context={"venue": accreditation.venue.slug},
    )
    return do_decide_accreditation(
        actor=request.user, accreditation=accreditation, approve=approve, reason=reason
    )
