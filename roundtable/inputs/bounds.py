"""Bounded text for request schemas. SQLite ignores `max_length` and PostgreSQL raises on it,
so every string a client sends is bounded here, once, with the same limits as the models."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

# No field accepts a NUL byte (PostgreSQL cannot store one; RefuseNulMiddleware refuses it).
NO_NUL = r"^[^\x00]*$"
# A required text: something other than spaces, and no NUL (an empty one is refused as 422).
FILLED = r"^[^\x00]*[^\s\x00][^\x00]*$"

# Titles of processes, calls, contributions, documents, follow-up actions (models: 300).
Title = Annotated[str, Field(max_length=300, pattern=NO_NUL)]
# Names of organisations, categories, delegations, groups (models: 100 to 255; the least).
Name = Annotated[str, Field(max_length=100, pattern=NO_NUL)]
# Slugs as Django's SlugField takes them (50 characters, letters, digits, - and _).
Slug = Annotated[str, Field(max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")]
# An email address (RFC 5321 path limit).
# The pattern is a subset of what Django's EmailValidator takes (dot-atom local part, a dotted
# domain), so an address the schema admits is never refused later as 400.
EMAIL = (
    r"^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
Email = Annotated[str, Field(max_length=254, pattern=EMAIL)]
# The same, where the field is required: blank text is refused by the schema, not later.
FilledTitle = Annotated[str, Field(min_length=1, max_length=300, pattern=FILLED)]
FilledName = Annotated[str, Field(min_length=1, max_length=100, pattern=FILLED)]
FilledNote = Annotated[str, Field(min_length=1, max_length=500, pattern=FILLED)]
FilledBody = Annotated[str, Field(min_length=1, max_length=200_000, pattern=FILLED)]
# One of the six languages of the interface (an API `lang` parameter).
InterfaceLanguage = Literal["ar", "zh-hans", "en", "es", "fr", "ru"]
# A short code or choice: a kind, a position, a status, a paragraph id (models: 20).
Code = Annotated[str, Field(max_length=20, pattern=NO_NUL)]
# A language tag (models: 10).
Language = Annotated[str, Field(max_length=10, pattern=NO_NUL)]
# A label: a modality or procedure name, a designation, a country, an owner (models: 40+).
Label = Annotated[str, Field(max_length=40, pattern=NO_NUL)]
# A note or reason of a line or two (models: 500).
Note = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
# A body of text: a contribution, a draft, a statement (about 30,000 words; more is an upload).
Body = Annotated[str, Field(max_length=200_000, pattern=NO_NUL)]


class Input(Schema):
    """A request body: unknown fields are refused (422), not silently dropped."""

    model_config = ConfigDict(extra="forbid")
