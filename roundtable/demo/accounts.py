"""The demo accounts a developer can sign in with, and what each can show (one line each).

Listed on the sign-in page in development mode only (DEBUG), for the accounts that exist.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEMO_ACCOUNTS: list[tuple[str, Promise]] = [
    ("chair@example.org", _("WTPF chair: the concluded consensus call, the adopted Opinion and the chair's controls for follow-up.")),
    ("itu-secretariat@example.org", _("ITU secretariat: the draft Opinion, its citations and the amendments accepted or rejected.")),
    ("bertrand@example.org", _("Head of the French delegation: speaks and takes positions for France at the WTPF.")),
    ("dick@example.org", _("Head of the United States delegation: the objection addressed and the minority statement.")),
    ("globaltel@example.org", _("ITU Sector Member: contributions on behalf of a company.")),
    ("gnso-chair@example.org", _("GNSO Council chair: the chamber vote carried by a supermajority, with its arithmetic.")),
    ("registries-councilor-1@example.org", _("GNSO councilor of the Contracted Parties House, who voted yes.")),
    ("eu-secretariat@example.org", _("Imported the 304 feedbacks of the EU AI Act consultation.")),
    ("igf-secretariat@example.org", _("IGF secretariat: accreditation requests and the call for inputs.")),
    ("bill@example.org", _("Civil society: inputs to the IGF; at the ITU may observe but not take part.")),
    ("avri@example.org", _("MAG member and moderator of the MMWG list.")),
    ("newcomer@example.org", _("Waiting for the ITU secretariat to approve an accreditation.")),
]  # fmt: skip
