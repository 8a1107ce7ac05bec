from __future__ import annotations

import io
import json
import mailbox
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from roundtable.audit.models import Event
from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import ImportRun, MailingList, Message, QuarantinedMessage, Thread
from roundtable.lists.queries import dormancy, summarise
from roundtable.lists.search_results import search_messages_page
from roundtable.mail import readers
from roundtable.permissions.actor import Actor

OPERATOR = Actor.operator("tests")  # imports run by the server's operator

pytestmark = pytest.mark.django_db
LIST = "twisted-web@twistedmatrix.com"


def count_raw(paths: list[str]) -> int:
    return sum(1 for path, kind in readers.expand(paths) for _ in readers.read(path, kind))


def test_twisted_web_reconciles_and_a_second_import_stores_nothing(twisted_web: Path) -> None:
    paths = [str(twisted_web)]
    first = do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths)
    assert first.read == count_raw(paths)
    assert first.read == first.stored + first.duplicates + first.quarantined
    assert Message.objects.count() == first.stored
    assert QuarantinedMessage.objects.count() == first.quarantined
    assert first.threads == Thread.objects.count() > 0
    assert sum(Thread.objects.values_list("message_count", flat=True)) == first.stored
    assert not Message.objects.filter(thread__isnull=True).exists()
    keys = dict(Message.objects.values_list("key", "thread__key"))

    second = do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths)
    assert (second.read, second.stored, second.quarantined) == (first.read, 0, 0)
    assert second.duplicates == first.read
    assert second.threads == first.threads
    assert dict(Message.objects.values_list("key", "thread__key")) == keys
    assert Event.objects.filter(verb="lists.import").count() == 2  # one event per run
    print(f"\ntwisted-web: {first.as_dict()} / second import: {second.as_dict()}")


def test_every_ietf_fixture_is_stored_or_quarantined_with_reason(ietf_fixtures: Path) -> None:
    files = sorted(p for p in ietf_fixtures.iterdir() if not p.name.startswith("LICENSE"))
    for path in files:
        result = do_import_archive(
            actor=OPERATOR, list_address="ietf@example.org", paths=[str(path)]
        )
        assert result.read >= 1, path.name
        assert result.read == result.stored + result.duplicates + result.quarantined, path.name
    held = QuarantinedMessage.objects.all()
    assert all(q.reason and bytes(q.raw) for q in held)
    bad = held.get(source__endswith="mail_bad.1")
    assert "no mail headers" in bad.reason
    assert bytes(bad.raw) == (ietf_fixtures / "mail_bad.1").read_bytes()


def test_same_message_id_with_different_content_is_kept_and_flagged(ietf_fixtures: Path) -> None:
    result = do_import_archive(
        actor=OPERATOR,
        list_address="dup@example.org",
        paths=[str(ietf_fixtures / "duplicate_tests.mbox")],
    )
    variants = Message.objects.filter(message_id="control-msg-001@example.com")
    assert variants.count() >= 2
    assert all(variants.values_list("conflicting_id", flat=True))
    assert len(set(variants.values_list("key", flat=True))) == variants.count()
    assert len(set(variants.values_list("content_hash", flat=True))) == variants.count()
    assert result.duplicates >= 1
    assert not Message.objects.get(message_id="different_id@example.com").conflicting_id


def test_permalinks_survive_a_fresh_reimport_and_an_export_roundtrip(
    twisted_web: Path, tmp_path: Path
) -> None:
    paths = [str(twisted_web / "2005-November.txt"), str(twisted_web / "2005-December.txt")]
    do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths)
    before = dict(Message.objects.values_list("message_id", "key"))
    threads_before = set(Thread.objects.values_list("key", flat=True))
    MailingList.objects.all().delete()
    do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths)
    assert dict(Message.objects.values_list("message_id", "key")) == before
    assert set(Thread.objects.values_list("key", flat=True)) == threads_before

    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out)
    call_command("lists", "export", "--list", LIST, stdout=wrapper)
    wrapper.flush()
    target = tmp_path / "export.mbox"
    target.write_bytes(out.getvalue())
    wrapper.detach()
    assert len(mailbox.mbox(str(target))) == len(before)
    again = do_import_archive(actor=OPERATOR, list_address="copy@example.org", paths=[str(target)])
    assert again.stored == len(before)
    copy = MailingList.objects.get(address="copy@example.org")
    assert (
        dict(Message.objects.filter(mailing_list=copy).values_list("message_id", "key")) == before
    )


