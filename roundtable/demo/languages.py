"""The WTPF Draft Opinion's language versions (issue 18): written in English, translated into
French and Arabic from its first version by two translators, reviewed by the secretariat; the
amendment accepted later changes the third paragraph, which then shows as outdated in both,
with the source's redline. Once the Opinion is adopted, its six versions are made equally
authentic, as the ITU's final acts are: the outdated paragraph is brought up to date in French
and Arabic, and Spanish, Russian and Chinese are translated from the adopted text.
Everything through the translations app's actions, dated relative to `today`, skipped when
already there."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from roundtable.drafting.actions import latest_published
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.translations import actions
from roundtable.translations.models import DocumentLanguages

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


def at(today: date, days: int, hour: int) -> datetime:
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def translator_account(email: str, name: str) -> Any:
    found = get_user_model().objects.filter(username=email).first()
    return found or do_register_participant(
        actor=ACTOR, email=email, password=DEMO_PASSWORD, display_name=name, verified=True,
        send_verification=False,
    )  # fmt: skip


def translate_in_workflow(
    office: Actor, document: Document, language: str, translator: Any, texts: dict[str, str],
    *, today: date, requested: int, due: int, translated: int,
    note: str = "For the preparatory meeting.", hour: int = 10,
) -> None:  # fmt: skip
    """One language through the whole workflow, on days relative to `today`: requested at
    `hour` and assigned an hour later on day `requested`, each paragraph of `texts` (pid ->
    text) translated on day `translated` (one an hour from 9:00), finished the next day and
    reviewed the day after."""
    job = actions.do_request_translation(
        actor=office, document=document, language=language,
        due_date=(today + timedelta(days=due)), note=note, now=at(today, requested, hour),
    )  # fmt: skip
    actions.do_assign_translation(
        actor=office, job=job, assignee=translator, now=at(today, requested, hour + 1)
    )
    me = Actor.person(translator)
    for at_hour, (pid, text) in enumerate(texts.items(), start=9):
        actions.do_translate_paragraph(
            actor=me, job=job, pid=pid, text=text, now=at(today, translated, at_hour)
        )
    actions.do_finish_translation(actor=me, job=job, now=at(today, translated + 1, 9))
    actions.do_review_translation(actor=office, job=job, now=at(today, translated + 2, 9))


def load_languages(document: Document, secretariat: Any, today: date) -> None:
    """Between the first version (day -55) and the accepted amendment (day -40)."""
    if document.translation_requests.exists():
        return
    office = Actor.person(secretariat)
    actions.do_set_languages(
        actor=office, document=document, original_language="en", authenticity="original",
        now=at(today, -54, 9),
    )  # fmt: skip
    pids = list(
        document.versions.get(number=1).paragraphs.order_by("number").values_list("pid", flat=True)
    )
    for (language, email, name), texts in VERSIONS.items():
        translator = translator_account(email, name)
        translate_in_workflow(
            office, document, language, translator, dict(zip(pids, texts, strict=True)),
            today=today, requested=-54, due=-47, translated=-51,
        )  # fmt: skip


# The adopted text (version 2: the third paragraph as amended), in the languages not yet done,
# and the amended paragraph in the two that were. ITU terms: WTPF 世界电信政策论坛 / Всемирный
# форум по политике в области электросвязи / Foro Mundial de Política de las
# Telecomunicaciones; Sector Members 部门成员 / Члены Секторов / Miembros de Sector.
ADOPTED: dict[tuple[str, str, str], list[str]] = {
    ("es", "translator-es@example.org", "Lucía Fernández (translator)"): [
        "El Foro Mundial de Política de las Telecomunicaciones,",
        "Reconociendo que la participación de todas las partes interesadas refuerza la "
        "legitimidad de las opiniones del Foro,",
        "Invita al Secretario General a abrir el proceso preparatorio del próximo Foro a todos "
        "los grupos de partes interesadas acreditados, sobre la base de las contribuciones "
        "recibidas y publicadas en los seis idiomas oficiales,",
        "Alienta a los Estados Miembros y a los Miembros de Sector a propiciar un entorno "
        "previsible para la inversión en infraestructura de Internet.",
    ],
    ("ru", "translator-ru@example.org", "Ирина Соколова (translator)"): [
        "Всемирный форум по политике в области электросвязи,",
        "признавая, что участие всех заинтересованных сторон повышает легитимность мнений Форума,",
        "предлагает Генеральному секретарю открыть подготовительный процесс к следующему Форуму "
        "для каждой аккредитованной группы заинтересованных сторон на основе полученных вкладов, "
        "опубликованных на шести официальных языках,",
        "призывает Государства-Члены и Членов Секторов содействовать созданию предсказуемой "
        "среды для инвестиций в инфраструктуру Интернета.",
    ],
    ("zh-hans", "translator-zh@example.org", "王丽 (translator)"): [
        "世界电信政策论坛，",
        "认识到所有利益攸关方的参与可增强论坛意见的合法性，",
        "请秘书长在所收到并以六种正式语文发布的文稿的基础上，向每个经认可的利益攸关方群体开放"
        "下届论坛的筹备进程，",
        "鼓励成员国和部门成员为互联网基础设施投资营造可预见的环境。",
    ],
}
AMENDED_THIRD = {
    "fr": "Invite le Secrétaire général à ouvrir le processus préparatoire du prochain Forum à "
    "chaque groupe de parties prenantes accrédité, sur la base des contributions reçues et "
    "publiées dans les six langues officielles,",
    "ar": "يدعو الأمين العام إلى فتح العملية التحضيرية للمنتدى المقبل أمام كل فئة معتمدة من "
    "أصحاب المصلحة، على أساس المساهمات الواردة والمنشورة باللغات الرسمية الست،",
}


def load_authentic_versions(document: Document, secretariat: Any, today: date) -> None:
    """After the adoption (day -20): the six versions equally authentic, every paragraph of the
    adopted text translated (days -19 to -15)."""
    equal = DocumentLanguages.Authenticity.ALL_EQUAL
    if DocumentLanguages.objects.filter(document=document, authenticity=equal).exists():
        return
    office = Actor.person(secretariat)
    pids = list(
        latest_published(document).paragraphs.order_by("number").values_list("pid", flat=True)  # type: ignore[union-attr]
    )
    translators = {language: (email, name) for language, email, name in VERSIONS}
    work = [((code, *translators[code]), {pids[2]: text}) for code, text in AMENDED_THIRD.items()]
    work += [(key, dict(zip(pids, texts, strict=True))) for key, texts in ADOPTED.items()]
    for (language, email, name), texts in work:
        translate_in_workflow(
            office, document, language, translator_account(email, name), texts,
            today=today, requested=-19, due=-15, translated=-17,
            note="The adopted Opinion: all six versions equally authentic.", hour=9,
        )  # fmt: skip
    actions.do_set_languages(
        actor=office, document=document, original_language="en", authenticity="all",
        now=at(today, -15, 12),
    )  # fmt: skip
