"""Archive pages. Each view asks the one door, then a query, then renders: a few lines each."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from roundtable.mail.charsets import decode_bytes
from roundtable.mail.normalise import MAX_YEAR, MIN_YEAR
from roundtable.mail.sanitise import has_remote_images, sanitise_html
from roundtable.permissions.door import require

from . import (
    archive_rows,
    browsing,
    import_runs,
    membership,
    queries,
    search,
    search_results,
    thread_reads,
)
from .forms import SEARCH_PAGE_SIZE, SearchForm
from .models import MailingList
from .month_bars import months_html

KEY = re.compile(r"^[0-9a-f]{16,32}$")
MAX_ADDRESS = 300
MAX_NUMBER = 2**31 - 1
MONTH_THREADS = 50
MONTH_MESSAGES = 100
ATTACHMENTS_SHOWN = 100


def _key(key: str) -> str:
    """Permalink keys are short hex digests: anything else (NUL, kilobytes) is no message."""
    if not KEY.match(key):
        raise Http404("no such message")
    return key


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality=queries.MODALITY)


def index(request: HttpRequest) -> HttpResponse:
    _observe(request)
    return render(request, "lists/index.html", {"lists": queries.list_lists(viewer=request.user)})


def list_page(request: HttpRequest, slug: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    page = browsing.list_thread_page(
        viewer=request.user,
        mailing_list=mailing_list,
        older=request.GET.get("older", "")[:100],
        newer=request.GET.get("newer", "")[:100],
    )
    # one statement for the summary and the bars
    summary, counts = queries.list_overview(mailing_list)
    # the summary's statement says whether one runs: the run itself is read only then
    import_run = import_runs.running_import(mailing_list) if summary.importing else None
    response = render(
        request,
        "lists/list.html",
        {
            "mailing_list": mailing_list,
            "summary": summary,
            "months_html": months_html(
                mailing_list,
                browsing.list_months(viewer=request.user, mailing_list=mailing_list, counts=counts),
            ),
            "thread_rows": archive_rows.list_thread_rows(mailing_list, page.threads),
            "page": page,
            **_moderation(request, mailing_list),
            "import_run": import_run,
        },
    )
    if import_run is not None:
        # Progress changes without an audit event: no cache keeps this answer (page_cache).
        patch_cache_control(response, no_store=True)
    return response


def _moderation(request: HttpRequest, mailing_list: MailingList) -> dict[str, Any]:
    if not membership.may_moderate(request.user, mailing_list):
        return {"moderator": False}
    held = membership.held_messages(viewer=request.user, mailing_list=mailing_list).count()
    return {"moderator": True, "held": held}


def import_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The list page's import notice alone: htmx asks for it every few seconds while an
    import runs; once none does, the empty fragment it returns stops the asking."""
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    return render(
        request,
        "lists/_import_progress.html",
        {"mailing_list": mailing_list, "import_run": import_runs.running_import(mailing_list)},
    )


