"""Statements kept on file (a GNSO Statement of Interest, an IETF Note Well acknowledgement)
and the obligations that gate rights on them.

A rule may carry the obligation ``statement_of_interest`` or ``note_well``; the modality's
``disclosures:`` section says how long a statement stays current. `require_disclosures` refuses
a permitted act when the person's statement is missing, expired or marked as needing an
update, naming the rule and what would allow it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.audit.actions import record_event
from roundtable.modalities.appeals import DISCLOSURE_KINDS, Disclosure
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require
from roundtable.venues.models import Venue

from .models import DisclosureStatement

KIND_WORDS = {
    "statement_of_interest": gettext_lazy("a Statement of Interest"),
    "note_well": gettext_lazy("a Note Well acknowledgement"),
}
STATE_WORDS = {
    "missing": gettext_lazy("none is on file"),
    "expired": gettext_lazy("it is older than the modality allows"),
    "update-needed": gettext_lazy("it is marked as needing an update"),
}


def statement_on_file(user: Any, venue: Venue, kind: str) -> DisclosureStatement | None:
    """The statement in force: the latest one filed."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return DisclosureStatement.objects.filter(user=user, venue=venue, kind=kind).first()


def unmet(decision: Decision, user: Any, venue: Venue, now: datetime) -> list[tuple[str, str]]:
    """(kind, state) for each disclosure obligation of `decision` the person does not meet."""
    out: list[tuple[str, str]] = []
    for obligation in decision.obligations:
        if obligation.kind not in DISCLOSURE_KINDS or not obligation.value:
            continue
        spec = decision.modality.disclosure(obligation.kind) or Disclosure(obligation.kind)
        found = statement_on_file(user, venue, obligation.kind)
        state = spec.state(
            found.filed_at if found else None, found.update_needed if found else False, now
        )
        if state != "current":
            out.append((obligation.kind, state))
    return out


class StatementRequired(PermissionDenied):
    """A permitted act refused for want of a current statement: pages offer the way to file."""


def require_disclosures(
    decision: Decision, user: Any, venue: Venue, now: datetime | None = None
) -> None:
    """Refuse (naming the rule and what would allow it) when a statement the permitting rule
    requires is missing or stale."""
    for kind, state in unmet(decision, user, venue, now or timezone.now()):
        raise StatementRequired(
            _(
                "Rule %(rule)s requires %(what)s kept current, and %(state)s. File or update "
                "it for this venue to be allowed."
            )
            % {"rule": decision.rule, "what": KIND_WORDS[kind], "state": STATE_WORDS[state]}
        )


def do_file_disclosure(
    *, actor: Actor, venue: Venue, kind: str, text: str, now: datetime | None = None
) -> DisclosureStatement:
    """File (or update: a new filing replaces the one in force) one's own statement."""
    if actor.user is None:
        raise PermissionDenied(_("Sign in to act with your standing."))
    if kind not in DISCLOSURE_KINDS:
        raise ValidationError(_("No such kind of statement."), code="kind")
    if kind == "statement_of_interest" and not text.strip():
        raise ValidationError(_("Write the statement."), code="required")
    with transaction.atomic():
        made = DisclosureStatement.objects.create(
            user=actor.user,
            venue=venue,
            kind=kind,
            text=text.strip(),
            filed_at=now or timezone.now(),
        )
        record_event(actor=actor, verb="disclosure.filed", target=made, summary={"kind": kind})
        return made


def check_file_disclosure(
    *, actor: Actor, venue: Venue, modality: str, context: dict[str, Any], kind: str, text: str
) -> DisclosureStatement:
    """Ask the process's modality (right ``file_disclosure``), then file."""
    declared = get_modality(modality)
    if declared.disclosure(kind) is None:
        raise ValidationError(
            _("The modality %(modality)s asks for no such statement.") % {"modality": modality},
            code="kind",
        )
    require(actor, right="file_disclosure", modality=modality, context=context)
    return do_file_disclosure(actor=actor, venue=venue, kind=kind, text=text)


def statements_beside(
    venue: Venue, modality: str, user_ids: list[int]
) -> dict[int, list[tuple[str, DisclosureStatement]]]:
    """Each person's statements in force, as (kind in words, statement), for the kinds the
    modality declares: shown beside their words (positions, contributions). One query."""
    kinds = [d.kind for d in get_modality(modality).disclosures]
    out: dict[int, list[tuple[str, DisclosureStatement]]] = {}
    if not kinds or not user_ids:
        return out
    seen: set[tuple[int, str]] = set()
    found = DisclosureStatement.objects.filter(venue=venue, kind__in=kinds, user_id__in=user_ids)
    for st in found:  # newest first (Meta.ordering): the first per person and kind is in force
        if (st.user_id, st.kind) in seen:
            continue
        seen.add((st.user_id, st.kind))
        out.setdefault(st.user_id, []).append((str(KIND_WORDS.get(st.kind, st.kind)), st))
    return out
