"""Writes for dynamic coalitions: the founding request, the secretariat's review, membership,
the venue's report dates, yearly reports and revival.

`do_*` change and audit; `check_*` are the untrusted entry points: they ask the door first
(venue-level rights in the platform file `coalitions`, see roundtable/permissions/modalities).
Every action takes the clock (`now`) so that tests pass the date in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.lists.actions import do_ensure_list, do_place_list
from roundtable.modalities.coalitions import CoalitionRules, check_founding
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require
from roundtable.processes.actions import do_create_process, ensure_modalities
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.venues.models import Venue

from .list_membership import (
    invite_founders,
    list_address,
    subscribe_on_joining,
    unsubscribe_on_leaving,
)
from .models import ActivityReport, Coalition, Member, ReportDate

#: The platform rule file that decides the venue-level rights (found, join, review, report).
COALITIONS = "coalitions"
DEFAULT_MODALITY = "igf-dynamic-coalition"
RESERVED_SLUGS = frozenset({"new", "report-dates"})


@dataclass(frozen=True)
class Founder:
    user: User
    group: StakeholderGroup


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _person(actor: Actor) -> User:
    if actor.user is None:
        raise ValidationError(_("Sign in first."), code="anonymous")
    return actor.user


def coalition_rules(modality: str) -> CoalitionRules:
    """The modality's ``coalitions:`` block; a modality without one founds no coalition."""
    ensure_modalities(modality)
    rules = get_modality(modality).coalitions
    if rules is None:
        raise ValidationError(
            _("The modality “%(name)s” does not provide for dynamic coalitions.")
            % {"name": modality},
            code="modality",
        )
    return rules


def founding_refusal(rules: CoalitionRules, groups: Sequence[str]) -> ValidationError | None:
    """The refusal of founders from too few stakeholder groups: the rule and what allows it."""
    check = check_founding(rules, groups)
    if check.allowed:
        return None
    return ValidationError(
        _(
            "Refused by the rule %(rule)s: the founding members must come from at least "
            "%(needed)s stakeholder groups; these come from %(found)s. Stakeholder groups "
            "still needed: %(missing)s."
        )
        % {
            "found": len(check.groups),
            "rule": check.rule,
            "needed": check.needed,
            "missing": check.missing,
        },
        code="founding_groups",
    )


def do_request_founding(
    *,
    actor: Actor,
    venue: Venue,
    name: str,
    statement_of_need: str,
    action_plan: str,
    contacts: str,
    founders: Sequence[Founder],
    modality: str = DEFAULT_MODALITY,
    now: datetime | None = None,
) -> Coalition:
    """Ask to found a coalition; founders from enough groups put it in review, else refused.

    The person asking is among the founders and becomes a coordinator."""
    rules = coalition_rules(modality)
    fields = {"name": name, "statement_of_need": statement_of_need, "action_plan": action_plan}
    errors = {k: [_("This field is required.")] for k, v in {**fields, "contacts": contacts}.items()
              if not v.strip()}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    if actor.user is None or actor.user.pk not in {f.user.pk for f in founders}:
        raise ValidationError(
            _("Name yourself among the founding members, with your stakeholder group."),
            code="founder",
        )
    refusal = founding_refusal(rules, [f.group.slug for f in founders])
    if refusal is not None:
        raise refusal
    slug = slugify(name)[:47] or "coalition"
    if slug in RESERVED_SLUGS:  # the pages' own addresses under venues/<venue>/coalitions/
        slug = f"dc-{slug}"
    moment = _now(now)
    try:
        with transaction.atomic():
            coalition = Coalition.objects.create(
                venue=venue, slug=slug, modality=modality, contacts=contacts.strip(),
                requested_by=actor.user, requested_at=moment,
                **{k: v.strip() for k, v in fields.items()},
            )  # fmt: skip
            by_user = {f.user.pk: f for f in founders}
            Member.objects.bulk_create(
                Member(
                    coalition=coalition,
                    user=f.user,
                    group=f.group,
                    founding=True,
                    joined_at=moment,
                    role=Member.Role.COORDINATOR
                    if f.user.pk == actor.user.pk
                    else Member.Role.MEMBER,
                )  # fmt: skip
                for f in by_user.values()
            )
            record_event(
                actor=actor,
                verb="coalition.requested",
                target=coalition,
                summary={"venue": venue.slug, "name": coalition.name, "founders": len(by_user),
                         "groups": sorted({f.group.slug for f in founders})},
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            _("A coalition of this venue already has this name; choose another."), code="exists"
        ) from None
    return coalition


