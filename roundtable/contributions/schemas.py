"""The API's shapes of calls for input, contributions and comments (OpenAPI 3 is generated from
these), with the functions that give a model its response shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema

from roundtable.inputs.bounds import Body, FilledBody, FilledTitle, Input, Language, Slug
from roundtable.inputs.params import LARGEST
from roundtable.venues.people import public_name

from .models import CallForInput, Comment, Contribution
from .periods import window
from .queries import count_by_group


class GroupCount(Schema):
    group: str | None
    count: int


class ExtensionOut(Schema):
    period: str
    previous_closes_at: datetime
    closes_at: datetime
    reason: str
    extended_at: datetime


class CallOut(Schema):
    id: int
    process: str
    title: str
    description: str
    opens_at: datetime
    closes_at: datetime
    # The reply period's close (only replies to earlier contributions), or null: none.
    reply_closes_at: datetime | None
    # Where the call stands now: not-open, comments, replies or late (every period closed).
    window: str
    extensions: list[ExtensionOut]
    # Contributions per stakeholder group (`group` null: none given), largest first.
    by_group: list[GroupCount]


class ContributionOut(Schema):
    id: int
    call: int
    title: str
    author: str
    group: str | None
    organisation: str | None
    delegation: str | None
    language: str
    word_count: int
    status: str
    submitted_at: datetime
    body: str | None
    body_html: str | None
    moderation_reason: str
    attachments: list[str]
    comment_count: int
    # Sent after its period closed (taken where the modality allows late input).
    late: bool
    # The contribution a reply answers, in a reply period.
    replies_to: int | None


class CommentOut(Schema):
    id: int
    author: str
    body: str
    body_html: str
    posted_at: datetime


class CallIn(Input):
    title: FilledTitle
    description: Body = ""
    opens_at: datetime
    closes_at: datetime
    reply_closes_at: datetime | None = None


class ExtendIn(Input):
    period: Literal["comment", "reply"] = "comment"
    closes_at: datetime
    reason: FilledBody


class ContributionIn(Input):
    title: FilledTitle
    body: FilledBody
    language: Language = "en"
    organisation: Slug | None = None
    delegation: Slug | None = None
    # In a reply period: the id of the earlier contribution answered.
    replies_to: int | None = Field(None, ge=1, le=LARGEST)


class CommentIn(Input):
    body: FilledBody


class HideIn(Input):
    reason: FilledBody


def call_out(c: CallForInput) -> dict[str, Any]:
    return {
        "id": c.pk,
        "process": f"{c.process.venue.slug}/{c.process.slug}",
        "title": c.title,
        "description": c.description,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "reply_closes_at": c.reply_closes_at,
        "window": window(c, timezone.now()).window,
        "extensions": [
            {
                "period": e.period,
                "previous_closes_at": e.previous_closes_at,
                "closes_at": e.closes_at,
                "reason": e.reason,
                "extended_at": e.extended_at,
            }
            for e in c.extensions.all()
        ],
        "by_group": count_by_group(viewer=None, call=c),
    }


def author_name(user: User) -> str:
    """How the API names an author: the display name, else `#<account id>`."""
    return public_name(user)


def contribution_out(c: Contribution) -> dict[str, Any]:
    """A contribution; one that is not published (withdrawn, hidden) without its text."""
    published = c.status == Contribution.Status.PUBLISHED
    return {
        "id": c.pk,
        "call": c.call_id,
        "title": c.title,
        "author": author_name(c.author),
        "group": c.group.slug if c.group else None,
        "organisation": c.organisation.name if c.organisation else None,
        "delegation": c.delegation.name if c.delegation else None,
        "language": c.language,
        "word_count": c.word_count,
        "status": c.status,
        "submitted_at": c.submitted_at,
        "body": c.body if published else None,
        "body_html": c.body_html if published else None,
        "moderation_reason": c.moderation_reason,
        "attachments": [
            reverse("contributions:attachment", args=[c.pk, a.pk]) for a in c.attachments.all()
        ]
        if published
        else [],
        "comment_count": getattr(c, "comment_count", 0),
        "late": c.late,
        "replies_to": c.replies_to_id,
    }


def comment_out(c: Comment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "author": author_name(c.author),
        "body": c.body,
        "body_html": c.body_html,
        "posted_at": c.posted_at,
    }
