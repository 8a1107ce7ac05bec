"""Importing the contributions a consultation received elsewhere, as one call's contributions.

`do_import_haveyoursay` reads a "Have your say" feedback export (parsed by the pure
`haveyoursay` module), maps each respondent type to a stakeholder group and stores the good
rows as contributions of `call`, authored by the importing account with the feedback's id as
`source_ref`; rows already imported into the call are skipped, so importing twice adds
nothing. New rows queue the call's campaign grouping (tasks.group_campaigns). Bad rows are reported with their line numbers and the rest is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.models import StakeholderGroup

from . import tallies
from .haveyoursay import Feedback, RowError, parse_feedbacks
from .models import CallForInput, Contribution
from .rendering import count_words, render_markdown
from .tasks import queue_grouping


@dataclass
class ImportReport:
    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)


def do_import_haveyoursay(*, actor: Actor, call: CallForInput, text: str) -> ImportReport:
    """`actor` is the importing account: it authors the imported contributions."""
    author = actor.user
    if author is None:
        raise ValueError("Contributions are imported by an account, which authors them.")
    report = ImportReport()
    feedbacks: list[Feedback] = []
    for item in parse_feedbacks(text):
        if isinstance(item, RowError):
            report.errors.append(item)
        else:
            feedbacks.append(item)
    groups = {g.slug: g for g in StakeholderGroup.objects.all()}
    for feedback in feedbacks:
        if feedback.group is not None and feedback.group not in groups:
            report.errors.append(
                RowError(feedback.line, f"no stakeholder group {feedback.group!r} here")
            )
    usable = [f for f in feedbacks if f.group is None or f.group in groups]
    with transaction.atomic():
        CallForInput.objects.select_for_update().filter(pk=call.pk).first()
        known = set(
            Contribution.objects.filter(call=call).exclude(source_ref="")
            .values_list("source_ref", flat=True)
        )  # fmt: skip
        new = [f for f in usable if f.ref not in known]
        report.existing = len(usable) - len(new)
        made = Contribution.objects.bulk_create(
            [
                Contribution(
                    call=call,
                    author=author,
                    group=groups[f.group] if f.group else None,
                    title=f.title,
                    body=f.body,
                    body_html=render_markdown(f.body),
                    language=f.language,
                    word_count=count_words(f.body),
                    submitted_at=f.submitted_at,
                    source_ref=f.ref,
                )
                for f in new
            ]
        )
        tallies.added(made)
        report.created = len(new)
        if not new and not report.errors:
            return report  # nothing new: importing again leaves no trace
        record_event(
            actor=actor,
            verb="contributions.imported",
            target=call.process,
            summary={
                "call": call.pk,
                "source": "haveyoursay",
                "created": report.created,
                "existing": report.existing,
                "bad_rows": [e.line for e in report.errors],
            },
        )
        if report.created:
            # Contributions in bulk are where form letters come: group them (a task).
            queue_grouping(actor=actor, call=call)
    return report
