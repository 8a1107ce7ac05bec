"""Input parsing only for the site-wide pages: bounded, validated parameters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_MAX_CHARS = 500
SEARCH_MAX_PAGE = 100


class SearchForm(forms.Form):
    """`q` refuses NUL characters (CharField's own validator) beyond 500 characters."""

    q = forms.CharField(label=_("Search"), max_length=SEARCH_MAX_CHARS, required=False, strip=True)
    page = forms.IntegerField(
        label=_("Page"), min_value=1, max_value=SEARCH_MAX_PAGE, required=False
    )
