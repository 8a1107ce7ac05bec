from django import template
from django.utils.safestring import SafeString

from roundtable.modalities.engine import Decision
from roundtable.permissions.explain import verdict as verdict_text
from roundtable.permissions.fragments import explanation_html

register = template.Library()


@register.filter
def verdict(decision: Decision) -> str:
    return verdict_text(decision)


@register.filter
def explained(decision: Decision) -> SafeString:
    """web/_decision.html for the decision, from the cache of explanations (the same words for
    every viewer with the same standing: permissions/fragments.py)."""
    return explanation_html(decision)
