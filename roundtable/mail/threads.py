"""Threading after Jamie Zawinski's algorithm (https://www.jwz.org/doc/threading.html).

Containers are keyed by Message-ID; a referenced message that is not in the archive becomes
a placeholder container, kept as a parent when it holds two or more replies. The subject
fallback is conservative: only a message with no references at all, whose subject is a reply
("Re: ..."), is attached to an earlier thread root with the same base subject within a
window of days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .records import Thread, ThreadItem, ThreadNode

REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|réf|ref|fwd?|tr)\s*(?:\[\d+\])?\s*[:：]\s*|\[[^\]]{1,40}\]\s*)+",
    re.IGNORECASE,
)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def base_subject(subject: str) -> str:
    """A subject without list tags and reply/forward prefixes, lowercased."""
    return " ".join(REPLY_PREFIX.sub("", subject).split()).lower()


def is_reply_subject(subject: str) -> bool:
    return (
        re.match(r"^\s*(?:\[[^\]]{1,40}\]\s*)*(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:", subject, re.I)
        is not None
    )


@dataclass(eq=False)
class _Container:
    ident: str
    item: ThreadItem | None = None
    parent: _Container | None = None
    children: list[_Container] = field(default_factory=list)

    def date(self) -> datetime:
        if self.item is not None and self.item.date is not None:
            return self.item.date
        dates = [child.date() for child in self.children]
        return min(dates) if dates else EPOCH

    def reaches(self, other: _Container) -> bool:
        """Is `other` this container or one of its descendants?"""
        stack = [self]
        while stack:
            node = stack.pop()
            if node is other:
                return True
            stack.extend(node.children)
        return False


def _link(parent: _Container, child: _Container) -> None:
    if child.parent is not None:
        child.parent.children.remove(child)
    child.parent = parent
    parent.children.append(child)


def thread(items: Iterable[ThreadItem], *, subject_window_days: int = 60) -> list[Thread]:
    """Group messages into threads; the result is deterministic for a given set of items.

    In three steps, which a caller holding a large archive in a database may run apart (see
    `roundtable.lists.threading`): `roots` links and prunes the containers of each connected
    part of the Message-ID/References graph, `subject_joins` decides the subject fallback
    from a summary of each root, `assemble` applies those joins and flattens the trees
    (`thread_part` runs the first and the last at once, with no joins)."""
    pruned = _roots(items)
    summaries = sorted((_summary(box) for box in pruned), key=lambda r: (r.date, r.ident))
    joins = dict(subject_joins(summaries, subject_window_days))
    return _assemble(pruned, joins)


@dataclass(frozen=True, slots=True)
class RootSummary:
    """What the subject fallback needs to know of a root (after linking and pruning)."""

    ident: str
    date: datetime  # the root's date before the fallback (its sort key, with ident)
    subject: str  # base subject; "" for a placeholder root (never joined, never joined to)
    joins: bool  # a message with no references whose subject is a reply
    own_date: datetime | None  # the message's own date (None: undated or placeholder)
    children_date: datetime | None  # the earliest date of its children (None: no children)


def roots(items: Iterable[ThreadItem]) -> list[RootSummary]:
    """Link and prune: a summary of each root the items make, before the subject fallback.
    Items of different connected parts of the Message-ID/References graph never meet, so
    this may be run part by part."""
    return [_summary(box) for box in _roots(items)]


def thread_part(items: Iterable[ThreadItem]) -> tuple[list[RootSummary], list[Thread]]:
    """`roots` and `assemble` with no joins at once (one linking): the summaries of a
    connected part's roots and its threads as they stand if the fallback joins none of them."""
    pruned = _roots(items)
    summaries = [_summary(box) for box in pruned]
    return summaries, _assemble(pruned, {})


def subject_joins(
    summaries: Iterable[RootSummary], window_days: int = 60
) -> Iterator[tuple[str, str]]:
    """The conservative subject fallback: (root ident, ident of the earlier root it joins).

    `summaries` must come in (date, ident) order. Roots of different base subjects never
    meet, so this may be run subject by subject (each subject's roots in that order)."""
    window = timedelta(days=window_days)
    # subject -> [ident, own date, earliest child date] of the root that others join
    by_subject: dict[str, list[Any]] = {}
    for root in summaries:
        subject = root.subject
        earlier = by_subject.get(subject) if subject else None
        if root.joins and earlier is not None and root.date - _live_date(earlier) <= window:
            if earlier[1] is None:  # an undated root's date is its earliest child's
                earlier[2] = root.date if earlier[2] is None else min(earlier[2], root.date)
            yield root.ident, earlier[0]
            continue
        if subject and (earlier is None or root.date - _live_date(earlier) > window):
            by_subject[subject] = [root.ident, root.own_date, root.children_date]