def check_request_founding(
    *, actor: Actor, venue: Venue, name: str, statement_of_need: str, action_plan: str,
    contacts: str, founders: Sequence[Founder], modality: str = DEFAULT_MODALITY,
    now: datetime | None = None,
) -> Coalition:  # fmt: skip
    require(actor, right="found_coalition", modality=COALITIONS, context={"venue": venue.slug})
    return do_request_founding(
        actor=actor, venue=venue, name=name, statement_of_need=statement_of_need,
        action_plan=action_plan, contacts=contacts, founders=founders, modality=modality,
        now=now,
    )  # fmt: skip


def do_review_founding(
    *, actor: Actor, coalition: Coalition, approve: bool, reason: str = "",
    now: datetime | None = None,
) -> Coalition:  # fmt: skip
    """Approve (the coalition gets its process and its open list) or decline with a reason."""
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Say why the request is declined."), code="reason_required")
    with transaction.atomic():
        coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
        if coalition.status != Coalition.Status.REVIEW:
            raise ValidationError(
                _("This request was already decided (%(status)s).")
                % {"status": coalition.get_status_display()},
                code="decided",
            )
        coalition.decided_by = actor.user
        coalition.decided_at = _now(now)
        coalition.reason = reason
        if approve:
            coalition.status = Coalition.Status.APPROVED
            coalition.process = do_create_process(
                actor=actor, venue=coalition.venue, slug=f"dc-{coalition.slug}"[:50],
                title=coalition.name, modality=coalition.modality,
                summary=coalition.statement_of_need,
            )  # fmt: skip
            mailing_list = do_ensure_list(
                actor=actor,
                address=list_address(coalition.venue.slug, coalition.slug),
                name=coalition.name,
            )
            coalition.mailing_list = do_place_list(
                actor=actor, mailing_list=mailing_list, venue=None, process=coalition.process
            )
        else:
            coalition.status = Coalition.Status.DECLINED
        coalition.save()
        # The lists app subscribes nobody on another's word: each founder is mailed an
        # invitation to accept (list_membership.founder_accepted).
        invited = invite_founders(actor, coalition) if approve else 0
        record_event(
            actor=actor,
            verb="coalition.approved" if approve else "coalition.declined",
            target=coalition,
            summary={"reason": reason, "invited": invited} if approve else {"reason": reason},
        )
    return coalition


def check_review_founding(
    *, actor: Actor, coalition: Coalition, approve: bool, reason: str = "",
    now: datetime | None = None,
) -> Coalition:  # fmt: skip
    require(
        actor, right="review_coalition", modality=COALITIONS,
        context={"venue": coalition.venue.slug},
    )  # fmt: skip
    return do_review_founding(
        actor=actor, coalition=coalition, approve=approve, reason=reason, now=now
    )


def _approved(coalition: Coalition) -> None:
    if coalition.status != Coalition.Status.APPROVED:
        raise ValidationError(
            _("This coalition is not founded yet (%(status)s).")
            % {"status": coalition.get_status_display()},
            code="not_founded",
        )


def do_join(
    *, actor: Actor, coalition: Coalition, group: StakeholderGroup, now: datetime | None = None
) -> Member:
    """Membership is open: anyone signed in joins, saying which stakeholder group they are of,
    and is subscribed to the coalition's list (`list_membership`)."""
    _approved(coalition)
    if group.slug not in get_modality(coalition.modality).groups:
        raise ValidationError(_("Choose one of the stakeholder groups offered."), code="group")
    if actor.user is None:
        raise ValidationError(_("Sign in to join a coalition."), code="anonymous")
    with transaction.atomic():
        member, created = Member.objects.get_or_create(
            coalition=coalition, user=actor.user,
            defaults={"group": group, "joined_at": _now(now)},
        )  # fmt: skip
        if not created and member.group_id != group.pk:
            member.group = group
            member.save(update_fields=["group"])
        if created and subscribe_on_joining(actor, coalition):
            member.subscribed_on_joining = True
            member.save(update_fields=["subscribed_on_joining"])
        record_event(
            actor=actor, verb="coalition.joined", target=coalition, row=member,
            summary={"group": group.slug, "subscribed": member.subscribed_on_joining},
        )  # fmt: skip
    actor.forget()  # the door's facts about them in the process (facts.py) changed
    return member


