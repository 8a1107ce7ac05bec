"""Rules that grant accreditation automatically, by what is on file about an organisation.

From the WSIS accreditation practice: NGOs in consultative status with ECOSOC and ITU Sector
Members are accredited as of right; others apply with documents and the secretariat decides.
A venue lists the codes it applies in `Venue.automatic_accreditation`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Organisation


@dataclass(frozen=True)
class AutomaticGrant:
    code: str
    description: str | Promise
    applies: Callable[[Organisation], bool]


AUTOMATIC_GRANTS: tuple[AutomaticGrant, ...] = (
    AutomaticGrant(
        "ecosoc-status",
        _("organisation in consultative status with ECOSOC"),
        lambda org: bool(org.ecosoc_status),
    ),
    AutomaticGrant(
        "itu-sector-member",
        _("ITU Sector Member"),
        lambda org: org.itu_sector_member,
    ),
)


def automatic_grant(
    organisation: Organisation | None, venue_codes: Sequence[str]
) -> AutomaticGrant | None:
    """The first automatic rule of the venue that the organisation meets, if any."""
    if organisation is None:
        return None
    for grant in AUTOMATIC_GRANTS:
        if grant.code in venue_codes and grant.applies(organisation):
            return grant
    return None
