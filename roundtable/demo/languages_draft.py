"""A second WTPF draft that stays a draft (issue 18's demo): Draft Opinion 2, written in
English, translated into French and Arabic, then amended. The accepted amendment changes its
second paragraph after both translations were made, so the finished demo shows that paragraph
outdated in both, with the source's redline, while Draft Opinion 1, adopted, has six equally
authentic versions (demo/languages.py). Dated relative to `today`; skipped when already there."""

from __future__ import annotations

from datetime import date
from typing import Any

from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.amendment_actions import do_accept_amendment, do_propose_amendment
from roundtable.drafting.models import Amendment, Document
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.translations import actions

from .languages import at, translate_in_workflow, translator_account

SLUG = "draft-opinion-2"

DRAFT = """The World Telecommunication Policy Forum,

Considering that Internet exchange points keep local traffic local and lower its cost,

Invites Member States to encourage the establishment of Internet exchange points,

Invites the Secretary-General to report on progress to the next Forum.
"""

AMENDED_SECOND = (
    "Considering that Internet exchange points keep local traffic local, lower its cost and "
    "make the network more resilient,"
)

# (language, translator's address, name) -> the four paragraphs of version 1, in order.
TRANSLATED: dict[tuple[str, str, str], list[str]] = {
    ("fr", "translator-fr@example.org", "Claire Dubois (translator)"): [
        "Le Forum mondial des politiques de télécommunication,",
        "Considérant que les points d'échange Internet maintiennent le trafic local au niveau "
        "local et en réduisent le coût,",
        "Invite les États Membres à encourager la création de points d'échange Internet,",
        "Invite le Secrétaire général à rendre compte des progrès accomplis au prochain Forum.",
    ],
    ("ar", "translator-ar@example.org", "Layla Haddad (translator)"): [
        "إن المنتدى العالمي لسياسات الاتصالات،",
        "إذ يضع في اعتباره أن نقاط تبادل الإنترنت تُبقي الحركة المحلية محلية وتخفّض تكلفتها،",
        "يدعو الدول الأعضاء إلى تشجيع إنشاء نقاط تبادل الإنترنت،",
        "يدعو الأمين العام إلى تقديم تقرير عن التقدم المحرز إلى المنتدى المقبل.",
    ],
}


def load_outdated_draft(wtpf: Process, people: dict[str, Any], today: date) -> Document:
    """Version 1 on day -52, French and Arabic on days -50 to -47, France's amendment accepted
    on day -38 (version 2): the second paragraph outdated in both."""
    found = Document.objects.filter(process=wtpf, slug=SLUG).first()
    if found is not None:
        return found
    office = Actor.person(people["itu-secretariat@example.org"])
    document = do_create_document(
        actor=office, process=wtpf, slug=SLUG,
        title="Draft Opinion 2: Internet exchange points", source=DRAFT, now=at(today, -52, 9),
    )  # fmt: skip
    first = do_publish_version(
        actor=office, document=document, note="First draft", now=at(today, -52, 10)
    )
    pids = list(first.paragraphs.order_by("number").values_list("pid", flat=True))
    actions.do_set_languages(
        actor=office, document=document, original_language="en", authenticity="original",
        now=at(today, -51, 9),
    )  # fmt: skip
    for (language, email, name), texts in TRANSLATED.items():
        translator = translator_account(email, name)
        translate_in_workflow(
            office, document, language, translator, dict(zip(pids, texts, strict=True)),
            today=today, requested=-51, due=-45, translated=-49,
        )  # fmt: skip
    amendment = do_propose_amendment(
        actor=Actor.person(people["bertrand@example.org"]), version=first,
        kind=Amendment.Kind.REPLACE, pid=pids[1], group="government", text=AMENDED_SECOND,
        rationale="Resilience is the other reason to build them.", now=at(today, -42, 9),
    )  # fmt: skip
    do_accept_amendment(
        actor=office, amendment=amendment, reason="Agreed in the preparatory meeting.",
        now=at(today, -38, 9),
    )  # fmt: skip
    return document
