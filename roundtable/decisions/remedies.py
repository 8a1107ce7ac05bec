"""Votes of absent members: absentee ballots inside their window, and proxies or temporary
alternates named for one adoption, each as the procedure of the modality allows
(`absentee_hours`, `stand_ins`: roundtable/modalities/chambers.py).

A vote cast by a stand-in is the member's: one position per member, recording who cast it
(`Position.cast_by`) and how (`Position.via`). The tally counts it once, for the member.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.authority import decide_for, require_for, where
from roundtable.modalities import Ballot, BallotError, Procedure, Standing, tally
from roundtable.modalities.chambers import absentee_deadline
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require

from .ballots import chamber_of, person_of, procedure_for, stakeholder_group_of, voter_key
from .models import Adoption, Position, StandIn

NAMED = "named-stand-in"


def _locked(adoption: Adoption) -> Adoption:
    locked = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if locked.status != Adoption.Status.OPEN:
        raise ValidationError(_("This adoption is concluded."), code="concluded")
    return locked


def absentee_open(adoption: Adoption, procedure: Procedure, moment: datetime) -> None:
    """Refuse an absentee ballot the procedure does not take, or one cast after its window,
    naming the rule."""
    if procedure.absentee_hours is None:
        raise ValidationError(
            _("Rule %(rule)s: the procedure %(procedure)s takes no absentee ballots.")
            % {"rule": f"{procedure.name}/absentee-not-permitted", "procedure": procedure.name},
            code="absentee_not_permitted",
        )
    deadline = absentee_deadline(procedure, adoption.closes_at)
    if deadline is not None and moment >= deadline:
        raise ValidationError(
            _(
                "Rule %(rule)s: absentee ballots are counted for %(hours)s hours after the "
                "vote closes, until %(when)s; this one comes after."
            )
            % {
                "rule": f"{procedure.name}/absentee-window",
                "hours": procedure.absentee_hours,
                "when": deadline.isoformat(),
            },
            code="absentee_window",
        )


def _record(
    *,
    actor: Actor,
    adoption: Adoption,
    member: User,
    standing: Standing,
    position: str,
    via: str,
    cast_by: User | None,
    moment: datetime,
) -> Position:
    procedure = procedure_for(adoption)
    chamber = chamber_of(standing, procedure)
    group = stakeholder_group_of(standing, procedure)
    key = voter_key(member, standing)
    try:
        tally(procedure, [Ballot(key, position, chamber or None, group=group or None)])
    except BallotError as exc:
        raise ValidationError(str(exc), code="position") from None
    with transaction.atomic():
        locked = _locked(adoption)
        if via == "absentee":
            absentee_open(locked, procedure, moment)
        row = Position.objects.select_for_update().filter(adoption=locked, voter_key=key).first()
        # Counted once: a member's own vote (in the meeting or absentee) stands; a stand-in
        # may change only a vote cast the same way.
        if row is not None and (via == "absentee" or row.via != via):
            raise ValidationError(
                _("This member's vote is already recorded; it is counted once."), code="voted"
            )
        verb = "position.changed" if row is not None else "position.taken"
        if row is None:
            row = Position(adoption=locked, voter_key=key, created_at=moment)
        row.user, row.chamber, row.stakeholder_group = member, chamber, group
        row.group = ",".join(sorted(standing.groups))
        row.position, row.text, row.updated_at = position.strip().lower(), "", moment
        row.via, row.cast_by = via, cast_by
        row.save()
        record_event(
            actor=actor,
            verb=verb,
            target=locked,
            row=row,
            # A secret ballot's trail names the voter, never the vote (as positions.py).
            summary={"voter": key, "via": via}
            if locked.secret
            else {
                "voter": key,
                "position": row.position,
                "chamber": chamber,
                "stakeholder_group": group,
                "via": via,
                "cast_by": cast_by.pk if cast_by else None,
            },
        )
        return row


# --- absentee ballots -----------------------------------------------------------------------


def do_cast_absentee(
    *,
    actor: Actor,
    adoption: Adoption,
    standing: Standing,
    position: str,
    now: datetime | None = None,
) -> Position:
    """A member absent from the meeting votes by absentee ballot, inside the window."""
    moment = now or timezone.now()
    absentee_open(adoption, procedure_for(adoption), moment)
    return _record(
        actor=actor, adoption=adoption, member=person_of(actor), standing=standing,
        position=position, via="absentee", cast_by=None, moment=moment,
    )  # fmt: skip


def check_cast_absentee(*, actor: Actor, adoption: Adoption, position: str) -> Position:
    decision = require_for(actor, right="vote", process=adoption.process)
    return do_cast_absentee(
        actor=actor, adoption=adoption, standing=decision.standing, position=position
    )


# --- proxies and temporary alternates -------------------------------------------------------


def do_name_stand_in(
    *,
    actor: Actor,
    adoption: Adoption,
    member: User,
    holder: User,
    kind: str,
    now: datetime | None = None,
) -> StandIn:
    """Name `holder` to cast `member`'s vote in this adoption: a proxy (a sitting voting
    councillor) or a temporary alternate (not one), as the procedure allows."""
    procedure = procedure_for(adoption)
    if kind not in procedure.stand_ins:
        raise ValidationError(
            _("Rule %(rule)s: the procedure %(procedure)s takes no vote cast by a %(kind)s.")
            % {"rule": f"{procedure.name}/{kind}-not-permitted", "procedure": procedure.name,
               "kind": StandIn.Kind(kind).label if kind in StandIn.Kind.values else kind},
            code="stand_in_not_permitted",
        )  # fmt: skip
    if member.pk == holder.pk:
        raise ValidationError(_("A member cannot stand in for themselves."), code="self")
    if not decide_for(Actor.person(member), right="vote", process=adoption.process).allowed:
        raise ValidationError(_("Only a voting member can be represented."), code="not_voter")
    sitting = decide_for(Actor.person(holder), right="vote", process=adoption.process).allowed
    if kind == StandIn.Kind.PROXY and not sitting:
        raise ValidationError(
            _("A proxy must be a sitting voting councillor."), code="proxy_not_councillor"
        )
    if kind == StandIn.Kind.ALTERNATE and sitting:
        raise ValidationError(
            _("A temporary alternate may not be a serving councillor."), code="alternate_sitting"
        )
    with transaction.atomic():
        locked = _locked(adoption)
        named, _created = StandIn.objects.update_or_create(
            adoption=locked,
            member=member,
            defaults={
                "holder": holder,
                "kind": kind,
                "named_by": actor.user,
                "named_at": now or timezone.now(),
            },
        )
        record_event(
            actor=actor,
            verb="stand_in.named",
            target=locked,
            summary={"member": member.pk, "holder": holder.pk, "kind": kind},
        )
        return named


def _stand_ins_known(adoption: Adoption, right: str) -> None:
    """A modality without proxies or alternates has no such right: say so, not a 500."""
    if right not in get_modality(adoption.modality).rights:
        raise ValidationError(
            _("The modality %(modality)s names no proxies or alternates.")
            % {"modality": adoption.modality},
            code="no_stand_ins",
        )


def check_name_stand_in(
    *, actor: Actor, adoption: Adoption, member: User, holder: User, kind: str
) -> StandIn:
    _stand_ins_known(adoption, "name_stand_in")
    require_for(actor, right="name_stand_in", process=adoption.process)
    return do_name_stand_in(actor=actor, adoption=adoption, member=member, holder=holder, kind=kind)


def named_for(actor: Actor, adoption: Adoption, member: User) -> StandIn | None:
    if actor.user is None:
        return None
    return StandIn.objects.filter(adoption=adoption, member=member, holder=actor.user).first()


def do_cast_as_stand_in(
    *, actor: Actor, adoption: Adoption, named: StandIn, position: str, now: datetime | None = None
) -> Position:
    """The named proxy or alternate casts the member's vote (once, for the member)."""
    moment = now or timezone.now()
    if moment >= adoption.closes_at:
        raise ValidationError(
            _("This adoption closed at %(when)s.") % {"when": adoption.closes_at.isoformat()},
            code="closed",
        )
    standing = decide_for(
        Actor.person(named.member), right="vote", process=adoption.process
    ).standing
    return _record(
        actor=actor, adoption=adoption, member=named.member, standing=standing,
        position=position, via=named.kind, cast_by=person_of(actor), moment=moment,
    )  # fmt: skip


def check_cast_as_stand_in(
    *, actor: Actor, adoption: Adoption, member: User, position: str
) -> Position:
    _stand_ins_known(adoption, "vote_as_stand_in")
    here = where(adoption.process)
    named = named_for(actor, adoption, member)
    facts = set(here.context.get("facts", ())) | ({NAMED} if named else set())
    require(
        actor,
        right="vote_as_stand_in",
        modality=here.modality,
        context={**here.context, "facts": facts},
    )
    if named is None:  # the modality permits without the fact: still nobody was named
        raise ValidationError(_("You are not named to vote for this member."), code="not_named")
    return do_cast_as_stand_in(actor=actor, adoption=adoption, named=named, position=position)
