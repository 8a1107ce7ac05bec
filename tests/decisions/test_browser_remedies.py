"""In real Chromium: a GNSO PDP recommendation approved by a majority of each House and a yes
from three of the four Stakeholder Groups, carried by an absentee ballot cast inside its
window; and an absentee ballot refused once its window has passed, naming the rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from roundtable.decisions import actions, positions
from roundtable.decisions.models import Adoption
from roundtable.permissions.actor import Actor
from tests.decisions.test_browser import Browsers, closes_at
from tests.drafting.scenes import member, published_document, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# ICANN Bylaws 11.3: 7 contracted seats (RySG 3, RrSG 3, NomCom 1), 13 non-contracted (CSG 6,
# NCSG 6, NomCom 1).
PLAN = (
    [("contracted", "rysg")] * 3 + [("contracted", "rrsg")] * 3 + [("contracted", None)]
    + [("non-contracted", "csg")] * 6 + [("non-contracted", "ncsg")] * 6
    + [("non-contracted", None)]
)  # fmt: skip
YES = {0, 1, 2, *range(13, 20)}  # RySG, NCSG and the non-contracted NomCom appointee
ABSENT = 3  # an RrSG councillor, voting yes by absentee ballot


@pytest.fixture
def people(browser: Any, live_server: Any) -> Iterator[Browsers]:
    found = Browsers(browser, live_server)
    yield found
    found.close()


def council(w: Any) -> list[Any]:
    return [
        member(w, f"seat{i}@example.org", "councilor", house, *([g] if g else []),
               name=f"Councillor {i}")
        for i, (house, g) in enumerate(PLAN)
    ]  # fmt: skip


def test_pdp_recommendation_by_majority_of_each_house_and_three_groups_with_an_absentee(
    django_db_setup: Any,
    people: Browsers,
    screenshot: Any,
) -> None:
    # Issue 12 (the three-of-four rule: source not found, docs/sources/presets.md); absentee
    # ballots within 72 hours of the adjournment (GNSO Operating Procedures, quoted 2013).
    w = world(modality="icann-gnso-council", process_slug="council-pdp")
    doc = published_document(w)
    seats = council(w)
    chair = people.page(w.chair)
    chair.goto(f"/documents/{doc.pk}/adoption/")
    chair.select_option("#id_procedure", "pdp-approval")
    chair.fill("#id_closes_at", closes_at())
    chair.get_by_role("button", name="Open").click()
    adoption_url = chair.url
    adoption = Adoption.objects.get(document=doc)

    first = people.page(seats[0])
    first.goto(adoption_url)
    first.check('input[name=position][value="yes"]')
    first.get_by_role("button", name="Cast the vote").click()
    assert "Your position is recorded." in first.content()
    for index, user in enumerate(seats):
        if index not in (0, ABSENT):
            positions.check_take_position(
                actor=Actor.person(user), adoption=adoption,
                position="yes" if index in YES else "no",
            )  # fmt: skip

    chair.goto(adoption_url)
    chair.get_by_role("button", name="Close the window now").click()
    # The absent councillor votes after the meeting, inside the window.
    absent = people.page(seats[ABSENT])
    absent.goto(adoption_url)
    assert "Absentee ballots are counted until" in absent.content()
    absent.locator(".absentee-form").get_by_label("Yes").check()
    absent.get_by_role("button", name="Cast the absentee ballot").click()
    assert "Your absentee ballot is recorded." in absent.content()

    chair.goto(adoption_url)
    chair.get_by_role("button", name="Conclude").click()
    assert "Adopted." in chair.content()
    assert chair.locator(".chambers .share").all_inner_texts() == ["4/7", "7/13"]
    supporting = chair.locator('.stakeholder-groups tr[data-supporting="yes"]')
    assert supporting.count() == 3
    assert (
        chair.locator('.stakeholder-groups tr[data-group="csg"]').get_attribute("data-supporting")
        == "no"
    )
    met = chair.locator('.alternatives li[data-met="yes"]').inner_text()
    assert "and a yes from at least 3 stakeholder groups" in met
    assert "Registrars Stakeholder Group" in met
    assert "Quorum met." in chair.locator(".quorum").inner_text()
    assert "Absentee ballot of Councillor 3 counted" in chair.locator(".remedies").inner_text()
    assert chair.locator('.via[data-via="absentee"]').count() == 1
    screenshot(chair, "gnso-pdp-approval-three-groups")


def test_absentee_ballot_refused_after_its_window_with_the_rule(
    django_db_setup: Any,
    people: Browsers,
    screenshot: Any,
) -> None:
    # GNSO Operating Procedures (quoted 2013): "72 hours from the meeting's adjournment".
    w = world(modality="icann-gnso-council", process_slug="council-late")
    late = member(w, "late@example.org", "councilor", "contracted", "rysg", name="Late")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=published_document(w),
        closes_at=timezone.now() + timedelta(hours=1), procedure="pdp-initiation",
    )  # fmt: skip
    page = people.page(late)
    page.goto(f"/adoptions/{adoption.pk}/")
    page.locator(".absentee-form").get_by_label("Yes").check()
    # The meeting adjourned 73 hours ago by the time the ballot is sent.
    Adoption.objects.filter(pk=adoption.pk).update(closes_at=timezone.now() - timedelta(hours=73))
    page.get_by_role("button", name="Cast the absentee ballot").click()
    text = page.content()
    assert "pdp-initiation/absentee-window" in text
    assert "absentee ballots are counted for 72 hours after the vote closes" in text
    assert not adoption.positions.exists()
    assert page.locator(".absentee-form").count() == 0  # nothing more to send
    screenshot(page, "gnso-absentee-refused")