def _live_date(entry: list[Any]) -> datetime:
    date: datetime | None = entry[1] if entry[1] is not None else entry[2]
    return date if date is not None else EPOCH


def assemble(items: Iterable[ThreadItem], joins: Mapping[str, str]) -> list[Thread]:
    """The threads of `items` given the subject joins decided for them (root ident ->
    earlier root ident, both among these items' roots), in (date, root) order."""
    return _assemble(_roots(items), joins)


def _roots(items: Iterable[ThreadItem]) -> list[_Container]:
    table: dict[str, _Container] = {}
    ordered = sorted(items, key=lambda i: (i.date or EPOCH, i.message_id, i.key))
    for item in ordered:
        box = table.get(item.message_id)
        if box is None:
            box = table[item.message_id] = _Container(item.message_id)
        if box.item is not None:
            # Same Message-ID held twice (a flagged variant): its own container, beside it.
            twin = _Container(f"{item.message_id}\0{item.key}", item=item)
            table[twin.ident] = twin
            if box.parent is not None:
                _link(box.parent, twin)
            else:
                _link(box, twin)
            continue
        box.item = item
        previous: _Container | None = None
        for ref in item.references:
            ref_box = table.get(ref)
            if ref_box is None:
                ref_box = table[ref] = _Container(ref)
            if previous is not None and ref_box.parent is None and not ref_box.reaches(previous):
                _link(previous, ref_box)
            previous = ref_box
        if previous is not None and not box.reaches(previous) and box.parent is not previous:
            _link(previous, box)

    pruned: list[_Container] = []
    for root in [box for box in table.values() if box.parent is None]:
        pruned.extend(_prune(root))
    return pruned


def _summary(box: _Container) -> RootSummary:
    item = box.item
    return RootSummary(
        ident=box.ident,
        date=box.date(),
        subject=base_subject(item.subject) if item is not None else "",
        joins=item is not None and not item.references and is_reply_subject(item.subject),
        own_date=item.date if item is not None else None,
        children_date=min(child.date() for child in box.children) if box.children else None,
    )


def _assemble(pruned: list[_Container], joins: Mapping[str, str]) -> list[Thread]:
    by_ident = {box.ident: box for box in pruned}
    kept: list[_Container] = []
    for box in pruned:
        target = joins.get(box.ident)
        if target is None:
            kept.append(box)
        else:
            _link(by_ident[target], box)
    kept.sort(key=lambda box: (box.date(), box.ident))
    return [_flatten(root) for root in kept]


def _prune(box: _Container) -> list[_Container]:
    """Drop empty leaves; replace an empty container by its only child. Returns what stands
    in place of `box` (zero, one or several containers)."""
    kept: list[_Container] = []
    for child in list(box.children):
        kept.extend(_prune(child))
    box.children = kept
    for child in kept:
        child.parent = box
    if box.item is None:
        if not kept:
            return []
        if len(kept) == 1:
            only = kept[0]
            only.parent = None
            return [only]
    return [box]


def _flatten(root: _Container) -> Thread:
    nodes: list[ThreadNode] = []
    stack: list[tuple[_Container, int]] = [(root, 0)]
    while stack:
        box, depth = stack.pop()
        nodes.append(
            ThreadNode(
                message_id=box.item.message_id if box.item is not None else box.ident,
                key=box.item.key if box.item is not None else None,
                parent_id=box.parent.ident.split("\0")[0] if box.parent is not None else None,
                depth=depth,
                order=len(nodes),
            )
        )
        for child in sorted(box.children, key=lambda c: (c.date(), c.ident), reverse=True):
            stack.append((child, depth + 1))
    root_id = root.ident.split("\0")[0] if root.item is None else root.item.message_id
    return Thread(root_id=root_id, nodes=tuple(nodes))