def test_cli_json_is_one_object(twisted_web: Path) -> None:
    out = io.StringIO()
    call_command(
        "lists", "import", "--list", LIST, str(twisted_web / "2004-July.txt"), "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"read", "stored", "duplicates", "quarantined", "threads"}
    assert data["read"] == data["stored"] + data["duplicates"] + data["quarantined"] > 0
    out = io.StringIO()
    call_command("lists", "import", "--list", LIST, str(twisted_web / "2004-July.txt"), stdout=out)
    assert "stored 0" in out.getvalue() and "balanced" in out.getvalue()


def test_search_finds_a_known_phrase_in_the_right_thread(twisted_web: Path) -> None:
    paths = [str(twisted_web / f"2005-{m}.txt") for m in ("October", "November")]
    do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths)
    results = search_messages_page(viewer=None, text="PIX firewall").results
    assert results, "phrase not found"
    top = results[0].message
    assert "livepage connection" in Thread.objects.get(key=top.thread_key).subject
    assert "PIX firewall" in (twisted_web / "2005-November.txt").read_text(errors="replace")
    assert re.search(r"<mark>PIX</mark>\s+<mark>firewall</mark>", results[0].snippet_html)
    mailing_list = MailingList.objects.get()
    assert search_messages_page(viewer=None, text="PIX firewall", author="robbyd@u20.org").results
    assert not search_messages_page(
        viewer=None, text="PIX firewall", author="nobody@example.org"
    ).results
    assert not search_messages_page(
        viewer=None, text="PIX firewall", mailing_list=mailing_list,
        date_from=datetime(2005, 11, 2, tzinfo=UTC),
    ).results  # fmt: skip
    assert search_messages_page(
        viewer=None, text='"port-forwarded through"', date_to=datetime(2005, 11, 2, tzinfo=UTC)
    ).results


def test_resume_of_a_recorded_position_skips_what_was_committed(twisted_web: Path) -> None:
    paths = [str(twisted_web / "2005-November.txt")]
    full = do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths, batch_size=10)
    state = sorted(Message.objects.values_list("key", "thread__key", "position"))
    # Pretend the run died after its second batch: roll the run and the data back to it.
    run = ImportRun.objects.get(pk=full.run_id)
    keep = set(Message.objects.order_by("source_index").values_list("key", flat=True)[:20])
    Message.objects.exclude(key__in=keep).delete()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.RUNNING, source_position=0, message_position=20, read=20, stored=20,
        duplicates=0, quarantined=0,
    )  # fmt: skip
    resumed = do_import_archive(actor=OPERATOR, list_address=LIST, paths=paths, batch_size=10)
    assert resumed.resumed and resumed.run_id == full.run_id
    assert resumed.as_dict() == full.as_dict()
    assert sorted(Message.objects.values_list("key", "thread__key", "position")) == state


def test_dormancy_is_configurable(twisted_web: Path) -> None:
    do_import_archive(
        actor=OPERATOR, list_address=LIST, paths=[str(twisted_web / "2021-August.txt")]
    )
    mailing_list = MailingList.objects.get()
    last = summarise(mailing_list).last_at
    assert last is not None
    soon = datetime(last.year, last.month, last.day, tzinfo=UTC).replace(year=last.year + 1)
    assert dormancy(mailing_list, last, now=soon)[0] is True
    mailing_list.dormant_after_days = 3650
    assert dormancy(mailing_list, last, now=soon)[0] is False
    assert dormancy(mailing_list, None)[0] is True
