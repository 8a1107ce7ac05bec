"""``{% same_for_all %}...{% endsame_for_all %}``: a part of the page shell (header, navigation,
language menu) that is the same for every viewer, rendered once per language and kept.

Every page renders the shell (web/base.html); its fixed parts cost ~2 ms a request in
translations, ``{% url %}`` and ``{% static %}``, more than many pages' own content. The part is
rendered in an EMPTY context, so it cannot show anything of the viewer or the request (the
user, the CSRF token, the path): a variable of theirs inside it renders as nothing, which the
tests would see. What else changes its words or links is the key: the language, the URL prefix
the site is mounted under and the request's URL configuration. The memory is held by the
compiled node, so a template compiled again (edited, with DEBUG on) starts empty.
"""

from __future__ import annotations

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

#: A bound on the kept renderings of one part (languages x prefixes): never reached by a site.
MAX_KEPT = 64


class SameForAllNode(Node):
    # A part holds no {% block %} (it would be the same for every page too): `{% extends %}`,
    # which walks the parent's nodes for blocks on every render, need not walk into it.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist
        self.kept: dict[tuple[str, str, str], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (get_language() or "-", get_script_prefix(), repr(get_urlconf()))
        found = self.kept.get(key)
        if found is None:
            # an empty context: nothing of the viewer or the request can reach the part
            empty = Context(autoescape=context.autoescape)
            empty.template = context.template  # not a value: what a failing tag's report names
            found = mark_safe(self.nodelist.render(empty))  # noqa: S308 -- escaped as rendered
            if len(self.kept) >= MAX_KEPT:
                self.kept.clear()
            self.kept[key] = found
        return found


@register.tag("same_for_all")
def same_for_all(parser: Parser, token: Token) -> SameForAllNode:
    nodelist = parser.parse(("endsame_for_all",))
    parser.delete_first_token()
    return SameForAllNode(nodelist)
