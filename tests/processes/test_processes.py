from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.demo.world import load_demo
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.clock import current_phase
from roundtable.processes.models import Process
from roundtable.processes.situation import situation
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _phase(start: date, end: date) -> SimpleNamespace:
    return SimpleNamespace(starts_on=start, ends_on=end)


def test_current_phase_comes_from_the_clock() -> None:
    mag, open_day = (
        _phase(date(2007, 2, 12), date(2007, 2, 12)),
        _phase(date(2007, 2, 13), date(2007, 2, 13)),
    )
    at = lambda d, h: datetime(2007, 2, d, h, tzinfo=UTC)  # noqa: E731
    assert current_phase([mag, open_day], now=at(12, 0)) is mag
    assert current_phase([mag, open_day], now=at(12, 23)) is mag
    assert current_phase([mag, open_day], now=at(13, 9)) is open_day
    assert current_phase([mag, open_day], now=at(14, 0)) is None


def test_overlapping_phases_are_refused_with_a_clear_message() -> None:
    venue = do_create_venue(
        actor=Actor.operator("t"), slug="igf", name="IGF", default_modality="igf-open-consultation"
    )
    process = do_create_process(actor=Actor.operator("t"), venue=venue, slug="p", title="P")
    do_add_phase(
        actor=Actor.operator("t"),
        process=process,
        kind="exchange-of-views",
        title="MAG meeting",
        starts_on=date(2007, 2, 12),
        ends_on=date(2007, 2, 12),
    )
    with pytest.raises(ValidationError) as refused:
        do_add_phase(
            actor=Actor.operator("t"),
            process=process,
            kind="open-consultation",
            title="Consultations",
            starts_on=date(2007, 2, 10),
            ends_on=date(2007, 2, 13),
        )
    message = refused.value.messages[0]
    assert "MAG meeting" in message and "2007-02-12" in message and "cannot overlap" in message
    assert refused.value.code == "overlap"
    with pytest.raises(ValidationError, match="before it starts"):
        do_add_phase(
            actor=Actor.operator("t"),
            process=process,
            kind="open-consultation",
            title="x",
            starts_on=date(2007, 2, 15),
            ends_on=date(2007, 2, 14),
        )
    # Adjacent days are fine.
    do_add_phase(
        actor=Actor.operator("t"),
        process=process,
        kind="open-consultation",
        title="Consultations",
        starts_on=date(2007, 2, 13),
        ends_on=date(2007, 2, 13),
    )
    assert process.phases.count() == 2


def test_unknown_modality_is_refused() -> None:
    venue = do_create_venue(
        actor=Actor.operator("t"), slug="v", name="V", default_modality="open-mailing-list"
    )
    with pytest.raises(ValidationError, match="Unknown modality"):
        do_create_process(
            actor=Actor.operator("t"), venue=venue, slug="p", title="P", modality="no-such-preset"
        )


def test_situation_uses_phase_override_and_gives_the_engine_context() -> None:
    load_demo()
    igf = Process.objects.get(slug="stock-taking-2007")
    on_mag_day = situation(igf, now=datetime(2007, 2, 12, 10, tzinfo=UTC))
    assert on_mag_day.modality == "igf-mag"
    assert (
        on_mag_day.context["phase"] == "exchange-of-views"
        and on_mag_day.context["day"] == "mag-day"
    )
    on_open_day = situation(igf, now=datetime(2007, 2, 13, 10, tzinfo=UTC))
    assert on_open_day.modality == "igf-open-consultation"
    assert (
        on_open_day.context["venue"] == "igf"
        and "igf-stock-taking" in on_open_day.context["issues"]
    )
    between = situation(igf, now=datetime(2007, 3, 1, tzinfo=UTC))
    assert between.phase is None and between.modality == "igf-open-consultation"


def test_demo_world_matches_the_founding_email() -> None:
    first = load_demo()
    assert first["participants"] >= 6 and first["contributions"] >= 3
    again = load_demo()
    assert again == {"venues": 0, "processes": 0, "participants": 0, "contributions": 0}
    igf = Process.objects.get(slug="stock-taking-2007")
    phases = list(igf.phases.order_by("starts_on"))
    assert [(p.starts_on, p.tentative) for p in phases] == [
        (date(2007, 2, 12), True),
        (date(2007, 2, 13), True),
    ]
    assert "Assessment of the first IGF" in phases[1].agenda and len(phases[1].agenda) == 4
    from roundtable.contributions.models import Contribution

    groups = set(Contribution.objects.values_list("group__slug", flat=True))
    assert {"civil-society", "technical-community", "intergovernmental"} <= groups
    from roundtable.modalities import GROUPS
    from roundtable.stakeholders.models import Accreditation

    accredited = set(
        Accreditation.objects.filter(status="approved").values_list("group__slug", flat=True)
    )
    assert accredited == set(GROUPS)  # participants from every stakeholder group


def test_wtpf_can_be_viewed_under_both_modalities(client: Client) -> None:
    load_demo()
    plain = client.get("/venues/itu/wtpf/").content.decode()
    multi = client.get("/venues/itu/wtpf/?modality=itu-wtpf-multistakeholder").content.decode()
    assert "Who may do what (ITU World Telecommunication/ICT Policy Forum)" in plain
    assert (
        "Who may do what (ITU policy forum, multistakeholder rules)" in multi
        and "Simulation" in multi
    )
    # An unknown view falls back to the modality in force.
    assert (
        "Who may do what (ITU World Telecommunication/ICT Policy Forum)"
        in client.get("/venues/itu/wtpf/?modality=nope").content.decode()
    )


def test_process_page_shows_timeline_matrix_counts_history_and_reasons(client: Client) -> None:
    load_demo()
    body = client.get("/venues/igf/stock-taking-2007/").content.decode()
    assert (
        "MAG stock-taking meeting" in body and "Open consultations" in body and "tentative" in body
    )
    assert "Ideas for interim processes" in body
    assert "Who may do what" in body and '<th scope="row">Civil society</th>' in body
    assert 'data-group="civil-society"' in body
    assert "phase added" in body and "contribution submitted" in body
    assert "the demo loader" in body and "demo-loader" not in body.split("<main")[1]
    # An anonymous visitor is invited to take part, not shown a wall of refusals.
    assert "Sign in and request accreditation to take part:" in body


def test_secretariat_adds_a_phase_and_others_are_told_why_not(client: Client) -> None:
    s = scene()
    url = f"/venues/{s.venue.slug}/{s.process.slug}/phases/add/"
    client.force_login(person("bill@example.org"))
    refused = client.get(url)
    assert refused.status_code == 403 and "What would allow it" in refused.content.decode()
    client.force_login(s.secretariat)
    clash = client.post(
        url,
        {
            "kind": "adoption",
            "title": "Clash",
            "starts_on": s.process.phases.get().starts_on,
            "ends_on": s.process.phases.get().ends_on,
        },
    )
    assert clash.status_code == 400 and "cannot overlap" in clash.content.decode()
    ok = client.post(
        url,
        {
            "kind": "adoption",
            "title": "Adoption",
            "starts_on": "2099-01-01",
            "ends_on": "2099-01-02",
        },
    )
    assert ok.status_code == 302 and s.process.phases.count() == 2


def test_venue_page_shows_standing_and_request_link(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    client.force_login(bill)
    body = client.get(f"/venues/{s.venue.slug}/").content.decode()
    assert "Civil society" in body and "approved" in body
