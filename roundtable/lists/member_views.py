"""Pages for joining and leaving a list, confirming by token, its members by stakeholder group,
and its moderation queue. Each asks the door (through the action or the query)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import membership, moderation, notices, queries, subscriptions
from .models import MailingList
from .posting import list_context

MAX_TOKEN = 200


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


def _list(request: HttpRequest, slug: str) -> MailingList:
    require(request, right="observe", modality=queries.MODALITY)
    return queries.get_list(viewer=request.user, slug=slug)


def _tell(request: HttpRequest, mailing_list: MailingList, done: subscriptions.Request | None,
          joining: bool) -> None:  # fmt: skip
    if done is None:
        messages.info(request, _("This address is not subscribed."))
    elif done.done:
        messages.success(request, _("You are subscribed.") if joining else _("You have left."))
    else:
        notices.tell_confirm(Actor.of_request(request), mailing_list, done)
        messages.info(request, _("We sent a message to confirm to %(email)s.")
                      % {"email": done.subscription.email})  # fmt: skip


def join(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = _list(request, slug)
    user = request.user if request.user.is_authenticated else None
    initial = {"email": user.get_username()} if user is not None else {}
    form = EmailForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "join")
        try:
            if action == "leave":
                left = subscriptions.check_unsubscribe(actor=Actor.of_request(request),
                    mailing_list=mailing_list, email=form.cleaned_data["email"])  # fmt: skip
                _tell(request, mailing_list, left, joining=False)
            else:
                joined = subscriptions.check_subscribe(actor=Actor.of_request(request),
                    mailing_list=mailing_list, email=form.cleaned_data["email"])  # fmt: skip
                _tell(request, mailing_list, joined, joining=True)
        except ValidationError as exc:
            form.add_error("email", " ".join(exc.messages))
        else:
            return redirect("lists:join", mailing_list.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "lists/join.html", {"mailing_list": mailing_list, "form": form},
                  status=status)  # fmt: skip


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the token asks; POST does it (a link opened by a mail scanner does
    nothing)."""
    require(request, right="observe", modality=queries.MODALITY)
    if len(token) > MAX_TOKEN:
        raise Http404("no such token")
    if request.method == "POST":
        done = subscriptions.do_confirm(actor=Actor.of_request(request), token=token)
        if done is None:
            raise Http404("no such token")
        messages.success(request, _("Confirmed."))
        return redirect("lists:list", done.subscription.mailing_list.slug)
    return render(request, "lists/confirm.html", {"token": token})


def members(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = _list(request, slug)
    groups = membership.members_by_group(viewer=request.user, mailing_list=mailing_list)
    return render(request, "lists/members.html", {
        "mailing_list": mailing_list, "groups": groups,
        "moderator": membership.may_moderate(request.user, mailing_list),
    })  # fmt: skip


def queue(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = _list(request, slug)
    require(request, right="moderate", modality=queries.list_modality(mailing_list),
            context=list_context(mailing_list))  # fmt: skip
    held = membership.held_messages(viewer=request.user, mailing_list=mailing_list)
    return render(request, "lists/moderation.html", {
        "mailing_list": mailing_list, "held": held[:200], "form": RejectForm(),
    })  # fmt: skip


@require_POST
def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    mailing_list = _list(request, slug)
    held = membership.get_held(viewer=request.user, mailing_list=mailing_list, pk=pk)
    if held is None:
        raise Http404("no such held message")
    actor = Actor.of_request(request)
    action = request.POST.get("action", "")
    try:
        if action == "approve":
            moderation.check_approve_held(actor=actor, held=held)
        elif action == "whitelist":
            moderation.check_whitelist_sender(actor=actor, held=held)
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say why the message is rejected."))
            moderation.check_reject_held(actor=actor, held=held, reason=form.cleaned_data["reason"])
        else:
            return HttpResponse(_("Choose approve, reject or whitelist."), status=400)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("lists:queue", mailing_list.slug)
