"""The account page's "my processes": the processes at the venues where the viewer is
accredited or holds a role, with what the door allows them now.

It joins the accounts (stakeholders) and the processes, which do not know each other, so it
lives above both and joins the account page as a part (roundtable/outputs/parts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from roundtable.modalities import Standing
from roundtable.permissions.door import decide, standing_for_user
from roundtable.permissions.vocabulary import label
from roundtable.processes.queries import list_observable_processes
from roundtable.processes.situation import Situation
from roundtable.stakeholders.queries import list_my_venue_ids

# The rights a personal page reads out for each of the viewer's processes, in this order.
PERSONAL_RIGHTS = (
    "observe",
    "attend",
    "speak",
    "submit_input",
    "comment",
    "propose_amendment",
    "decide",
)


@dataclass(frozen=True)
class MyProcess:
    where: Situation
    may: list[str]  # labels of the rights the door allows now, in the reader's language


def list_my_processes(*, viewer: Any) -> list[MyProcess]:
    """Processes at the venues where the viewer is accredited (approved) or holds a role, with
    what the door allows them now in the current phase."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    venues, everywhere = list_my_venue_ids(viewer=viewer)
    found = []
    standings: dict[str, Standing] = {}  # one standing per venue, however many processes
    for where in list_observable_processes(viewer=viewer):
        if not everywhere and where.process.venue_id not in venues:
            continue
        slug = where.process.venue.slug
        if slug not in standings:
            standings[slug] = standing_for_user(viewer, slug)
        who = standings[slug]
        may = [
            label("right", right)
            for right in PERSONAL_RIGHTS
            if decide(who, right=right, modality=where.modality, context=where.context).allowed
        ]
        found.append(MyProcess(where, may))
    return found


def me_part(request: HttpRequest) -> dict[str, Any]:
    """The account page's processes (roundtable/stakeholders/templates/stakeholders/me.html)."""
    return {"my_processes": list_my_processes(viewer=request.user)}
