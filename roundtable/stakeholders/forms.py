"""Input parsing only; the rules live in actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from roundtable.venues.models import Venue

from .models import Organisation, StakeholderGroup, VenueCategory


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    region = forms.CharField(
        label=_("Region (optional, for balance reports)"), max_length=100, required=False
    )
    gender = forms.CharField(
        label=_("Gender (optional, for balance reports)"), max_length=100, required=False
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class AccreditationForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all()
    )
    category = forms.ModelChoiceField(
        label=_("Membership category at this venue"),
        queryset=VenueCategory.objects.none(),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_(
            "Its focal point confirms that you belong to it. A delegation is not asked for: "
            "its head or the secretariat adds its members."
        ),
    )
    statement = forms.CharField(
        label=_("Why you ask (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    documents = MultipleFileField(label=_("Supporting documents"), required=False)

    def __init__(self, *args: Any, venue: Venue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = VenueCategory.objects.filter(venue=venue)  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- the secretariat's participant screens (the rules are in actions.check_*) ---------------


SLUG_HELP = _("Letters, digits and hyphens, used in addresses and the API (e.g. “fr”).")


if TYPE_CHECKING:  # generic in the stubs only: Django's class takes no type argument
    PersonChoiceField = forms.ModelChoiceField[User]
else:
    PersonChoiceField = forms.ModelChoiceField


class ParticipantChoiceField(PersonChoiceField):
    """A person, shown by name and email address."""

    def label_from_instance(self, obj: User) -> str:
        profile = getattr(obj, "profile", None)
        name = profile.display_name if profile is not None else obj.get_username()
        return f"{name} <{obj.email}>"


class OrganisationForm(forms.Form):
    slug = forms.SlugField(label=_("Short name"), max_length=50, help_text=SLUG_HELP)
    name = forms.CharField(label=_("Name"), max_length=200)
    group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all(), required=False
    )
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    ecosoc_status = forms.ChoiceField(
        label=_("ECOSOC consultative status"), choices=Organisation.Ecosoc.choices, required=False
    )
    itu_sector_member = forms.BooleanField(label=_("ITU Sector Member"), required=False)


class CategoryForm(forms.Form):
    slug = forms.SlugField(label=_("Short name"), max_length=50, help_text=SLUG_HELP)
    name = forms.CharField(label=_("Name"), max_length=100)
    group = forms.ModelChoiceField(
        label=_("Stakeholder group it maps onto"), queryset=StakeholderGroup.objects.all()
    )


class DelegationForm(forms.Form):
    slug = forms.SlugField(label=_("Short name"), max_length=50, help_text=SLUG_HELP)
    name = forms.CharField(label=_("Name"), max_length=200)
    head = ParticipantChoiceField(
        label=_("Head (an accredited participant; optional)"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, participants: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = participants  # type: ignore[attr-defined]


class HeadForm(forms.Form):
    head = ParticipantChoiceField(
        label=_("Head of delegation"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(no head)"),
    )

    def __init__(self, *args: Any, participants: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = participants  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    user = ParticipantChoiceField(label=_("Accredited participant"), queryset=User.objects.none())

    def __init__(self, *args: Any, participants: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = participants  # type: ignore[attr-defined]


class AnswerClaimForm(forms.Form):
    confirm = forms.TypedChoiceField(
        choices=[("yes", _("Confirm")), ("no", _("Refuse"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
