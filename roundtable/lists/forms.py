"""Bounded parsing of the archive pages' query parameters: a bad value is a form error (400),
never a server error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from roundtable.mail.normalise import MAX_YEAR, MIN_YEAR

MAX_QUERY = 500
MAX_SEARCH_PAGE = 200
SEARCH_PAGE_SIZE = 50
DATE_BOUNDS = [MinValueValidator(date(MIN_YEAR, 1, 1)), MaxValueValidator(date(MAX_YEAR, 12, 30))]


class SearchForm(forms.Form):
    """`q`, `author`, `from`, `to` and `page` of a search (Django's CharField refuses NUL)."""

    q = forms.CharField(max_length=MAX_QUERY, required=False)
    author = forms.CharField(max_length=300, required=False)
    page = forms.IntegerField(min_value=1, max_value=MAX_SEARCH_PAGE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `from` is a keyword: these fields are added by name.
        self.fields["from"] = forms.DateField(
            required=False, input_formats=["%Y-%m-%d"], validators=DATE_BOUNDS
        )
        self.fields["to"] = forms.DateField(
            required=False, input_formats=["%Y-%m-%d"], validators=DATE_BOUNDS
        )
