"""Whatever phases are proposed, the ones accepted never overlap, so the clock's answer is
unique: a property test over random date ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.clock import current_phase
from roundtable.venues.models import Venue

pytestmark = pytest.mark.django_db
BASE = date(2030, 1, 1)
ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), min_size=1, max_size=8)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(proposals=ranges)
def test_accepted_phases_never_overlap(proposals: list[tuple[int, int]]) -> None:
    venue = Venue.objects.filter(slug="prop").first() or do_create_venue(
        actor=Actor.operator("t"),
        slug="prop",
        name="Prop",
        default_modality="igf-open-consultation",
    )
    process = do_create_process(
        actor=Actor.operator("t"), venue=venue, slug=f"p{venue.processes.count()}", title="P"
    )
    for offset, length in proposals:
        start = BASE + timedelta(days=offset)
        try:
            do_add_phase(
                actor=Actor.operator("t"),
                process=process,
                kind="open-consultation",
                title=f"{offset}",
                starts_on=start,
                ends_on=start + timedelta(days=length),
            )
        except ValidationError as refused:
            assert refused.code == "overlap"
    phases = list(process.phases.order_by("starts_on"))
    for earlier, later in zip(phases, phases[1:], strict=False):
        assert earlier.ends_on < later.starts_on
    for day in range(0, 75):
        moment = datetime.combine(BASE + timedelta(days=day), datetime.min.time(), tzinfo=UTC)
        matching = [p for p in phases if p.starts_on <= moment.date() <= p.ends_on]
        assert len(matching) <= 1
        assert current_phase(phases, now=moment) == (matching[0] if matching else None)
