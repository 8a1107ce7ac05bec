"""Campaign grouping as a task (django-tasks, run by `roundtable worker`): queued when
contributions arrive in bulk (the end of a "Have your say" import) or when the secretariat
asks. The task receives the call's id and the label of who asked; it reads no request."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django_tasks import task

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.processes.setup import require_manage_process

from .campaigns import do_group_campaigns
from .models import CallForInput


@task()
def group_campaigns(call_id: int, actor_label: str) -> dict[str, int]:
    call = CallForInput.objects.select_related("process").get(pk=call_id)
    return do_group_campaigns(actor=Actor.operator(actor_label), call=call)


def queue_grouping(*, actor: Actor, call: CallForInput) -> None:
    """Queue the grouping once the caller's transaction commits (the worker must see the rows
    it groups). The call counts one more grouping asked for: its pages say "regrouping" until
    a task has read the call after this (`do_group_campaigns` stores the count it read)."""
    CallForInput.objects.filter(pk=call.pk).update(campaigns_asked=F("campaigns_asked") + 1)
    label = actor.audit_label()
    transaction.on_commit(lambda: group_campaigns.enqueue(call.pk, label))


def check_queue_grouping(*, actor: Actor, call: CallForInput) -> None:
    """The secretariat asks for the grouping again (right `manage_process`)."""
    require_manage_process(actor, call.process.venue)
    with transaction.atomic():
        record_event(
            actor=actor,
            verb="contributions.campaigns_queued",
            target=call.process,
            summary={"call": call.pk},
        )
        queue_grouping(actor=actor, call=call)
