"""Request and response shapes of the language versions' API (roundtable/translations/api.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema

from roundtable.inputs.bounds import (
    Code,
    Email,
    FilledBody,
    Input,
    InterfaceLanguage,
    Note,
    Title,
)

Authenticity = Literal["all", "original"]


class TranslationLanguagesIn(Input):
    original_language: InterfaceLanguage
    authenticity: Authenticity


class TranslationLanguagesOut(Schema):
    document: int
    original_language: str
    authenticity: str


class TranslationRequestIn(Input):
    language: InterfaceLanguage
    due_date: date | None = None
    note: Note = ""


class TranslationAssignIn(Input):
    email: Email


class TranslationParagraphIn(Input):
    pid: Code
    text: FilledBody


class TranslationRequestOut(Schema):
    id: int
    document: int
    language: str
    status: str
    due_date: date | None
    assignee: str | None
    requested_at: datetime
    reviewed_at: datetime | None


class TranslationLanguageOut(Schema):
    language: str
    original: bool
    authentic: bool
    translated: int
    outdated: int
    missing: int
    request: TranslationRequestOut | None


class TranslationParagraphOut(Schema):
    pid: str
    number: int
    state: str
    text: str
    source_text: str
    translated_from_version: int | None
    # For an outdated paragraph: the source's redline, runs of equal/insert/delete text.
    source_redline: list[dict[str, str]]


class TranslationSavedOut(Schema):
    pid: str
    language: str
    source_version: int | None
    created_at: datetime


class TranslationWorkOut(Schema):
    request: TranslationRequestOut
    paragraphs: list[TranslationParagraphOut]


class TextVersionIn(Input):
    language: InterfaceLanguage
    title: Title = ""
    text: FilledBody


class TextVersionOut(Schema):
    language: str
    title: str
    text: str
    outdated: bool
    translated_by: str
    created_at: datetime
