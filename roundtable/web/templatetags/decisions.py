from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from roundtable.modalities.engine import Decision
from roundtable.permissions.explain import verdict as verdict_text
from roundtable.permissions.fragments import explanation_html

register = template.Library()


@register.filter
def verdict(decision: Decision) -> str:
    return verdict_text(decision)


@register.filter
def explained(decision: Decision | None) -> SafeString:
    """web/_decision.html for the decision, from the cache of explanations (the same words for
    every viewer with the same standing: permissions/fragments.py)."""
    if not isinstance(decision, Decision):  # what the include shows for a missing decision
        return mark_safe(render_to_string("web/_decision.html", {"decision": decision}))  # noqa: S308
    return explanation_html(decision)
