from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from roundtable.demo.archive import MMWG_LIST
from roundtable.lists.models import MailingList, Message

pytestmark = pytest.mark.django_db


def test_demo_command_is_idempotent_and_brings_the_founding_thread(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo")
    first = capsys.readouterr().out
    assert "3 venues" in first and "1 stored" in first
    call_command("demo")
    second = capsys.readouterr().out
    assert "0 venues, 0 processes, 0 participants and 0 contributions" in second
    assert "0 stored, 1 already there" in second
    mmwg = MailingList.objects.get(address=MMWG_LIST)
    assert Message.objects.filter(mailing_list=mmwg).count() == 1
