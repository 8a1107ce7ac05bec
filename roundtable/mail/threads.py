"""Threading after Jamie Zawinski's algorithm (https://www.jwz.org/doc/threading.html).

Containers are keyed by Message-ID; a referenced message that is not in the archive becomes
a placeholder container, kept as a parent when it holds two or more replies. The subject
fallback is conservative: only a message with no references at all, whose subject is a reply
("Re: ..."), is attached to an earlier thread root with the same base subject within a
window of days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

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
    """Group messages into threads; the result is deterministic for a given set of items."""
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

    roots = [box for box in table.values() if box.parent is None]
    pruned: list[_Container] = []
    for root in roots:
        pruned.extend(_prune(root))
    pruned = _subject_fallback(pruned, subject_window_days)
    pruned.sort(key=lambda box: (box.date(), box.ident))
    return [_flatten(root) for root in pruned]


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


def _subject_fallback(roots: list[_Container], window_days: int) -> list[_Container]:
    window = timedelta(days=window_days)
    by_subject: dict[str, _Container] = {}
    result: list[_Container] = []
    for root in sorted(roots, key=lambda box: (box.date(), box.ident)):
        item = root.item
        subject = base_subject(item.subject) if item is not None else ""
        earlier = by_subject.get(subject) if subject else None
        if (
            item is not None
            and not item.references
            and is_reply_subject(item.subject)
            and earlier is not None
            and root.date() - earlier.date() <= window
        ):
            _link(earlier, root)
            continue
        result.append(root)
        if subject and (
            subject not in by_subject or root.date() - by_subject[subject].date() > window
        ):
            by_subject[subject] = root
    return result


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