def check_join(
    *, actor: Actor, coalition: Coalition, group: StakeholderGroup, now: datetime | None = None
) -> Member:
    require(
        actor, right="join_coalition", modality=COALITIONS,
        context={"venue": coalition.venue.slug},
    )  # fmt: skip
    return do_join(actor=actor, coalition=coalition, group=group, now=now)


def do_leave(*, actor: Actor, coalition: Coalition) -> None:
    with transaction.atomic():
        member = Member.objects.filter(coalition=coalition, user=actor.user).first()
        if member is None:
            return
        unsubscribe_on_leaving(actor, coalition, member)
        member.delete()
        record_event(actor=actor, verb="coalition.left", target=coalition)
    actor.forget()


def check_leave(*, actor: Actor, coalition: Coalition) -> None:
    require(
        actor, right="join_coalition", modality=COALITIONS,
        context={"venue": coalition.venue.slug},
    )  # fmt: skip
    do_leave(actor=actor, coalition=coalition)


def do_set_report_date(*, actor: Actor, venue: Venue, due_on: date) -> ReportDate:
    with transaction.atomic():
        report_date, _created = ReportDate.objects.get_or_create(
            venue=venue, due_on=due_on, defaults={"set_by": _person(actor)}
        )
        record_event(
            actor=actor, verb="coalition.report_date", target=venue, row=report_date,
            summary={"due_on": due_on.isoformat()},
        )  # fmt: skip
    return report_date


def check_set_report_date(*, actor: Actor, venue: Venue, due_on: date) -> ReportDate:
    require(actor, right="review_coalition", modality=COALITIONS, context={"venue": venue.slug})
    return do_set_report_date(actor=actor, venue=venue, due_on=due_on)


def do_file_report(
    *, actor: Actor, coalition: Coalition, text: str, now: datetime | None = None
) -> ActivityReport:
    """File the yearly activity report (on the clock's day); a late one revives the coalition."""
    _approved(coalition)
    if not text.strip():
        raise ValidationError({"text": [_("This field is required.")]})
    with transaction.atomic():
        report = ActivityReport.objects.create(
            coalition=coalition, text=text.strip(), filed_on=_now(now).date(),
            filed_by=_person(actor),
        )  # fmt: skip
        record_event(
            actor=actor, verb="coalition.report_filed", target=coalition, row=report,
            summary={"filed_on": report.filed_on.isoformat()},
        )  # fmt: skip
    return report


def is_coordinator(user: User | None, coalition: Coalition) -> bool:
    return (
        user is not None
        and Member.objects.filter(
            coalition=coalition, user=user, role=Member.Role.COORDINATOR
        ).exists()
    )


def check_file_report(
    *, actor: Actor, coalition: Coalition, text: str, now: datetime | None = None
) -> ActivityReport:
    facts = {"coalition-coordinator"} if is_coordinator(actor.user, coalition) else set()
    require(
        actor, right="file_coalition_report", modality=COALITIONS,
        context={"venue": coalition.venue.slug, "facts": facts},
    )  # fmt: skip
    return do_file_report(actor=actor, coalition=coalition, text=text, now=now)


def do_revive(
    *, actor: Actor, coalition: Coalition, reason: str, now: datetime | None = None
) -> Coalition:
    """The secretariat revives an inactive coalition: from the clock's day it counts as having
    reported and as active on its list, for one period."""
    _approved(coalition)
    if not reason.strip():
        raise ValidationError(_("Say why the coalition is revived."), code="reason_required")
    with transaction.atomic():
        coalition.revived_on = _now(now).date()
        coalition.save(update_fields=["revived_on"])
        record_event(
            actor=actor, verb="coalition.revived", target=coalition,
            summary={"reason": reason.strip(), "on": coalition.revived_on.isoformat()},
        )  # fmt: skip
    return coalition


def check_revive(
    *, actor: Actor, coalition: Coalition, reason: str, now: datetime | None = None
) -> Coalition:
    require(
        actor, right="review_coalition", modality=COALITIONS,
        context={"venue": coalition.venue.slug},
    )  # fmt: skip
    return do_revive(actor=actor, coalition=coalition, reason=reason, now=now)
