from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from roundtable.demo.archive import MMWG_LIST
from roundtable.drafting.models import Citation, Document
from roundtable.lists.models import MailingList, Message

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
    # The WTPF draft opinion is published once per change, its paragraphs citing the inputs behind them.
    document = Document.objects.get(process__slug="wtpf", slug="draft-opinion-1")
    # Two versions: the first draft and the one with the accepted amendment.
    assert document.versions.filter(status="published").count() == 2
    cited = set(
        Citation.objects.filter(document=document).values_list("contribution__title", flat=True)
    )
    assert cited == {"Multistakeholder modalities at the ITU", "Investment and the policy forum"}
