"""Notifications of new contributions, proposed amendments and consensus calls, each carrying its
recipient's own reply address (`replies.reply_address`): answering the mail comments on the
contribution or on the amended paragraph, or objects while the call is open.

Who is told: the people accredited (approved) at the process's venue, each only if the door
lets them observe the process. Sent when the row is committed (a rolled-back call tells
nobody), through the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from roundtable.contributions.models import Contribution
from roundtable.decisions.ballots import CONSENSUS_KINDS
from roundtable.decisions.models import Adoption
from roundtable.drafting.models import Amendment
from roundtable.lists.notices import compose
from roundtable.outbox.actions import enqueue_mail
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.processes.reading import may_observe
from roundtable.stakeholders.models import Accreditation

from .replies import Target, reply_address

ACTOR = Actor.operator("mail:notify")


def audience(process: Process) -> list[User]:
    users = User.objects.filter(
        is_active=True,
        accreditations__venue=process.venue,
        accreditations__status=Accreditation.Status.APPROVED,
    ).distinct()
    return [user for user in users if may_observe(Actor.person(user), process)]


def message_for(user: User, target: Target) -> tuple[str, str]:
    if isinstance(target, Adoption):
        subject = _("Consensus call: %(document)s") % {"document": target.document.title}
        body = _(
            "A consensus call is open on %(document)s until %(closes)s. To object, reply to "
            "this message with your objection: your reply is recorded as your objection."
        ) % {"document": target.document.title, "closes": target.closes_at.isoformat()}
    elif isinstance(target, Amendment):
        where = {"document": target.document.title, "pid": target.pid or "-"}
        subject = _("Amendment proposed: %(document)s, paragraph %(pid)s") % where
        body = _("An amendment to paragraph %(pid)s of %(document)s was proposed. Reply to this "
                 "message to comment on that paragraph.") % where  # fmt: skip
    else:
        subject = _("New contribution: %(title)s") % {"title": target.title}
        body = _("A new contribution was published: %(title)s. Reply to this message to "
                 "comment on it.") % {"title": target.title}  # fmt: skip
    return subject, body


def do_notify(*, actor: Actor, target: Target, recipients: Iterable[User]) -> list[int]:
    """Queue one notification per recipient, each with its own reply address."""
    ids: list[int] = []
    for user in recipients:
        subject, body = message_for(user, target)
        address = user.get_username()
        message = compose(to=address, subject=subject, body=body,
                          reply_to=reply_address(user, target))  # fmt: skip
        ids += enqueue_mail(actor=actor, to=[address], message=message, purpose="notification")
    return ids


def _process_of(target: Target) -> Process:
    if isinstance(target, Adoption):
        return target.process
    if isinstance(target, Amendment):
        return target.document.process
    return target.call.process


def _later(target: Target) -> None:
    transaction.on_commit(
        lambda: do_notify(actor=ACTOR, target=target, recipients=audience(_process_of(target)))
    )


def on_adoption(sender: Any, instance: Adoption, created: bool, **kwargs: Any) -> None:
    if created and instance.kind in CONSENSUS_KINDS and not kwargs.get("raw"):
        _later(instance)


def on_contribution(sender: Any, instance: Contribution, created: bool, **kwargs: Any) -> None:
    published = instance.status == Contribution.Status.PUBLISHED
    if created and published and not kwargs.get("raw"):
        _later(instance)


def on_amendment(sender: Any, instance: Amendment, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        _later(instance)


def connect() -> None:
    post_save.connect(on_adoption, sender=Adoption, dispatch_uid="mailroom.notify.adoption")
    post_save.connect(
        on_contribution, sender=Contribution, dispatch_uid="mailroom.notify.contribution"
    )
    post_save.connect(on_amendment, sender=Amendment, dispatch_uid="mailroom.notify.amendment")
