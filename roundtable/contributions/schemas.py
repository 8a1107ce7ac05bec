"""The API's shapes of calls for input, contributions and comments (OpenAPI 3 is generated from
these), with the functions that give a model its response shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from ninja import Schema

from roundtable.inputs.bounds import Body, FilledBody, FilledTitle, Input, Language, Slug
from roundtable.venues.people import public_name

from .models import CallForInput, Comment, Contribution
from .queries import count_by_group


class GroupCount(Schema):
    group: str | None
    count: int


class CallOut(Schema):
    id: int
    process: str
    title: str
    description: str
    opens_at: datetime
    closes_at: datetime
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


class ContributionIn(Input):
    title: FilledTitle
    body: FilledBody
    language: Language = "en"
    organisation: Slug | None = None
    delegation: Slug | None = None


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
    }


def comment_out(c: Comment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "author": author_name(c.author),
        "body": c.body,
        "body_html": c.body_html,
        "posted_at": c.posted_at,
    }
