"""Key pages kept once per data generation and clock bucket: shared by anonymous readers, and
for each signed-in reader their own.

Every state change appends an audit event, and `record_event` bumps, in the same transaction,
the chain head's sequence (the global generation) and the generation of each scope the event
touches (audit/scopes.py: a venue, a process, a list; SITE for anything no app mapped). A page
is keyed on the generations of exactly what it reads, found from its URL with one query
(web/page_scopes.py); a page reading across scopes (home, site search) on the global one. A key
page requested by a GET is kept under (those generations, clock bucket, scheme, host, path and
query string, active language, the htmx headers, Accept for the API, and the viewer: below);
the next reader with the same key gets the stored answer without the view running. A write
to what a page reads makes a new generation for it, so the next request renders afresh; a
write elsewhere leaves it kept. The clock bucket (`ROUNDTABLE_PAGE_CACHE_SECONDS`, 0 turns the
cache off) bounds how long clock-dependent words ("open now", a call that has closed) can lag.

Permissions (one door, reads included): a stored page is the answer the views, asking the door,
gave that viewer for that generation and bucket. Anonymous standing is the same for every
anonymous viewer (nobody is known, nothing is held), and the modality and every row the door
or the page read are covered by its generations, so the door would decide the same again.
Only 200 answers are kept: a 403 or 404 is never stored.

Signed-in readers (a session): their answer is kept for them alone. The key adds the user's
primary key, the name the header shows (`get_username`) and their standings outside any venue
and at every venue written out in full (web/viewer_standings.py, the site search's memo's
text; built afresh for each request, as the door builds them, and kept on the request's actor
for the view). What each cacheable page reads about its viewer, audited view by view and
template by template, and why the key covers it:
- their standing (roles, accreditation's groups, categories, delegation, head, confirmed
  organisation): in the key; every decision shown (home's create-venue, the venue's request
  and decide accreditation, the process's rights, submit on a call, draft, amend, comment, run,
  take part, judge, a list's moderation) is the door's answer from it, the page's rows and the
  clock;
- rows of theirs in the page's scopes, found by their id (own contributions and replies, a
  working draft, their position, stand-ins, appeals and remedies on an adoption, meeting
  registrations, messages held for a list they moderate): the user's id is in the key and the
  rows' changes bump the page's scopes;
- rows about them that no app maps to a scope (accreditations, pending ones included, on the
  venue page; affiliations and delegations behind "on behalf of" on a call; disclosure
  statements on an adoption; roles): every change appends an event that bumps SITE, part of
  every key;
- not read by any cacheable page: their subscriptions (LIST_MEMBERS, read by no kept page: a
  list page offers "Join or leave" to everyone), outgoing mail, API tokens, the account page's
  profile (the display names shown are authors', the same for every reader), anything in the
  session beyond the sign-in and the messages (no cacheable view reads it).
API requests: the API reads no session (api/security.py: without a bearer token the caller is
anonymous), so an API GET with a session cookie is keyed and answered as anonymous; a request
with an Authorization header (a token) neither reads nor fills the cache (its user is known only
after the API checks the token, inside the view).
Never kept, for anyone: a request with messages waiting, a POST, a non-200 answer, a streamed
one, one that modified the session or set a cookie, one marked private or no-store.
Memory: the `pages` cache's entry limit (settings.CACHES, least recently used out first)
bounds all kept answers together: one active reader costs one entry per page they read per
generation, like one anonymous page (on the demo 1-30 kB, median 6 kB: all 24 key pages, about
190 kB; a long thread or document more).

CSRF: pages embed a token. A page rendered for the cache carries a sentinel instead (the
context processor below, placed after Django's built-in csrf one), and every answer, hit or
miss, gets this visitor's own token put in its place (which also sets their CSRF cookie). A
signed-in reader's answer is always `private`, token or not.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .page_scopes import page_generation
from .viewer_standings import ANONYMOUS, global_generation, viewer_text

#: Key pages and API list endpoints, by URL name. Lower apps import nothing for this; a page
#: belongs here only if what it shows of its reader is in the key (the module's words: no task
#: progress, no personal exports, no forms keeping state in the session).
CACHEABLE = frozenset(
    {
        "home",
        "search",
        "processes:venue",
        "processes:process",
        "contributions:call",
        "drafting:documents",
        "drafting:document",
        "drafting:redline",
        "decisions:adoption",
        "lists:index",
        "lists:list",
        "lists:month",
        "lists:thread",
        "lists:author",
        "lists:search",
        "lists:search_all",
        "api:venues",
        "api:venue_processes",
        "api:process_calls",
        "api:call_contributions",
        "api:documents",
        "api:export_json",
    }
)

#: Rendered in place of the CSRF token on pages that may be stored; letters and digits only,
#: so HTML and JSON escaping leave it as it is.
SENTINEL = "rtPageCacheCsrfSentinel7f3a9c2e5b1d"
_SENTINEL_BYTES = SENTINEL.encode("ascii")
_CACHE_ALIAS = "pages"
_KEYED_HEADERS = ("HX-Request", "HX-Target", "HX-Trigger", "HX-Trigger-Name", "HX-Boosted")
_STORED_TYPES = ("text/html", "application/json")
_RENDERING = "_roundtable_page_cache_key"
_HIT = "_roundtable_page_cache_hit"
_GENERATION = "_roundtable_page_generation"
_PERSONAL = "_roundtable_page_cache_personal"

#: The clock the buckets are counted on; tests replace it instead of sleeping.
clock: Callable[[], float] = time.time


def cache_seconds() -> int:
    return int(getattr(settings, "ROUNDTABLE_PAGE_CACHE_SECONDS", 0))


def csrf_sentinel(request: HttpRequest) -> dict[str, Any]:
    """Context processor, after Django's csrf one: the sentinel instead of the token while a
    page is rendered for the shared cache (the middleware puts the visitor's token back)."""
    if getattr(request, _RENDERING, None) is not None:
        return {"csrf_token": SENTINEL}
    return {}


def known_generation(request: HttpRequest) -> str | None:
    """The generations this request's page is keyed on, when the cache read them for it (a
    request for a cacheable page): a view keying its own memo on them reads them once per
    request (web/observable_memo.py)."""
    return getattr(request, _GENERATION, None)


def page_key(
    request: HttpRequest, *, generation: str, bucket: int, api: bool, viewer: str = ANONYMOUS
) -> str:
    """Everything an answer to this request depends on, hashed; `viewer` says whom it is for
    (`viewer_key`)."""
    parts = [
        viewer,
        generation,
        str(bucket),
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        *(request.headers.get(name, "") for name in _KEYED_HEADERS),
        request.headers.get("Accept", "") if api else "",
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def viewer_key(request: HttpRequest, generation: str) -> str:
    """Whom the answer is for: everyone anonymous, or one signed-in reader with their name and
    standings (the module's words)."""
    user = request.user
    if not user.is_authenticated:
        return ANONYMOUS
    standings = viewer_text(user, global_generation(generation))
    return f"user={user.pk}\n{user.get_username()}\n{standings}"


def _etag(request: HttpRequest, key: str) -> str:
    # The body carries a token masked from this visitor's CSRF cookie: their copy is only as
    # good as that cookie, so the tag covers it too.
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return 'W/"' + hashlib.sha256(f"{key}\n{cookie}".encode()).hexdigest()[:32] + '"'


def _eligible(request: HttpRequest) -> bool:
    """A GET/HEAD of an allowed page without a token, with nothing waiting to be shown."""
    match = request.resolver_match
    if request.method not in ("GET", "HEAD") or match is None:
        return False
    if match.view_name not in CACHEABLE or "Authorization" in request.headers:
        return False
    if getattr(request, "user", None) is None:
        return False
    return len(get_messages(request)) == 0


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith(_STORED_TYPES) or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return not getattr(get_messages(request), "added_new", False)


def _stored(response: HttpResponseBase) -> dict[str, Any]:
    assert isinstance(response, HttpResponse)  # noqa: S101 -- _storable refused streaming
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
    return {"content": response.content, "headers": headers}


class PageCacheMiddleware:
    """See the module's words. Placed after authentication, messages, locale and htmx (it
    reads what they found) and before the door's Denied handler (whose 403 it must not keep)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key: str | None = getattr(request, _RENDERING, None)
        if key is None or response.streaming:
            return response
        assert isinstance(response, HttpResponse)  # noqa: S101 -- not streaming
        hit = getattr(request, _HIT, False)
        if not hit and _storable(request, response):
            caches[_CACHE_ALIAS].set(key, _stored(response), 2 * cache_seconds())
            hit = True
        if _SENTINEL_BYTES in response.content:
            response.content = response.content.replace(
                _SENTINEL_BYTES, get_token(request).encode("ascii")
            )
            private = True
        else:
            private = False
        if hit:
            self._mark(request, response, key, private=private)
            # Says where an answer came from (operators, the bench, the tests).
            response["X-Page-Cache"] = "hit" if getattr(request, _HIT, False) else "stored"
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        seconds = cache_seconds()
        if seconds <= 0 or not _eligible(request):
            return None
        match = request.resolver_match
        api = match is not None and "api" in match.namespaces
        generation = page_generation(match.view_name, match.kwargs) if match else ""
        setattr(request, _GENERATION, generation)
        personal = request.user.is_authenticated
        setattr(request, _PERSONAL, personal)
        # The API reads no session: a signed-in browser's API request is answered as anonymous.
        viewer = ANONYMOUS if api else viewer_key(request, generation)
        key = page_key(
            request, generation=generation, bucket=int(clock() // seconds), api=api, viewer=viewer
        )
        setattr(request, _RENDERING, key)
        found: dict[str, Any] | None = caches[_CACHE_ALIAS].get(key)
        if found is None:
            return None
        setattr(request, _HIT, True)
        if request.headers.get("If-None-Match", "") == _etag(request, key):
            not_modified = HttpResponseNotModified()
            self._mark(request, not_modified, key, private=_SENTINEL_BYTES in found["content"])
            setattr(request, _RENDERING, None)
            return not_modified
        return HttpResponse(found["content"], headers=found["headers"])

    @staticmethod
    def _mark(request: HttpRequest, response: HttpResponseBase, key: str, *, private: bool) -> None:
        """Validators for conditional GETs, and what the answer varies on. A body with a token
        in it, or any answer to a signed-in reader, is this visitor's: a shared cache must not
        keep it (`private`)."""
        private = private or getattr(request, _PERSONAL, False)
        response["ETag"] = _etag(request, key)
        match = request.resolver_match
        api = match is not None and "api" in match.namespaces
        patch_vary_headers(response, ("Cookie", "Accept-Language", *(("Accept",) if api else ())))
        if private:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, no_cache=True)
