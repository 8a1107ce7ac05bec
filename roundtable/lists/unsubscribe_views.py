"""The one-click unsubscribe page of every member's copy (RFC 8058).

GET shows what the link does and a button (a link scanner that follows it unsubscribes no
one); POST, from the button or from a mail client with `List-Unsubscribe=One-Click`, ends the
subscription. No sign-in and no CSRF token: the signed token in the URL is the authority, and
a mail provider's POST carries nothing else.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import queries
from .unsubscribe import check_unsubscribe_by_token, subscription_for_token


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    mailing_list = queries.get_list(viewer=request.user, slug=slug)
    actor = Actor.of_request(request)
    if request.method == "POST":
        gone = check_unsubscribe_by_token(actor=actor, mailing_list=mailing_list, token=token)
        status = 200 if gone is not None else 404
        context = {
            "mailing_list": mailing_list,
            "done": gone is not None,
            "valid": gone is not None,
        }
        return render(request, "lists/unsubscribe.html", context, status=status)
    require(actor, right="observe", modality=queries.list_modality(mailing_list))
    subscription = subscription_for_token(mailing_list, token)
    context = {
        "mailing_list": mailing_list,
        "done": False,
        "valid": subscription is not None,
        "email": subscription.email if subscription is not None else "",
    }
    return render(request, "lists/unsubscribe.html", context, status=200 if subscription else 404)
