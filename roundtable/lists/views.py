"""Archive pages. Each view asks the one door, then a query, then renders: a few lines each."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.mail.charsets import decode_bytes
from roundtable.mail.sanitise import has_remote_images, sanitise_html
from roundtable.permissions.door import require

from . import queries


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality=queries.MODALITY)


def index(request: HttpRequest) -> HttpResponse:
    _observe(request)
    return render(request, "lists/index.html", {"lists": queries.list_lists(viewer=request.user)})


def list_page(request: HttpRequest, slug: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    threads = Paginator(queries.list_threads(viewer=request.user, mailing_list=mailing_list), 50)
    return render(
        request,
        "lists/list.html",
        {
            "mailing_list": mailing_list,
            "summary": queries.summarise(mailing_list),
            "months": queries.list_months(viewer=request.user, mailing_list=mailing_list),
            "threads": threads.get_page(request.GET.get("page")),
        },
    )


def month_page(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    if not 1 <= month <= 12:
        month = 1
    return render(
        request,
        "lists/month.html",
        {
            "mailing_list": mailing_list,
            "month": datetime(year, month, 1, tzinfo=timezone.get_current_timezone()),
            "threads": queries.list_threads(
                viewer=request.user, mailing_list=mailing_list, year=year, month=month
            ),
            "messages": queries.list_month_messages(
                viewer=request.user, mailing_list=mailing_list, year=year, month=month
            ),
        },
    )


def thread_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    thread, entries = queries.get_thread(viewer=request.user, mailing_list=mailing_list, key=key)
    return render(
        request,
        "lists/thread.html",
        {"mailing_list": mailing_list, "thread": thread, "entries": entries},
    )


def message_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    message = queries.get_message(viewer=request.user, mailing_list=mailing_list, key=key)
    images = request.GET.get("images") == "1"
    return render(
        request,
        "lists/message.html",
        {
            "mailing_list": mailing_list,
            "message": message,
            "blocks": queries.message_blocks(message),
            "attachments": queries.list_attachments(viewer=request.user, message=message),
            "html": sanitise_html(message.html, remote_images=images) if message.html else "",
            "remote_images": bool(message.html) and has_remote_images(message.html),
            "images": images,
            "raw_text": decode_bytes(bytes(message.raw), None),
        },
    )


def message_raw(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    message = queries.get_message(viewer=request.user, mailing_list=mailing_list, key=key)
    response = HttpResponse(bytes(message.raw), content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment(request: HttpRequest, slug: str, key: str, number: int) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    message = queries.get_message(viewer=request.user, mailing_list=mailing_list, key=key)
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
    messages = Paginator(
        queries.list_author_messages(
            viewer=request.user, mailing_list=mailing_list, address=address
        ),
        100,
    )
    return render(
        request,
        "lists/author.html",
        {
            "mailing_list": mailing_list,
            "address": address.lower(),
            "messages": messages.get_page(request.GET.get("page")),
        },
    )


def _date(value: str | None, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.get_current_timezone())
    except ValueError:
        return None
    return day + timedelta(days=1) if end else day


def search_page(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    _observe(request)
    mailing_list = queries.get_list(viewer=request.user, slug=slug) if slug else None
    text = request.GET.get("q", "").strip()
    author = request.GET.get("author", "").strip()
    results = (
        queries.search_messages(
            viewer=request.user,
            text=text,
            mailing_list=mailing_list,
            date_from=_date(request.GET.get("from")),
            date_to=_date(request.GET.get("to"), end=True),
            author=author,
        )
        if text
        else []
    )
    return render(
        request,
        "lists/search.html",
        {
            "mailing_list": mailing_list,
            "q": text,
            "author": author,
            "date_from": request.GET.get("from", ""),
            "date_to": request.GET.get("to", ""),
            "results": results,
            "searched": bool(text),
            "title": _("Search"),
        },
    )
