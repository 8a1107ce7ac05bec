"""Rendered fragments that are the same for every viewer, cached under the modality's digest.

The rights matrix of a modality version in a phase and the explanation of a decision are pure
functions of the modality (its digest), the language and, for an explanation, the decision
itself: the right, the rule that decided, the standing and context it was decided for. The key
carries every one of those, so a fragment is never served to a viewer whose standing differs,
and a new version of the modality (a new digest) never finds the old fragments. The cache is
Django's default cache (settings.CACHES; docs/running.md says which backend to choose).

`content_keys` and `cached_fragments` are the same mechanism one level down, for fragments
addressed by their content alone (the mailing-list archive's rows, lists/row_fragments.py):
the key hashes every input the fragment shows, so a changed input is a new key. They are many
(a thread page shows 100 rows) and go to their own cache, `ROWS` (settings.CACHES), so filling
it never evicts a matrix or an explanation from the default one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import lru_cache
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from roundtable.modalities.digest import digest
from roundtable.modalities.engine import Decision
from roundtable.modalities.model import Modality
from roundtable.modalities.standing import Context

#: Fragments are content-addressed (a new modality version is a new key), so they never go
#: stale; the timeout only bounds memory held by versions no longer in use.
TIMEOUT_S = 24 * 3600
#: The cache alias of content-addressed rows (`cached_fragments`).
ROWS = "rows"


def fragment_key(kind: str, modality: Modality, *parts: Any) -> str:
    """The cache key of one fragment: its kind, the modality's digest, the language and the
    parts it depends on (hashed, so any standing or context fits a cache key)."""
    hashed = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
    return f"fragment:{kind}:{digest(modality)}:{get_language() or '-'}:{hashed}"


def template_digest(*names: str) -> str:
    """The sources of a fragment's templates (its own and those it includes), hashed: a fragment
    kept by an older template, in a cache that outlives a deploy, is never found by the new one
    (read once per process, or every time with DEBUG on, where templates are edited while the
    server runs)."""
    return _source_digest(names) if settings.DEBUG else _kept_digest(names)


def _source_digest(names: tuple[str, ...]) -> str:
    # the Django backend's wrapper keeps the compiled template (and its source) as .template
    sources = [
        getattr(getattr(get_template(name), "template", None), "source", "") or name
        for name in names
    ]
    return hashlib.sha256("\0".join(sources).encode("utf-8")).hexdigest()[:16]


_kept_digest = lru_cache(maxsize=64)(_source_digest)


def cached_fragment(key: str, render: Callable[[], str]) -> SafeString:
    found: str | None = cache.get(key)
    if found is None:
        found = render()
        cache.set(key, found, TIMEOUT_S)
    return mark_safe(found)  # noqa: S308 -- a rendered template, escaped when it was rendered


Item = TypeVar("Item", bound=Hashable)


def content_keys(
    kind: str,
    templates: tuple[str, ...],
    items: Mapping[Item, Any],
    *,
    common: tuple[Any, ...] = (),
) -> dict[Item, str]:
    """The keys of fragments that depend on no modality, only on what they show: every value
    the templates read (each item's own, supplied by the caller, and `common`, shared by all),
    the templates' sources, and what else changes their words or links (language, time zone of
    dates, the site's URL prefix). Any change to an input is a new key, never a stale fragment."""
    shared_inputs = (
        template_digest(*templates),
        get_current_timezone_name(),
        get_script_prefix(),
        common,
    )
    shared = hashlib.sha256(repr(shared_inputs).encode("utf-8")).hexdigest()[:32]
    prefix = f"fragment:{kind}:{get_language() or '-'}:{shared}:"
    return {
        item: prefix + hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
        for item, parts in items.items()
    }


def cached_fragments(
    keys: Mapping[Item, str], render: Callable[[Iterable[Item]], Mapping[Item, str]]
) -> dict[Item, SafeString]:
    """Many fragments in two cache round trips: those found, and the misses rendered together
    by `render` (given the items whose key was not found) and stored."""
    rows = caches[ROWS]
    found: dict[str, str] = rows.get_many(list(keys.values())) if keys else {}
    missing = [item for item, key in keys.items() if key not in found]
    if missing:
        rendered = render(missing)
        rows.set_many({keys[item]: rendered[item] for item in missing}, TIMEOUT_S)
        found.update({keys[item]: rendered[item] for item in missing})
    # a rendered template, escaped when it was rendered
    return {item: mark_safe(found[key]) for item, key in keys.items()}  # noqa: S308


@lru_cache(maxsize=512)
def _timed(modality: Modality) -> bool:
    """Whether any rule of the modality has a time window (then the moment can change a
    decision and what would allow it)."""
    return any(rule.timed for rules in modality.compiled.values() for rule in rules)


def _context_key(context: Context, modality: Modality) -> tuple[Any, ...]:
    """The context as a key: sets sorted; the moment only where a rule has a time window (the
    explanation's words leave it out, and nothing else reads it)."""
    return (
        context.venue,
        sorted(context.issues),
        context.phase,
        context.day,
        sorted(context.facts),
        context.time if _timed(modality) else None,
    )


def explanation_html(decision: Decision) -> SafeString:
    """web/_decision.html for `decision` (the verdict, what would allow it, the rule's words),
    rendered once per modality version, language, right, rule, standing and context."""
    key = fragment_key(
        "decision",
        decision.modality,
        decision.right,
        decision.allowed,
        decision.rule,
        decision.obligations,
        decision.standing,
        _context_key(decision.context, decision.modality),
    )
    return cached_fragment(
        key, lambda: render_to_string("web/_decision.html", {"decision": decision})
    )
