"""The live speaker queue: ask for the floor, and the chair's actions on it.

Who may ask is the engine's answer to `speak` under the process's modality, in the meeting's
phase and kind of day (a refusal names the rule); the order is the engine's (`order.py`). The
chair's actions (`chair_meeting`) give the floor, end or mute it, skip a request, move one with
a recorded reason, and close or reopen the list. Every intervention is recorded.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities import Decision
from roundtable.permissions.actor import Actor

from .announce import announce
from .authority import require_meeting
from .models import AgendaItem, FloorRequest, Intervention, Meeting
from .order import policy_of, queue_order


def _obligation(decision: Decision, kind: str) -> object | None:
    return next((o.value for o in decision.obligations if o.kind == kind), None)


def _open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."), code="closed")


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


# --- asking ---------------------------------------------------------------------------------


def check_ask_floor(
    *,
    actor: Actor,
    meeting: Meeting,
    remote: bool = False,
    agenda_item: AgendaItem | None = None,
    paragraph: str = "",
) -> FloorRequest:
    decision = require_meeting(actor, right="speak", process=meeting.process, meeting=meeting)
    return do_ask_floor(
        actor=actor,
        meeting=meeting,
        decision=decision,
        remote=remote,
        agenda_item=agenda_item,
        paragraph=paragraph,
    )


def do_ask_floor(
    *,
    actor: Actor,
    meeting: Meeting,
    decision: Decision,
    remote: bool = False,
    agenda_item: AgendaItem | None = None,
    paragraph: str = "",
) -> FloorRequest:
    """Queue `actor` with what the engine's decision says: their tier, their slot, whether they
    must name what they speak to, and whom they speak for."""
    if actor.user is None:
        raise ValidationError(_("Sign in to ask for the floor."), code="invalid")
    _open(meeting)
    standing = actor.standing(meeting.process.venue.slug)
    policy = policy_of(meeting)
    chair = bool(standing.roles & set(policy.chair_roles))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("That agenda item belongs to another meeting."), code="invalid")
    if _obligation(decision, "paragraph_reference") and not (agenda_item or paragraph):
        raise ValidationError(
            _("Say which paragraph or agenda item you speak to."), code="paragraph_reference"
        )
    remote = (remote and meeting.mode != Meeting.Mode.IN_PERSON) or (
        meeting.mode == Meeting.Mode.REMOTE
    )
    tier = _obligation(decision, "priority_tier")
    slot = _obligation(decision, "speaking_slot_seconds") or policy.slot_seconds
    groups = sorted(standing.groups)
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.list_closed and not chair:
            raise ValidationError(_("The chair has closed the list of speakers."), code="closed")
        if locked.requests.filter(
            user=actor.user, status__in=[FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING]
        ).exists():
            raise ValidationError(_("You have already asked for the floor."), code="exists")
        made = FloorRequest.objects.create(
            meeting=locked,
            user=actor.user,
            on_behalf_of=standing.delegation or "",
            group=groups[0] if groups else "",
            remote=remote,
            chair=chair,
            tier=int(str(tier)) if tier is not None else 1,
            slot_seconds=int(str(slot)) if slot else None,
            agenda_item=agenda_item,
            paragraph=paragraph,
            asked_at=timezone.now(),
        )
        record_event(actor=actor, verb="floor.ask", target=locked, row=made)
        announce(locked, "queue", {"asked": made.pk})
    return made


def check_withdraw_request(*, actor: Actor, floor_request: FloorRequest) -> FloorRequest:
    """One's own request only: anyone else's is the chair's to skip."""
    if actor.user is None or floor_request.user_id != actor.user.pk:
        meeting = floor_request.meeting
        require_meeting(actor, right="chair_meeting", process=meeting.process, meeting=meeting)
    return do_withdraw_request(actor=actor, floor_request=floor_request)


def do_withdraw_request(*, actor: Actor, floor_request: FloorRequest) -> FloorRequest:
    return _set_status(actor, floor_request, FloorRequest.Status.WITHDRAWN, "")


