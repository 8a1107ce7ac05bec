"""Documents, versions, amendments and traceability, through the actions and the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from roundtable.audit.queries import list_events_for
from roundtable.drafting import actions, amendment_actions, paragraph_actions
from roundtable.drafting.models import Amendment, ImmutableVersion, Paragraph, Version
from roundtable.drafting.queries import redline, where_it_went
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.text import split_blocks
from tests.drafting.scenes import member, published_document, world

pytestmark = pytest.mark.django_db


def test_publish_amend_accept_makes_a_new_version_with_stable_ids() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    assert [p.pid for p in v1.paragraphs.all()] == ["p1", "p2", "p3", "p4"]
    alice = member(w, "alice@example.org", "member")
    amendment = amendment_actions.check_propose_amendment(
        actor=Actor.person(alice),
        version=v1,
        kind="insert-after",
        pid="p2",
        text="The Forum encourages capacity building.",
        rationale="Capacity matters.",
    )
    v2 = amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendment, reason="Agreed."
    )
    assert v2.number == 2 and v2.published
    assert [p.pid for p in v2.paragraphs.all()] == ["p1", "p2", "p5", "p3", "p4"]
    amendment.refresh_from_db()
    assert amendment.status == "accepted" and amendment.result_id == v2.pk
    changes = redline(viewer=None, old=v1, new=v2).to_json()["counts"]
    assert changes == {"unchanged": 4, "changed": 0, "inserted": 1, "deleted": 0}
    verbs = [e.verb for e in list_events_for(doc)]
    assert verbs == [
        "document.created",
        "version.published",
        "amendment.proposed",
        "amendment.accepted",
    ]
    # A later edit of the working draft keeps ids through carry-forward.
    actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v2.source.replace("lower", "reduce")
    )
    v3 = actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    assert [p.pid for p in v3.paragraphs.all()] == ["p1", "p2", "p5", "p3", "p4"]


def test_reject_merge_withdraw_need_reasons_and_the_right_person() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    alice = member(w, "alice@example.org", "member")
    bob = member(w, "bob@example.org", "member")

    def propose(user: object, text: str) -> Amendment:
        return amendment_actions.check_propose_amendment(
            actor=Actor.person(user), version=v1, kind="replace", pid="p3", text=text, rationale="r"
        )

    a, b, c = propose(alice, "A."), propose(bob, "B."), propose(bob, "C.")
    with pytest.raises(ValidationError):
        amendment_actions.do_reject_amendment(
            actor=Actor.person(w.secretariat), amendment=a, reason=" "
        )
    amendment_actions.do_reject_amendment(
        actor=Actor.person(w.secretariat), amendment=a, reason="Out of scope."
    )
    amendment_actions.do_merge_amendment(
        actor=Actor.person(w.secretariat), amendment=b, into=c, reason="Same intent."
    )
    with pytest.raises(PermissionDenied):
        amendment_actions.do_withdraw_amendment(actor=Actor.person(alice), amendment=c)
    amendment_actions.do_withdraw_amendment(actor=Actor.person(bob), amendment=c)
    statuses = dict(Amendment.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "rejected", b.pk: "merged", c.pk: "withdrawn"}
    with pytest.raises(ValidationError):
        amendment_actions.do_accept_amendment(actor=Actor.person(w.secretariat), amendment=a)
    # Only a drafter decides.
    with pytest.raises(Denied):
        amendment_actions.check_decide_amendment(
            actor=Actor.person(alice), amendment=propose(alice, "D."), decision="accept"
        )


def test_modality_refuses_amendments_to_a_new_draft_in_itu_wtpf() -> None:
    """itu-wtpf: after the preparatory period, amendments only to existing drafts, and no new
    draft may be introduced."""
    from roundtable.stakeholders.models import VenueCategory
    from tests.processes.scenes import accredit, group

    w = world(modality="itu-wtpf", phase="exchange-of-views", venue_slug="itu", process_slug="wtpf")
    category = VenueCategory.objects.create(
        venue=w.venue, slug="member-state", name="Member State", group=group("government")
    )
    france = member(w, "fr@example.org")
    accredit(france, w.venue, "government", category=category)
    with pytest.raises(ValidationError) as refused:
        actions.check_create_document(
            actor=Actor.person(w.secretariat),
            process=w.process,
            slug="new",
            title="New",
            source="X",
        )
    assert refused.value.code == "existing_drafts_only"
    # A draft published (now) inside the current phase is not an existing draft.
    doc = published_document(w)
    with pytest.raises(ValidationError) as refused:
        amendment_actions.check_propose_amendment(
            actor=Actor.person(france),
            version=doc.versions.get(number=1),
            kind="replace",
            pid="p2",
            text="Changed.",
            rationale="r",
        )
    assert refused.value.code == "existing_drafts_only"
    # A civil-society participant has no right at all in itu-wtpf: the door says why.
    outsider = member(w, "cs@example.org")
    with pytest.raises(Denied) as denied:
        amendment_actions.check_propose_amendment(
            actor=Actor.person(outsider),
            version=doc.versions.get(number=1),
            kind="delete",
            pid="p2",
            text="",
            rationale="r",
        )
    assert denied.value.decision.rule == "itu-wtpf/default-deny"


def test_existing_draft_from_the_preparatory_period_can_be_amended() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from roundtable.stakeholders.models import VenueCategory
    from tests.processes.scenes import accredit, group

    w = world(modality="itu-wtpf", phase="exchange-of-views", venue_slug="itu", process_slug="w2")
    category = VenueCategory.objects.create(
        venue=w.venue, slug="member-state", name="Member State", group=group("government")
    )
    france = member(w, "fr@example.org")
    accredit(france, w.venue, "government", category=category)
    doc = actions.do_create_document(
        actor=Actor.person(w.secretariat),
        process=w.process,
        slug="op",
        title="Opinion",
        source="A.\n\nB.",
    )
    earlier = timezone.now() - timedelta(days=10)
    version = actions.do_publish_version(
        actor=Actor.person(w.secretariat), document=doc, now=earlier
    )
    amendment = amendment_actions.check_propose_amendment(
        actor=Actor.person(france),
        version=version,
        kind="replace",
        pid="p2",
        text="C.",
        rationale="r",
    )
    assert amendment.status == "proposed" and amendment.group == "government"


def test_a_published_version_cannot_be_changed_by_any_path() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    # 1. The actions refuse (a draft save never touches a published version).
    draft = actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source="Other text."
    )
    assert draft.pk != v1.pk and not draft.published
    # 2. The model guard refuses.
    v1.source = "Tampered."
    with pytest.raises(ImmutableVersion):
        v1.save()
    paragraph = v1.paragraphs.first()
    paragraph.text = "Tampered."
    with pytest.raises(ImmutableVersion):
        paragraph.save()
    with pytest.raises(ImmutableVersion):
        v1.delete()
    # 3. The database refuses a queryset update and raw SQL (triggers).
    for attempt in (
        lambda: Version.objects.filter(pk=v1.pk).update(source="Tampered."),
        lambda: Version.objects.filter(pk=v1.pk).update(status="draft"),
        lambda: Paragraph.objects.filter(version=v1).update(text="Tampered."),
        lambda: connection.cursor().execute(
            "UPDATE drafting_version SET source = %s WHERE id = %s", ["Tampered.", v1.pk]
        ),
        lambda: connection.cursor().execute(
            "UPDATE drafting_paragraph SET text = %s WHERE version_id = %s", ["Tampered.", v1.pk]
        ),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    v1.refresh_from_db()
    assert "Tampered" not in v1.source
    assert not Paragraph.objects.filter(text="Tampered.").exists()
    # The working draft, unpublished, can still change.
    assert Version.objects.filter(pk=draft.pk).update(source="Fine.") == 1


def test_traceability_both_ways() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from roundtable.contributions.actions import do_open_call, do_submit_contribution

    w = world(modality="icann-gnso-pdp-wg")
    now = timezone.now()
    call = do_open_call(
        actor=Actor.operator("test"), process=w.process, title="Call", opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
    )  # fmt: skip
    author = member(w, "author@example.org", "member")
    contribution = do_submit_contribution(
        actor=Actor.person(author),
        call=call,
        title="IXPs matter",
        body="Please say so.",
        language="en",
    )
    doc = published_document(w)
    paragraph_actions.check_cite_contribution(
        actor=Actor.person(w.secretariat),
        document=doc,
        pid="p2",
        contribution=contribution,
        note="¶2",
    )
    rows = where_it_went(viewer=None, contribution=contribution)
    assert [(r.pid, r.current.number if r.current else None) for r in rows] == [("p2", 2)]
    # After p2 is deleted by an accepted amendment, the input shows where it went: nowhere now.
    amendment = amendment_actions.do_propose_amendment(
        actor=Actor.person(author), version=doc.versions.get(number=1), kind="delete", pid="p2", text="",
        rationale="Redundant.",
    )  # fmt: skip
    amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendment, reason="ok"
    )
    rows = where_it_went(viewer=None, contribution=contribution)
    assert rows[0].current is None
    client = Client()
    page = client.get(f"/contributions/{contribution.pk}/where/")
    assert page.status_code == 200 and "has since been deleted" in page.content.decode()
    page = client.get(f"/documents/{doc.pk}/inputs/")
    assert page.status_code == 200


def test_pages_render_and_show_refusals(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    alice = member(w, "alice@example.org", "member")
    amendment = amendment_actions.do_propose_amendment(
        actor=Actor.person(alice), version=doc.versions.get(number=1), kind="replace", pid="p2",
        text="The Forum recognises <script>x</script> IXPs.", rationale="Sharper.",
    )  # fmt: skip
    amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendment, reason="ok"
    )
    anonymous = client.get(f"/documents/{doc.pk}/")
    body = anonymous.content.decode()
    assert anonymous.status_code == 200 and "Why not:" in body and "<script>x" not in body
    redline_page = client.get(f"/documents/{doc.pk}/redline/?from=1&to=2")
    html = redline_page.content.decode()
    assert "<ins>" in html and "<del>" in html and "&lt;script&gt;" in html
    assert client.get(f"/amendments/{amendment.pk}/").status_code == 200
    assert client.get(f"/venues/{w.venue.slug}/{w.process.slug}/documents/").status_code == 200
    client.force_login(alice)
    # Posting an amendment as an anonymous visitor would be refused by the door (403).
    client.logout()
    refused = client.post(
        f"/documents/{doc.pk}/amend/",
        {"version": 2, "pid": "p2", "kind": "delete", "rationale": "r"},
    )
    assert refused.status_code == 403


def test_document_page_queries_do_not_grow_with_paragraphs(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    small = published_document(w, text="One.\n\nTwo.", slug="small")
    large = published_document(
        w, text="\n\n".join(f"Paragraph {i}." for i in range(60)), slug="large"
    )
    author = member(w, "a@example.org", "member")
    for pid in ("p1", "p2"):
        for doc in (small, large):
            amendment_actions.do_propose_amendment(
                actor=Actor.person(author), version=doc.versions.get(number=1), kind="delete", pid=pid,
                text="", rationale="r",
            )  # fmt: skip
    counts = []
    for doc in (small, large):
        from django.db import connection as conn
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(conn) as captured:
            assert client.get(f"/documents/{doc.pk}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(30):
        client.get(f"/documents/{large.pk}/")


def _propose(w: Any, version: Version, kind: str, pid: str, text: str = "") -> Amendment:
    author = member(w, f"author-{kind}-{pid}@example.org", "member")
    return amendment_actions.do_propose_amendment(
        actor=Actor.person(author), version=version, kind=kind, pid=pid, text=text, rationale="r"
    )


def test_an_accepted_amendment_is_carried_into_the_working_draft() -> None:
    """The draft keeps its own edits and gains the accepted change, so publishing it later
    cannot undo the amendment."""
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    own_edit = "The secretariat will report on progress every year."
    actions.do_save_draft(
        actor=Actor.person(w.secretariat),
        document=doc,
        source=v1.source.replace("The secretariat will report on progress.", own_edit)
        + "\n\nA new closing paragraph.\n",
    )
    replaced = "The Forum recognises that IXPs lower the cost of connectivity."
    inserted = "The Forum welcomes regional cooperation."
    for kind, pid, text in (
        ("replace", "p2", replaced),
        ("insert-after", "p3", inserted),
        ("delete", "p1", ""),
    ):
        last = doc.versions.filter(status="published").order_by("-number").first()
        amendment = _propose(w, last, kind, pid, text)
        amendment_actions.do_accept_amendment(
            actor=Actor.person(w.secretariat), amendment=amendment, reason="ok"
        )
    v4 = doc.versions.get(number=4)
    assert [p.text for p in v4.paragraphs.all()] == [
        replaced,
        "The Forum invites Member States to encourage the creation of IXPs.",
        inserted,
        "The secretariat will report on progress.",
    ]
    draft = doc.versions.get(status="draft")
    assert split_blocks(draft.source) == [
        replaced,
        "The Forum invites Member States to encourage the creation of IXPs.",
        inserted,
        own_edit,
        "A new closing paragraph.",
    ]
    accepted = [e for e in list_events_for(doc) if e.verb == "amendment.accepted"]
    assert all(e.summary["draft_updated"] for e in accepted)
    assert [e.summary.get("amendment") for e in list_events_for(doc) if e.verb == "draft.saved"][
        1:
    ] == [e.summary["amendment"] for e in accepted]
    # Publishing the draft keeps every accepted change: the redline shows only its own edits.
    v5 = actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    counts = redline(viewer=None, old=v4, new=v5).to_json()["counts"]
    assert counts == {"unchanged": 3, "changed": 1, "inserted": 1, "deleted": 0}
    assert [p.pid for p in v5.paragraphs.all()][:3] == [p.pid for p in v4.paragraphs.all()][:3]


def test_acceptance_is_refused_where_the_draft_changed_the_paragraph(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    draft = actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v1.source.replace("lower", "reduce")
    )
    replace = _propose(w, v1, "replace", "p2", "The Forum recognises IXPs.")
    insert = _propose(w, v1, "insert-after", "p2", "The Forum notes the costs.")
    for amendment in (replace, insert):
        with pytest.raises(ValidationError) as refused:
            amendment_actions.do_accept_amendment(
                actor=Actor.person(w.secretariat), amendment=amendment
            )
        assert refused.value.code == "draft_conflict"
        message = refused.value.messages[0]
        assert "paragraph p2" in message and "Publish the working draft" in message
        assert "discard it" in message
    # Nothing changed: no new version, the amendments still proposed, the draft as it was.
    assert doc.versions.filter(status="published").count() == 1
    assert set(Amendment.objects.values_list("status", flat=True)) == {"proposed"}
    assert doc.versions.get(status="draft").source == draft.source
    # The page says what to do.
    client.force_login(w.secretariat)
    page = client.post(
        f"/amendments/{replace.pk}/", {"decision": "accept", "reason": "ok"}, follow=True
    )
    assert "discard it first" in page.content.decode()
    # Whoever may draft discards the working draft on its page; then the acceptance goes through.
    assert "Discard the working draft" in client.get(f"/documents/{doc.pk}/draft/").content.decode()
    discarded = client.post(f"/documents/{doc.pk}/draft/", {"discard": "1"}, follow=True)
    assert "Working draft discarded." in discarded.content.decode()
    assert not doc.versions.filter(status="draft").exists()
    assert [e.verb for e in list_events_for(doc)][-1] == "draft.discarded"
    v2 = amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=replace, reason="ok"
    )
    assert v2.number == 2


def test_discarding_a_working_draft_needs_the_right_and_a_published_version() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = actions.do_create_document(
        actor=Actor.person(w.secretariat),
        process=w.process,
        slug="new",
        title="New",
        source="Only text.",
    )
    with pytest.raises(ValidationError) as refused:
        actions.check_discard_draft(actor=Actor.person(w.secretariat), document=doc)
    assert refused.value.code == "only_text"
    actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    with pytest.raises(ValidationError) as refused:
        actions.do_discard_draft(actor=Actor.person(w.secretariat), document=doc)
    assert refused.value.code == "no_draft"
    actions.do_save_draft(actor=Actor.person(w.secretariat), document=doc, source="Other text.")
    alice = member(w, "alice@example.org", "member")
    with pytest.raises(Denied):
        actions.check_discard_draft(actor=Actor.person(alice), document=doc)
    actions.check_discard_draft(actor=Actor.person(w.secretariat), document=doc)
    assert list(doc.versions.values_list("status", flat=True)) == ["published"]


def test_publishing_a_draft_identical_to_the_last_version_is_refused() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    actions.do_save_draft(actor=Actor.person(w.secretariat), document=doc, source=v1.source + "\n")
    with pytest.raises(ValidationError) as same:
        actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    assert same.value.code == "unchanged" and "version 1" in same.value.messages[0]
    assert doc.versions.filter(status="published").count() == 1
    actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v1.source + "\n\nOne more."
    )
    assert actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc).number == 2
