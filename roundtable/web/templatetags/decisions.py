from django import template

from roundtable.modalities.engine import Decision
from roundtable.permissions.explain import verdict as verdict_text

register = template.Library()


@register.filter
def verdict(decision: Decision) -> str:
    return verdict_text(decision)
