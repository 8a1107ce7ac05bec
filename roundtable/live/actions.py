"""Publishing a live event: the one write of this package.

`publish` is not an action of its own: the caller's action has already asked the door and
records the audit event, and calls it inside its own transaction, so the event exists exactly
when the change it announces does.
"""

from __future__ import annotations

from django.db import connection, transaction

from roundtable.live.hub import wake_local
from roundtable.live.listener import NOTIFY_CHANNEL
from roundtable.live.models import LiveEvent

# The first key of PostgreSQL's two-key advisory locks taken here (the second is the channel's
# hash): an arbitrary constant, so these locks meet no one else's.
_LOCK_SPACE = 7_424_101


def publish(*, channel: str, kind: str, data: dict[str, object]) -> int:
    """Store the event and, when the caller's transaction commits, wake every viewer of
    `channel`: in this process directly, in the others through PostgreSQL's NOTIFY."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Ids come from one sequence and commit in any order; holding a per-channel lock
                # from before the id is drawn until the commit makes a channel's ids commit in
                # order, so "every event after id N" never skips one committed late.
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_LOCK_SPACE, channel]
                )
        event = LiveEvent.objects.create(channel=channel, kind=kind, data=data)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # NOTIFY is transactional: listeners hear it on commit, never on rollback.
                cursor.execute(
                    "SELECT pg_notify(%s, %s)", [NOTIFY_CHANNEL, f"{event.id}:{channel}"]
                )
        transaction.on_commit(lambda: wake_local(channel))
    return event.id
