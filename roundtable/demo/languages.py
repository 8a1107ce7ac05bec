"""The WTPF Draft Opinion's language versions (issue 18): written in English, translated into
French and Arabic from its first version by two translators, reviewed by the secretariat; the
amendment accepted later changes the third paragraph, which then shows as outdated in both,
with the source's redline. Everything through the translations app's actions, dated relative
to `today`, skipped when already there."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.translations import actions

from .people import ACTOR, DEMO_PASSWORD

# (language, translator's address, name) -> the four paragraphs of version 1, in order.
VERSIONS: dict[tuple[str, str, str], list[str]] = {
    ("fr", "translator-fr@example.org", "Claire Dubois (translator)"): [
        "Le Forum mondial des politiques de télécommunication,",
        "Reconnaissant que la participation de toutes les parties prenantes renforce la "
        "légitimité des avis du Forum,",
        "Invite le Secrétaire général à ouvrir le processus préparatoire du prochain Forum à "
        "chaque groupe de parties prenantes accrédité, sur la base des contributions reçues,",
        "Encourage les États Membres et les Membres de Secteur à favoriser un environnement "
        "prévisible pour l'investissement dans l'infrastructure de l'Internet.",
    ],
    ("ar", "translator-ar@example.org", "Layla Haddad (translator)"): [
        "إن المنتدى العالمي لسياسات الاتصالات،",
        "إذ يدرك أن مشاركة جميع أصحاب المصلحة تعزّز مشروعية آراء المنتدى،",
        "يدعو الأمين العام إلى فتح العملية التحضيرية للمنتدى المقبل أمام كل فئة معتمدة من "
        "أصحاب المصلحة، على أساس المساهمات الواردة،",
        "يشجّع الدول الأعضاء وأعضاء القطاعات على دعم بيئة يمكن التنبؤ بها للاستثمار في البنية "
        "التحتية للإنترنت.",
    ],
}


def _at(today: date, days: int, hour: int) -> datetime:
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _translator(email: str, name: str) -> Any:
    found = get_user_model().objects.filter(username=email).first()
    return found or do_register_participant(
        actor=ACTOR, email=email, password=DEMO_PASSWORD, display_name=name, verified=True,
        send_verification=False,
    )  # fmt: skip


def load_languages(document: Document, secretariat: Any, today: date) -> None:
    """Between the first version (day -55) and the accepted amendment (day -40)."""
    if document.translation_requests.exists():
        return
    office = Actor.person(secretariat)
    actions.do_set_languages(
        actor=office, document=document, original_language="en", authenticity="original",
        now=_at(today, -54, 9),
    )  # fmt: skip
    pids = list(
        document.versions.get(number=1).paragraphs.order_by("number").values_list("pid", flat=True)
    )
    for (language, email, name), texts in VERSIONS.items():
        job = actions.do_request_translation(
            actor=office, document=document, language=language, due_date=today - timedelta(days=47),
            note="For the preparatory meeting.", now=_at(today, -54, 10),
        )  # fmt: skip
        translator = _translator(email, name)
        actions.do_assign_translation(
            actor=office, job=job, assignee=translator, now=_at(today, -54, 11)
        )
        me = Actor.person(translator)
        for hour, (pid, text) in enumerate(zip(pids, texts, strict=True), start=9):
            actions.do_translate_paragraph(
                actor=me, job=job, pid=pid, text=text, now=_at(today, -51, hour)
            )
        actions.do_finish_translation(actor=me, job=job, now=_at(today, -50, 9))
        actions.do_review_translation(actor=office, job=job, now=_at(today, -49, 9))
