from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import Event
from roundtable.decisions.models import Adoption
from roundtable.demo.archive import MMWG_LIST
from roundtable.demo.world import ACTOR, load_world
from roundtable.drafting.models import Citation, Document
from roundtable.lists.models import MailingList, Message
from roundtable.processes.models import Process
from roundtable.processes.setup import do_add_phase

pytestmark = pytest.mark.django_db


def test_demo_command_is_idempotent_and_brings_the_founding_thread(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo")
    first = capsys.readouterr().out
    assert "5 venues" in first and "1 stored" in first
    call_command("demo")
    second = capsys.readouterr().out
    assert "0 venues, 0 processes, 0 participants and 0 contributions" in second
    assert "0 stored, 1 already there" in second
    mmwg = MailingList.objects.get(address=MMWG_LIST)
    assert Message.objects.filter(mailing_list=mmwg).count() == 1
    # The seed has no headers: its sender (signature "Bill") and a lower bound of its date
    # (the quoted message it replies to) are recorded by the curator's action, once.
    seed = Message.objects.get(mailing_list=mmwg)
    assert (seed.from_name, seed.date_source) == ("Bill Drake", "not-before")
    assert seed.date.isoformat() == "2006-11-23T09:08:11+00:00"  # type: ignore[union-attr]
    assert Event.objects.filter(verb="message.attributed").count() == 1
    page = Client().get(reverse("lists:message", args=[mmwg.slug, seed.key])).content.decode()
    assert "Bill Drake" in page and "not before" in page and "unknown sender" not in page
    # The WTPF draft opinion is published once per change, its paragraphs citing the inputs behind them.
    document = Document.objects.get(process__slug="wtpf", slug="draft-opinion-1")
    # Two versions: the first draft and the one with the accepted amendment.
    assert document.versions.filter(status="published").count() == 2
    cited = set(
        Citation.objects.filter(document=document).values_list("contribution__title", flat=True)
    )
    assert cited == {"Multistakeholder modalities at the ITU", "Investment and the policy forum"}


def test_demo_over_data_it_cannot_extend_says_so_and_adds_nothing(shared_dir: Path) -> None:
    """A database holding an earlier demo (here: a WTPF whose phases are laid out otherwise)
    gets a plain refusal naming the cause, not a traceback; the load is one transaction."""
    load_world()
    today = timezone.now().date()
    wtpf = Process.objects.get(venue__slug="itu", slug="wtpf")
    do_add_phase(
        actor=ACTOR, process=wtpf, kind="drafting", title="Drafting, as an older demo had it",
        starts_on=today - timedelta(days=90), ends_on=today + timedelta(days=30),
    )  # fmt: skip
    with pytest.raises(CommandError) as refused:
        call_command("demo")
    assert "cannot extend" in str(refused.value) and "no adoption procedure" in str(refused.value)
    assert Adoption.objects.count() == 0 and wtpf.phases.count() == 1