def month_page(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404("no such month")
    threads = browsing.month_thread_page(
        viewer=request.user, mailing_list=mailing_list, year=year, month=month,
        after=request.GET.get("threads_after", ""), before=request.GET.get("threads_before", ""),
        size=MONTH_THREADS,
    )  # fmt: skip
    messages = browsing.month_message_page(
        viewer=request.user, mailing_list=mailing_list, year=year, month=month,
        after=request.GET.get("after", ""), before=request.GET.get("before", ""),
        size=MONTH_MESSAGES,
    )  # fmt: skip
    return render(
        request,
        "lists/month.html",
        {
            "mailing_list": mailing_list,
            "month": datetime(year, month, 1, tzinfo=timezone.get_current_timezone()),
            "threads": threads,
            "thread_rows": archive_rows.month_thread_rows(mailing_list, threads.rows),
            "posts": messages,
            "message_rows": archive_rows.month_message_rows(mailing_list, messages.rows),
        },
    )


def thread_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    page = request.GET.get("page", "1")
    thread, entries = thread_reads.get_thread(
        viewer=request.user,
        mailing_list=mailing_list,
        key=_key(key),
        page=int(page) if page.isdigit() and len(page) < 10 else 1,
    )
    return render(
        request,
        "lists/thread.html",
        {"mailing_list": mailing_list, "thread": thread, "page": entries,
         "entries": archive_rows.thread_blocks(mailing_list, entries.entries)},
    )  # fmt: skip


def message_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Stays small whatever the message: the beginning of its text, HTML and source, each
    with a link to the whole raw message when cut."""
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    preview = queries.get_message_preview(
        viewer=request.user, mailing_list=mailing_list, key=_key(key)
    )
    message = preview.message
    attachments = list(
        queries.list_attachments(viewer=request.user, message=message)[: ATTACHMENTS_SHOWN + 1]
    )
    more = 0  # counted only when there are more than a page lists
    if len(attachments) > ATTACHMENTS_SHOWN:
        listed = queries.list_attachments(viewer=request.user, message=message)
        more = listed.count() - ATTACHMENTS_SHOWN
    images = request.GET.get("images") == "1"
    return render(
        request,
        "lists/message.html",
        {
            "mailing_list": mailing_list,
            "message": message,
            "preview": preview,
            "blocks": preview.blocks,
            "attachments": attachments[:ATTACHMENTS_SHOWN],
            "attachments_more": more,
            "html": sanitise_html(preview.html, remote_images=images) if preview.html else "",
            "remote_images": bool(preview.html) and has_remote_images(preview.html),
            "images": images,
            "raw_text": decode_bytes(preview.raw_head, None),
        },
    )


def message_raw(request: HttpRequest, slug: str, key: str) -> StreamingHttpResponse:
    """The whole raw message, streamed from the database in chunks."""
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    pk, size = queries.get_raw_size(viewer=request.user, mailing_list=mailing_list, key=_key(key))
    response = StreamingHttpResponse(
        queries.iter_raw(viewer=request.user, pk=pk, size=size),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Length"] = str(size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment(request: HttpRequest, slug: str, key: str, number: int) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    if number > MAX_NUMBER:
        raise Http404("no such attachment")
    message = queries.get_message(viewer=request.user, mailing_list=mailing_list, key=_key(key))
    item = queries.get_attachment(viewer=request.user, message=message, number=number)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", item.filename)[:100] or f"attachment-{number}"
    response = HttpResponse(bytes(item.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def author_page(request: HttpRequest, slug: str, address: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    if len(address) > MAX_ADDRESS or "\x00" in address:
        raise Http404("no such author")
    messages = browsing.author_message_page(
        viewer=request.user, mailing_list=mailing_list, address=address,
        after=request.GET.get("after", ""), before=request.GET.get("before", ""),
    )  # fmt: skip
    return render(
        request,
        "lists/author.html",
        {
            "mailing_list": mailing_list,
            "address": address.lower(),
            "posts": messages,
            "rows": archive_rows.author_message_rows(mailing_list, messages.rows),
        },  # fmt: skip
    )


def _day(value: date | None, *, end: bool = False) -> datetime | None:
    if value is None:
        return None
    day = datetime.combine(value, time(), tzinfo=timezone.get_current_timezone())
    return day + timedelta(days=1) if end else day


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


def search_page(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Search, a page of results at a time; bad parameters are a form error (400)."""
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug) if slug else None
    form = SearchForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    text = (data.get("q") or "").strip()
    author = (data.get("author") or "").strip()
    page = data.get("page") or 1
    found = (
        search_results.search_messages_page(
            viewer=request.user,
            text=text,
            mailing_list=mailing_list,
            date_from=_day(data.get("from")),
            date_to=_day(data.get("to"), end=True),
            author=author,
            limit=SEARCH_PAGE_SIZE + 1,
            offset=(page - 1) * SEARCH_PAGE_SIZE,
        )
        if text
        else search_results.SearchPage([], capped=False)
    )
    hits = found.results
    return render(
        request,
        "lists/search.html",
        {
            "mailing_list": mailing_list,
            "form": form,
            "errors": [error for errors in form.errors.values() for error in errors],
            "q": request.GET.get("q", "")[:500].replace("\x00", ""),
            "author": request.GET.get("author", "")[:300].replace("\x00", ""),
            "date_from": request.GET.get("from", "")[:10],
            "date_to": request.GET.get("to", "")[:10],
            "results": hits[:SEARCH_PAGE_SIZE],
            "result_rows": archive_rows.search_result_rows(mailing_list, hits[:SEARCH_PAGE_SIZE]),
            "page": page,
            "previous_url": _page_url(request, page - 1) if page > 1 else "",
            "next_url": _page_url(request, page + 1) if len(hits) > SEARCH_PAGE_SIZE else "",
            "searched": bool(text),
            "capped": found.capped,
            "cap": search.CAP,
            "title": _("Search"),
        },
        status=200 if valid else 400,
    )