# --- the chair ------------------------------------------------------------------------------


def _chair(actor: Actor, meeting: Meeting) -> None:
    require_meeting(actor, right="chair_meeting", process=meeting.process, meeting=meeting)


def _end_current(actor: Actor, meeting: Meeting, now: datetime) -> Intervention | None:
    """Whoever has the floor is done; both rows it changes get their event, so `audit verify`
    can tell every later change from one made behind the trail's back."""
    current = (
        Intervention.objects.select_related("request")
        .filter(meeting=meeting, ended_at__isnull=True)
        .first()
    )
    if current is None:
        return None
    current.ended_at = now
    current.save(update_fields=["ended_at"])
    request = current.request
    request.status = FloorRequest.Status.DONE
    request.save(update_fields=["status"])
    record_event(actor=actor, verb="floor.end", target=meeting, row=current)
    record_event(actor=actor, verb="floor.done", target=meeting, row=request)
    return current


def check_give_floor(
    *,
    actor: Actor,
    meeting: Meeting,
    floor_request: FloorRequest | None = None,
    seconds: int | None = None,
) -> Intervention:
    _chair(actor, meeting)
    return do_give_floor(actor=actor, meeting=meeting, floor_request=floor_request, seconds=seconds)


def do_give_floor(
    *,
    actor: Actor,
    meeting: Meeting,
    floor_request: FloorRequest | None = None,
    seconds: int | None = None,
    now: datetime | None = None,
) -> Intervention:
    """The floor to `floor_request`, or to the first in order; whoever had it is done. The timer is
    the modality's slot for that speaker unless the chair sets another. `now` is the clock (a
    loader writing a past meeting passes its own)."""
    _open(meeting)
    if seconds is not None and not 1 <= seconds <= 3600:
        raise ValidationError(_("A speaking time is between 1 second and an hour."), "invalid")
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(meeting)
        places = queue_order(locked)
        if floor_request is not None and floor_request.meeting_id != locked.pk:
            raise ValidationError(_("That request belongs to another meeting."), code="invalid")
        wanted = floor_request.pk if floor_request is not None else None
        place = next((p for p in places if wanted is None or p.request.pk == wanted), None)
        if place is None:
            raise ValidationError(_("Nobody is waiting for the floor."), code="conflict")
        _end_current(actor, locked, now)
        chosen = place.request
        first_engine = next((p for p in places if p.position >= 0), None)
        if place is first_engine:
            locked.rotation_cursor = place.position + 1
        locked.chair_order = [pk for pk in locked.chair_order if pk != chosen.pk]
        locked.save(update_fields=["rotation_cursor", "chair_order"])
        chosen.status = FloorRequest.Status.SPEAKING
        chosen.save(update_fields=["status"])
        made = Intervention.objects.create(
            meeting=locked,
            request=chosen,
            user_id=chosen.user_id,
            on_behalf_of=chosen.on_behalf_of,
            group=chosen.group,
            remote=chosen.remote,
            via=place.via,
            slot_seconds=seconds or chosen.slot_seconds,
            started_at=now,
        )
        record_event(actor=actor, verb="floor.rotate", target=locked)
        record_event(actor=actor, verb="floor.speaking", target=locked, row=chosen)
        record_event(actor=actor, verb="floor.give", target=locked, row=made)
        announce(locked, "queue", {"speaking": chosen.pk})
    return made


def check_end_floor(*, actor: Actor, meeting: Meeting) -> Intervention:
    _chair(actor, meeting)
    return do_end_floor(actor=actor, meeting=meeting)


def do_end_floor(*, actor: Actor, meeting: Meeting, now: datetime | None = None) -> Intervention:
    with transaction.atomic():
        locked = _locked(meeting)
        ended = _end_current(actor, locked, now or timezone.now())
        if ended is None:
            raise ValidationError(_("Nobody has the floor."), code="conflict")
        announce(locked, "queue", {"ended": ended.request_id})
    return ended


