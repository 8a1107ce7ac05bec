"""A person downloads everything held about them and withdraws from the platform (issue 15,
point 4): their name and address go, their contributions stay as "withdrawn participant", the
audit chain still verifies; nobody can do either for someone else."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.audit.queries import verify_chain
from roundtable.contributions.actions import do_submit_contribution
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.models import Profile
from tests.processes.scenes import PASSWORD, accredit, person, scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    s = scene()
    ada = person("ada@example.org", "Ada Delegate")
    accredit(ada, s.venue, "civil-society")
    other = person("bob@example.org", "Bob Other")
    accredit(other, s.venue, "civil-society")
    mine = do_submit_contribution(
        actor=Actor.person(ada),
        call=s.call,
        title="Keep the Internet open",
        body="Our views on paragraph 3.",
        language="en",
        attachments=[SimpleUploadedFile("views.pdf", b"%PDF-1.4 views", "application/pdf")],
    )
    theirs = do_submit_contribution(
        actor=Actor.person(other), call=s.call, title="Bob's input", body="Bob's text.",
        language="en",
    )  # fmt: skip
    return {"ada": ada, "other": other, "mine": mine, "theirs": theirs}


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_download_holds_my_records_and_files_and_nobody_elses(world: dict[str, Any]) -> None:
    response = _signed_in(world["ada"]).get("/accounts/me/data.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "ada@example.org"
    records = data["records"]
    titles = [row["title"] for row in records["contributions.contribution"]]
    assert titles == ["Keep the Internet open"]
    assert [r["status"] for r in records["stakeholders.accreditation"]] == ["approved"]
    assert any(r["verb"].startswith("contribution") for r in records["audit.event"])
    assert records["stakeholders.profile"][0]["display_name"] == "Ada Delegate"
    files = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(files) == 1 and archive.read(files[0]) == b"%PDF-1.4 views"
    text = archive.read("data.json").decode()
    assert "Bob" not in text and "bob@example.org" not in text
    assert "password" not in text and "argon2" not in text


def test_api_gives_the_same_records_to_a_token_and_refuses_anonymous(
    world: dict[str, Any],
) -> None:
    _row, secret = do_create_token(actor=Actor.person(world["ada"]), name="export", days=1)
    response = Client().get("/api/me/data", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["account"]["email"] == "ada@example.org"
    refused = Client().get("/api/me/data")
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["rule"] == "platform/default-deny"
    assert any("people-manage-their-own-data" in w for w in error["would_allow"]), error
    page = Client().get("/accounts/me/data.zip")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_withdrawal_needs_the_box_ticked(world: dict[str, Any]) -> None:
    client = _signed_in(world["ada"])
    assert client.get("/accounts/me/withdraw/").status_code == 200
    response = client.post("/accounts/me/withdraw/", {})
    assert response.status_code == 400
    assert "Tick the box to confirm." in response.content.decode()
    assert not Profile.objects.get(user=world["ada"]).withdrawn_at


def test_withdrawal_erases_the_person_and_keeps_their_words(world: dict[str, Any]) -> None:
    ada, mine = world["ada"], world["mine"]
    _row, secret = do_create_token(actor=Actor.person(ada), name="old", days=1)
    client = _signed_in(ada)
    response = client.post("/accounts/me/withdraw/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    ada.refresh_from_db()
    profile = Profile.objects.get(user=ada)
    assert profile.withdrawn_at and profile.display_name == ""
    assert ada.email == "" and not ada.is_active and not ada.has_usable_password()
    page = Client().get(f"/contributions/{mine.pk}/").content.decode()
    assert "Keep the Internet open" in page and "withdrawn participant" in page
    assert "Ada Delegate" not in page and "ada@example.org" not in page
    sign_in = {"username": "ada@example.org", "password": PASSWORD}
    assert Client().post("/accounts/login/", sign_in).status_code == 200  # the form again
    api = Client().get("/api/me/data", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code in (401, 403)
    assert client.get("/accounts/me/").status_code == 302  # signed out
    assert verify_chain().ok
    # The audit trail named Ada by a pseudonym, never her address: nothing there leads back.
    trail = list(Event.objects.values_list("actor_label", "summary"))
    assert any(label == f"user:{ada.pk}" for label, _summary in trail)
    assert "ada@example.org" not in repr(trail) and "Ada Delegate" not in repr(trail)


def test_api_withdrawal_asks_for_confirmation(world: dict[str, Any]) -> None:
    _row, secret = do_create_token(actor=Actor.person(world["other"]), name="w", days=1)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    unconfirmed = client.post("/api/me/withdraw", {"confirm": False}, "application/json", **auth)
    assert unconfirmed.status_code == 400
    assert unconfirmed.json()["error"]["code"] == "confirm_required"
    done = client.post("/api/me/withdraw", {"confirm": True}, "application/json", **auth)
    assert done.status_code == 200 and done.json() == {"withdrawn": True}
    other = Profile.objects.get(user=world["other"])
    assert other.withdrawn_at is not None
    theirs = Client().get(f"/api/contributions/{world['theirs'].pk}")
    assert "Bob Other" not in theirs.content.decode()
