"""Forms of the coalition pages: founding (the asker and up to five other founders, each with
an account's email address and a stakeholder group), review, joining, reports and revival."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.permissions.vocabulary import label
from roundtable.stakeholders.models import StakeholderGroup

from .actions import Founder

OTHER_FOUNDERS = 5


class GroupChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A stakeholder group by its label in the reader's language, never its identifier."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=StakeholderGroup.objects.all(), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return label("group", obj.slug)


class FoundingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the coalition"), max_length=300)
    statement_of_need = forms.CharField(
        label=gettext_lazy("Statement of need"), widget=forms.Textarea(attrs={"rows": 4})
    )
    action_plan = forms.CharField(
        label=gettext_lazy("Action plan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    contacts = forms.CharField(
        label=gettext_lazy("Contacts"),
        help_text=gettext_lazy("Who answers for the coalition, and how to reach them."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group = GroupChoice(label=gettext_lazy("Your stakeholder group"))

    def __init__(self, *args: Any, asker: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asker = asker
        for n in range(1, OTHER_FOUNDERS + 1):
            self.fields[f"founder_{n}"] = forms.EmailField(
                label=_("Founding member %(n)s: email address of their account") % {"n": n},
                required=False,
            )
            self.fields[f"founder_{n}_group"] = GroupChoice(
                label=_("Founding member %(n)s: stakeholder group") % {"n": n}, required=False
            )

    def founders(self) -> list[Founder]:
        """The asker and every row filled in; a row half-filled or naming nobody is an error
        on that row."""
        data = self.cleaned_data
        found = [Founder(user=self.asker, group=data["group"])]
        users = get_user_model().objects
        for n in range(1, OTHER_FOUNDERS + 1):
            email, group = data.get(f"founder_{n}"), data.get(f"founder_{n}_group")
            if not email and group is None:
                continue
            if not email or group is None:
                self.add_error(
                    f"founder_{n}" if not email else f"founder_{n}_group",
                    _("Give both the email address and the stakeholder group."),
                )
                continue
            user = users.filter(email__iexact=email).first()
            if user is None:
                self.add_error(
                    f"founder_{n}",
                    _("No account has this address: ask them to sign up first."),
                )
                continue
            found.append(Founder(user=user, group=group))
        return found


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("1", gettext_lazy("Approve")), ("0", gettext_lazy("Decline"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (needed to decline)"), required=False, widget=forms.Textarea
    )


class JoinForm(forms.Form):
    group = GroupChoice(label=gettext_lazy("Your stakeholder group"))


class ReportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Yearly activity report"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ReviveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why the coalition is revived"), max_length=500)


class ReportDateForm(forms.Form):
    due_on = forms.DateField(
        label=gettext_lazy("Reports due on"), widget=forms.DateInput(attrs={"type": "date"})
    )