def check_mute(*, actor: Actor, meeting: Meeting, muted: bool = True) -> Intervention:
    _chair(actor, meeting)
    return do_mute(actor=actor, meeting=meeting, muted=muted)


def do_mute(*, actor: Actor, meeting: Meeting, muted: bool = True) -> Intervention:
    with transaction.atomic():
        locked = _locked(meeting)
        current = Intervention.objects.filter(meeting=locked, ended_at__isnull=True).first()
        if current is None:
            raise ValidationError(_("Nobody has the floor."), code="conflict")
        current.muted = muted
        current.save(update_fields=["muted"])
        record_event(actor=actor, verb="floor.mute", target=locked, row=current)
        announce(locked, "queue", {"muted": muted})
    return current


def _set_status(actor: Actor, request: FloorRequest, status: str, reason: str) -> FloorRequest:
    with transaction.atomic():
        locked = _locked(request.meeting)
        request.refresh_from_db()
        if request.status != FloorRequest.Status.WAITING:
            raise ValidationError(_("That request is no longer waiting."), code="conflict")
        request.status = status
        request.reason = reason
        request.save(update_fields=["status", "reason"])
        record_event(actor=actor, verb=f"floor.{status}", target=locked, row=request)
        announce(locked, "queue", {status: request.pk})
    return request


def check_skip_request(
    *, actor: Actor, floor_request: FloorRequest, reason: str = ""
) -> FloorRequest:
    _chair(actor, floor_request.meeting)
    return do_skip_request(actor=actor, floor_request=floor_request, reason=reason)


def do_skip_request(*, actor: Actor, floor_request: FloorRequest, reason: str = "") -> FloorRequest:
    return _set_status(actor, floor_request, FloorRequest.Status.SKIPPED, reason)


def check_move_request(
    *, actor: Actor, floor_request: FloorRequest, position: int, reason: str
) -> FloorRequest:
    _chair(actor, floor_request.meeting)
    return do_move_request(
        actor=actor, floor_request=floor_request, position=position, reason=reason
    )


def do_move_request(
    *, actor: Actor, floor_request: FloorRequest, position: int, reason: str
) -> FloorRequest:
    request = floor_request
    """Put a waiting request at `position` (1 = next). The chair's order then holds for those
    ahead of it and it; the reason is recorded with the request and in the trail."""
    if not reason.strip():
        raise ValidationError(_("Say why you change the order."), code="invalid")
    if position < 1:
        raise ValidationError(_("A place in the queue is 1 or more."), code="invalid")
    with transaction.atomic():
        locked = _locked(request.meeting)
        ids = [p.request.pk for p in queue_order(locked)]
        if request.pk not in ids:
            raise ValidationError(_("That request is no longer waiting."), code="conflict")
        ids.remove(request.pk)
        ids.insert(min(position, len(ids) + 1) - 1, request.pk)
        locked.chair_order = ids[: ids.index(request.pk) + 1]
        locked.save(update_fields=["chair_order"])
        request.reason = reason
        request.save(update_fields=["reason"])
        record_event(actor=actor, verb="floor.order", target=locked, summary=reason)
        record_event(actor=actor, verb="floor.move", target=locked, row=request, summary=reason)
        announce(locked, "queue", {"moved": request.pk})
    return request


def check_close_list(*, actor: Actor, meeting: Meeting, closed: bool = True) -> Meeting:
    _chair(actor, meeting)
    return do_close_list(actor=actor, meeting=meeting, closed=closed)


def do_close_list(*, actor: Actor, meeting: Meeting, closed: bool = True) -> Meeting:
    with transaction.atomic():
        locked = _locked(meeting)
        locked.list_closed = closed
        locked.save(update_fields=["list_closed"])
        record_event(actor=actor, verb="floor.close" if closed else "floor.reopen", target=locked)
        announce(locked, "queue", {"closed": closed})
    return locked
