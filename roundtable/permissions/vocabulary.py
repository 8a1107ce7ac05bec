"""The words people read for the engine's identifiers, in the six languages.

Every right, stakeholder group, category, role, phase kind, procedure (kind or name), outcome
kind and modality the engine knows has a label and a one-line description here, translated
through the catalogs. A rule file may give its own labels (``labels: {"right:x": {ar: ...}}``)
and those win. An identifier nobody labelled is shown humanised (``judge consensus``), never raw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from roundtable.modalities.model import Modality


@dataclass(frozen=True)
class Term:
    label: Promise | str
    description: Promise | str = ""


T = Term

RIGHTS: Mapping[str, Term] = {
    "observe": T(_("Follow the process"), _("Read the documents, inputs and records.")),
    "attend": T(_("Attend"), _("Be present at the meetings.")),
    "speak": T(_("Take the floor"), _("Ask for the floor and speak in a meeting.")),
    "submit_input": T(_("Submit input"), _("Send a written contribution to a call for input.")),
    "comment": T(_("Comment"), _("Comment on drafts and on others' inputs.")),
    "propose_amendment": T(_("Propose amendments"), _("Propose changes to a draft text.")),
    "decide": T(_("Take part in the decision"), _("Join the consensus or decide on a text.")),
    "vote": T(_("Vote"), _("Cast a vote when a text is put to the vote.")),
    "draft": T(_("Draft texts"), _("Write and publish versions of a working draft.")),
    "judge_consensus": T(
        _("Judge consensus"), _("Say whether the room has reached consensus, and at what level.")
    ),
    "run_adoption": T(_("Run the adoption"), _("Open and close consensus calls and votes.")),
    "appeal": T(_("Appeal"), _("Appeal a chair's decision, step by step up the chain.")),
    "decide_appeal": T(_("Decide an appeal"), _("Uphold or overturn the decision appealed.")),
    "file_disclosure": T(
        _("File a statement"), _("File or update one's Statement of Interest or Note Well.")
    ),
    "suspend_posting": T(
        _("Suspend posting rights"), _("Suspend a disruptive person's posting for a time.")
    ),
    "name_stand_in": T(
        _("Name a proxy or alternate"),
        _("Name who casts an absent member's vote: a proxy or a temporary alternate."),
    ),
    "vote_as_stand_in": T(
        _("Vote as proxy or alternate"), _("Cast the vote of the absent member who named you.")
    ),
    "administer": T(_("Administer the site"), _("Run the platform and its commands.")),
    "request_accreditation": T(
        _("Request accreditation"), _("Ask to take part in a venue's processes.")
    ),
    "decide_accreditation": T(
        _("Decide on accreditation"), _("Approve or refuse requests for accreditation.")
    ),
    "manage_participants": T(
        _("Manage participants"), _("Handle delegations, roles and participants.")
    ),
    "manage_process": T(_("Manage the process"), _("Add phases and open calls for input.")),
    "moderate": T(_("Moderate"), _("Hide or restore contributions and messages.")),
    "accredit_automatically": T(
        _("Accredited as of right"),
        _("Be accredited without a request, through one's organisation's status at the venue."),
    ),
    "assign_roles": T(
        _("Assign roles"),
        _("Name the chair, the secretariat and moderators at a venue."),
    ),
    "confirm_affiliation": T(
        _("Confirm who belongs"),
        _("Confirm or refuse people who say they belong to an organisation."),
    ),
    "create_venue": T(
        _("Create venues"),
        _("Open a new venue and give it its secretariat."),
    ),
    "designate_speaker": T(
        _("Designate a speaker"),
        _("Let a member of the delegation take its position in one adoption."),
    ),
    "manage_delegation_members": T(
        _("Manage delegation members"),
        _("Add members to a delegation and remove them."),
    ),
    "speak_for_delegation": T(
        _("Speak for the delegation"),
        _("Take or change the delegation's position in an adoption."),
    ),
    "see_personal_data": T(
        _("See personal data"),
        _("See participants' email addresses, not only their names."),
    ),
    "switch_machine_translation": T(
        _("Turn machine translation on or off"),
        _("Offer machine translations, always labelled, at the venue."),
    ),
    "request_machine_translation": T(
        _("Ask for a machine translation"),
        _("Read a labelled machine translation beside the original text."),
    ),
    "withdraw_contribution": T(
        _("Withdraw a contribution"),
        _("Take back one's own contribution."),
    ),
    "manage_meeting": T(
        _("Manage meetings"),
        _("Schedule, change or cancel a meeting and publish its minutes."),
    ),
    "chair_meeting": T(
        _("Chair a meeting"),
        _("Give the floor, keep time, mute, skip, reorder with a reason, close the list."),
    ),
    "manage_own_data": T(
        _("Manage one's own data"),
        _("Download everything held about oneself, or withdraw from the platform."),
    ),
    "reply_to_comments": T(
        _("Reply to comments"),
        _("In a reply period, answer contributions sent in the comment period."),
    ),
    "submit_late_input": T(
        _("Send late input"),
        _("Send input after the period has closed; it is marked as late."),
    ),
    "post": T(_("Post to the list"), _("Send a message that goes to the list at once.")),
    "post_for_moderation": T(
        _("Post after moderation"),
        _("Send a message that waits for a moderator before it goes to the list."),
    ),
    "found_coalition": T(
        _("Found a dynamic coalition"),
        _("Ask the venue to found a coalition, with its founding members and their groups."),
    ),
    "join_coalition": T(_("Join a dynamic coalition"), _("Join or leave an open coalition.")),
    "review_coalition": T(
        _("Review dynamic coalitions"),
        _("Approve or decline founding requests, set report dates, revive a coalition."),
    ),
    "file_coalition_report": T(
        _("File a coalition's report"), _("File the coalition's yearly activity report.")
    ),
}

GROUPS: Mapping[str, Term] = {
    "government": T(_("Governments"), _("National governments and their representatives.")),
    "private-sector": T(_("Private sector"), _("Companies and business associations.")),
    "civil-society": T(_("Civil society"), _("Non-governmental and non-profit organisations.")),
    "technical-community": T(
        _("Technical community"), _("Standards bodies, registries, engineers and operators.")
    ),
    "intergovernmental": T(
        _("Intergovernmental organisations"), _("Organisations whose members are states.")
    ),
    "academia": T(_("Academia"), _("Universities and research institutions.")),
}

CATEGORIES: Mapping[str, Term] = {
    "member-state": T(_("Member States"), _("States that are members of the organisation.")),
    "sector-member": T(_("Sector Members"), _("Companies and bodies admitted to a sector.")),
    "associate": T(_("Associates"), _("Bodies admitted to take part in one study group.")),
    "academia": T(_("Academic members"), _("Universities admitted as members.")),
}

ROLES: Mapping[str, Term] = {
    "advisor": T(_("Advisor"), _("Advises a delegation or a group.")),
    "area-director": T(_("Area Director"), _("Oversees the working groups of an area.")),
    "chair": T(_("Chair"), _("Leads the meetings and judges consensus.")),
    "council-chair": T(_("Council chair"), _("Chairs the chartering organisation.")),
    "coordinator": T(_("Coordinator"), _("Coordinates a coalition's work.")),
    "councilor": T(_("Councillor"), _("A voting member of the council.")),
    "drafting-group": T(_("Drafting group"), _("Writes the texts under discussion.")),
    "executive-committee": T(_("Executive committee"), _("Steers the body between meetings.")),
    "liaison": T(_("Liaison"), _("Represents another body, without a vote.")),
    "mag-member": T(_("MAG member"), _("A member of the Multistakeholder Advisory Group.")),
    "member": T(_("Signed-in member"), _("Anyone with an account on this site.")),
    "moderator": T(_("Moderator"), _("Keeps the discussion within the rules.")),
    "non-voting-councilor": T(_("Non-voting councillor"), _("Sits on the council, no vote.")),
    "observer": T(_("Observer"), _("Follows the work without taking part in decisions.")),
    "operator": T(_("Site operator"), _("Runs this platform.")),
    "secretariat": T(_("Secretariat"), _("Organises the process and keeps its records.")),
    "secretary": T(_("Secretary"), _("Keeps the records of a group.")),
    "staff": T(_("Staff"), _("Staff of the organisation that hosts the process.")),
    "subscriber": T(_("Subscriber"), _("Subscribed to the mailing list.")),
    "moderated-subscriber": T(
        _("Moderated member"), _("A member whose messages wait for a moderator.")
    ),
    "banned": T(_("Banned"), _("An address that may not post to the list.")),
    "head-of-delegation": T(_("Head of delegation"), _("Speaks for a delegation.")),
    # Seats of issue 12 (richer standing): igf-mag, itu-wtpf-multistakeholder.
    "host-country": T(
        _("Former host country"), _("A seat held by a country that hosted the forum.")
    ),
    "igo-observer": T(
        _("Intergovernmental observer"),
        _("An intergovernmental organisation's observer seat, without a part in decisions."),
    ),
    "host-country-co-chair": T(
        _("Host country co-chair"), _("Co-chairs by virtue of hosting the annual meeting.")
    ),
    "ieg-expert": T(_("Informal expert"), _("A member of the preparatory group of experts.")),
    "iab": T(_("IAB"), _("The Internet Architecture Board: the last step of an appeal.")),
    "iesg": T(_("IESG"), _("The Internet Engineering Steering Group, as a whole.")),
    "sg-officer": T(
        _("Stakeholder group officer"),
        _("An officer of a councillor's appointing organisation; names proxies and alternates."),
    ),
    "high-level-committee": T(
        _("High-level committee"), _("Reviews the draft before it goes to public consultation.")
    ),
}

#: Kinds of seat (roundtable/modalities/seats.py), for the roles page.
SEATS: Mapping[str, Term] = {
    "member": T(_("Members"), _("Full seats: what they may do is in the rules.")),
    "observer": T(
        _("Observers"), _("Attend, speak when the chair invites them, take no part in decisions.")
    ),
    "liaison": T(_("Liaisons"), _("Speak on an equal footing and do not vote.")),
    "ex-officio": T(_("Ex officio"), _("Sit by virtue of another office.")),
}

PHASE_KINDS: Mapping[str, Term] = {
    "exchange-of-views": T(_("Exchange of views"), _("Participants discuss the subject.")),
    "drafting": T(_("Drafting"), _("The texts are written and amended.")),
    "adoption": T(_("Adoption"), _("The texts are adopted or rejected.")),
    "follow-up": T(_("Follow-up"), _("What was adopted is put into practice.")),
    "open-consultation": T(_("Open consultation"), _("Anyone may send their views.")),
    "last-call": T(_("Last call"), _("A final review before approval.")),
    "wg-last-call": T(
        _("Working group last call"), _("The working group's final review of its document.")
    ),
    "programme": T(_("Programme"), _("The programme and the workshops are selected.")),
    "committee-review": T(
        _("Committee review"), _("A committee reviews the draft before public consultation.")
    ),
}

PROCEDURES: Mapping[str, Term] = {
    "consensus": T(_("Consensus"), _("Adopted when no one maintains an objection.")),
    "rough-consensus": T(_("Rough consensus"), _("Adopted when objections have been addressed.")),
    "chamber-vote": T(_("Chamber vote"), _("Each chamber votes; thresholds per chamber.")),
    "omov": T(_("One member, one vote"), _("Every member has one vote.")),
    "iesg-ballot": T(_("IESG ballot"), _("The area directors ballot on the document.")),
    "iesg-approval": T(_("IESG approval"), _("The area directors approve the document.")),
    "issue-report": T(_("Issue report"), _("The council asks for a report on an issue.")),
    "majority": T(_("Simple majority"), _("More than half of the votes cast.")),
    "pdp-initiation": T(_("Policy process initiation"), _("The council starts a policy process.")),
    "supermajority": T(_("Supermajority"), _("Two thirds of one chamber and a majority of both.")),
    "pdp-approval": T(
        _("Policy recommendations without a supermajority"),
        _("A majority of each house and a yes from three of the four stakeholder groups."),
    ),
    "pdp-initiation-out-of-scope": T(
        _("Policy process outside the scope"),
        _("Starting a policy process outside the council's scope takes a supermajority."),
    ),
    "terminate-pdp": T(
        _("Termination of a policy process"),
        _("Ending a policy process before its final report takes a supermajority."),
    ),
    "wg-consensus": T(_("Working group consensus"), _("The chair designates a consensus level.")),
    "none": T(_("No adoption"), _("Nothing is adopted in this phase.")),
}

OUTCOMES: Mapping[str, Term] = {
    "advice-to-secretary-general": T(_("Advice to the Secretary-General")),
    "chair-summary": T(_("Chair's summary")),
    "coalition-output": T(_("Coalition output")),
    "council-resolution": T(_("Council resolution")),
    "final-report": T(_("Final report")),
    "internet-draft": T(_("Internet-Draft")),
    "multistakeholder-statement": T(_("Multistakeholder statement")),
    "none": T(_("No formal outcome")),
    "opinion": T(_("Opinion")),
    "report-to-council": T(_("Report to the council")),
    "staff-summary-report": T(_("Staff summary report")),
}

MODALITIES: Mapping[str, Term] = {
    "icann-gnso-council": T(_("ICANN GNSO Council")),
    "icann-gnso-pdp-wg": T(_("ICANN GNSO policy working group")),
    "icann-public-comment": T(_("ICANN public comment")),
    "icann-public-comment-2012": T(_("ICANN public comment with a reply period (2012-2015)")),
    "ietf-wg": T(_("IETF working group")),
    "igf-dynamic-coalition": T(_("IGF dynamic coalition")),
    "igf-mag": T(_("IGF Multistakeholder Advisory Group")),
    "igf-open-consultation": T(_("IGF open consultation")),
    "itu-cwg-internet": T(_("ITU Council Working Group on Internet policy")),
    "itu-wtpf": T(_("ITU World Telecommunication/ICT Policy Forum")),
    "itu-wtpf-multistakeholder": T(_("ITU policy forum, multistakeholder rules")),
    "netmundial": T(_("NETmundial (2014)")),
    "open-mailing-list": T(_("Open mailing list")),
    "platform": T(_("This site")),
    "roundtable-coalitions": T(_("Dynamic coalition administration")),
    "roundtable-drafting": T(_("Drafting and adoption administration")),
    "roundtable-participation": T(_("Participation administration")),
    "roundtable-periods": T(_("Reply periods and late input")),
    "roundtable-meetings": T(_("Running meetings")),
}

# Positions taken in an adoption, the consensus levels a chair designates, and the chambers of a
# chamber vote (roundtable/modalities/procedures.py).
POSITIONS: Mapping[str, Term] = {
    "support": T(_("Support")),
    "object": T(_("Object")),
    "abstain": T(_("Abstain")),
    "yes": T(_("Yes")),
    "no": T(_("No")),
    "no-objection": T(_("No objection")),
    "discuss": T(_("Discuss")),
    "recuse": T(_("Recuse")),
}

LEVELS: Mapping[str, Term] = {
    "full-consensus": T(_("Full consensus"), _("No one in the group speaks against.")),
    "consensus": T(
        _("Consensus"), _("The group agrees; any disagreement is recorded as a minority view.")
    ),
    "strong-support": T(
        _("Strong support but significant opposition"),
        _("Most support the text, but a significant number do not."),
    ),
    "divergence": T(_("Divergence"), _("No strong support for any position.")),
    "no-consensus": T(_("No consensus"), _("Someone maintains an objection.")),
    "rough-consensus": T(_("Rough consensus"), _("Every objection has been addressed.")),
    "no-rough-consensus": T(_("No rough consensus"), _("An objection has not been addressed.")),
}

CHAMBERS: Mapping[str, Term] = {
    "contracted": T(_("Contracted Parties House")),
    "non-contracted": T(_("Non-Contracted Parties House")),
}

# The GNSO Council's stakeholder groups (ICANN Bylaws 11.3): two in each house.
STAKEHOLDER_GROUPS: Mapping[str, Term] = {
    "rysg": T(_("Registries Stakeholder Group")),
    "rrsg": T(_("Registrars Stakeholder Group")),
    "csg": T(_("Commercial Stakeholder Group")),
    "ncsg": T(_("Non-Commercial Stakeholder Group")),
}

KINDS: Mapping[str, Mapping[str, Term]] = {
    "right": RIGHTS,
    "group": GROUPS,
    "category": CATEGORIES,
    "role": ROLES,
    "phase": PHASE_KINDS,
    "procedure": PROCEDURES,
    "outcome": OUTCOMES,
    "modality": MODALITIES,
    "position": POSITIONS,
    "level": LEVELS,
    "chamber": CHAMBERS,
    "seat": SEATS,
    "stakeholder-group": STAKEHOLDER_GROUPS,
}


def humanise(ident: str) -> str:
    """``judge_consensus`` -> ``Judge consensus``: the last resort, never the raw id."""
    words = ident.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def term(kind: str, ident: str, modality: Modality | None = None) -> Term:
    """The label and description of ``ident`` (a ``kind`` in KINDS) in the current language."""
    if modality is not None:
        own = modality.label(f"{kind}:{ident}", get_language() or "en")
        if own:
            return Term(own, "")
    found = KINDS[kind].get(ident)
    if found is not None:
        return found
    if kind == "modality" and modality is not None and modality.title:
        return Term(modality.title)
    return Term(humanise(ident))


def label(kind: str, ident: str, modality: Modality | None = None) -> str:
    return str(term(kind, ident, modality).label)


def description(kind: str, ident: str, modality: Modality | None = None) -> str:
    return str(term(kind, ident, modality).description)


def modality_title(modality: Modality) -> str:
    return label("modality", modality.name, modality)
