"""Roles at a venue given by its secretariat: chair, secretariat, moderator (right
`assign_roles` in participation.yaml), and the seats the venue's modalities declare (a MAG
member, an IGO observer...). Roles are accounts' business, so this lives here, above venues
(it used to be in processes/setup.py).

Giving a seat checks the modality's composition and term limits first (issue 12, richer
standing): a refusal is a `SeatRefused` that names the rule and the limit.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities.composition import Admission
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.permissions.vocabulary import label
from roundtable.venues.models import SeatTerm, Venue, VenueRole
from roundtable.venues.seats import admissions_for, seat_at, seat_roles

VENUE_ROLES = ("chair", "secretariat", "moderator")
# The oldest and latest year a seat's term may be given for (a typo is a clear 400).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class SeatRefused(ValidationError):
    """The modality's composition or term limits refuse this seat; ``admission`` says why."""

    def __init__(self, admission: Admission) -> None:
        self.admission = admission
        super().__init__(refusal_text(admission), code="seat_limit")


def refusal_text(admission: Admission) -> str:
    """The refusal in the reader's language, naming the rule and the numbers compared."""
    values = {
        "rule": admission.rule,
        "taken": admission.taken,
        "allowed": admission.allowed,
        "group": label("group", admission.group) if admission.group else "",
    }
    if admission.limit == "capacity":
        return _("Refused by rule %(rule)s: all %(allowed)s seats are taken.") % values
    if admission.limit == "share":
        return (
            _(
                "Refused by rule %(rule)s: %(group)s already hold %(taken)s of the "
                "%(allowed)s seats their share allows."
            )
            % values
        )
    return (
        _(
            "Refused by rule %(rule)s: this person has served %(taken)s terms in a row; "
            "at most %(allowed)s are allowed."
        )
        % values
    )


def do_grant_role(
    *,
    actor: Actor,
    user: User,
    role: str,
    venue: Venue | None = None,
    group: str = "",
    year: int | None = None,
    rules: tuple[str, ...] = (),
) -> VenueRole:
    """Give the role; with a ``year``, record the seat's term too (``rules``: what admitted it)."""
    with transaction.atomic():
        granted, _created = VenueRole.objects.get_or_create(user=user, venue=venue, role=role)
        if venue is not None and year is not None:
            SeatTerm.objects.create(
                user=user, venue=venue, role=role, group=group, year=year, given_at=timezone.now()
            )
        summary: dict[str, object] = {"role": role, "venue": venue.slug if venue else None}
        if year is not None:
            summary.update({"group": group, "year": year, "rules": list(rules)})
        record_event(actor=actor, verb="role.granted", target=user, summary=summary)
        return granted


def check_assign_role(
    *,
    actor: Actor,
    venue: Venue,
    user: User,
    role: str,
    group: str = "",
    year: int | None = None,
) -> VenueRole:
    """The venue's secretariat assigns chair, secretariat and moderator, and the seats of the
    venue's modalities (right `assign_roles`); a seat is checked against the composition and
    term limits of the modality that declares it."""
    require(actor, right="assign_roles", modality=PARTICIPATION, context={"venue": venue.slug})
    found = seat_at(venue, role)
    if role not in VENUE_ROLES and found is None:
        names = ", ".join(label("role", r) for r in (*VENUE_ROLES, *seat_roles(venue)))
        raise ValidationError(_("Choose a role among: %(roles)s.") % {"roles": names}, code="role")
    if found is None:
        if VenueRole.objects.filter(user=user, venue=venue, role=role).exists():
            raise ValidationError(
                _("This person already holds this role at %(venue)s.") % {"venue": venue.name},
                code="exists",
            )
        return do_grant_role(actor=actor, user=user, venue=venue, role=role)
    modality, seat = found
    term = year if year is not None else timezone.now().year
    if not FIRST_YEAR <= term <= LAST_YEAR:
        raise ValidationError(
            _("Give a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year",
        )
    counted = modality.composition is not None and role in modality.composition.roles
    if group and group not in modality.groups:
        raise ValidationError(_("Choose a stakeholder group this venue knows."), code="group")
    if counted and not group:
        raise ValidationError(
            _("Say which stakeholder group's seat this is: the composition counts seats by group."),
            code="group",
        )
    if SeatTerm.objects.filter(user=user, venue=venue, role=role, year=term).exists():
        raise ValidationError(
            _("This person already holds this seat at %(venue)s for %(year)s.")
            % {"venue": venue.name, "year": term},
            code="exists",
        )
    admissions = admissions_for(venue, modality, seat, user=user, group=group, year=term)
    for admission in admissions:
        if not admission.admitted:
            raise SeatRefused(admission)
    return do_grant_role(
        actor=actor,
        user=user,
        venue=venue,
        role=role,
        group=group,
        year=term,
        rules=tuple(a.rule for a in admissions),
    )
