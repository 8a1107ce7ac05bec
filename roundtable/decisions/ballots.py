"""From positions to the pure core's ballots: the adoption's procedure, who a voter is (a
person; a delegation speaks once), the chamber they sit in, and the tally of the positions.

Every count is the pure core's (`roundtable.modalities.procedures.tally`): this module only
gathers the positions into `Ballot`s; the actions store the `Tally` it returns.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from roundtable.modalities import Ballot, Procedure, Standing, Tally, tally
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality

from .models import Adoption

CONSENSUS_KINDS = ("consensus", "rough-consensus")


def person_of(actor: Actor) -> User:
    """The person acting: a position, a statement or a note is a person's, never the
    operator's or an anonymous visitor's."""
    if actor.user is None:
        raise PermissionDenied(_("Sign in to act with your standing."))
    return actor.user


def procedure_for(adoption: Adoption) -> Procedure:
    procedure = get_modality(adoption.modality).procedure(adoption.procedure)
    if procedure is None:  # the rule file changed under an open adoption
        raise ValidationError(
            _("The modality no longer has the procedure “%(name)s”.")
            % {"name": adoption.procedure},
            code="procedure",
        )
    return procedure


def voter_key(user: User, standing: Standing) -> str:
    """One position per eligible standing: a delegation speaks (and votes) once; otherwise
    each person does."""
    if standing.delegation:
        return f"delegation:{standing.delegation}"
    return f"user:{user.pk}"


def chamber_of(standing: Standing, procedure: Procedure) -> str:
    """The chamber (house) a voter sits in: the chamber named by one of their roles,
    categories or groups. Empty for procedures without chambers."""
    names = [name for name, _seats in procedure.chambers]
    if not names:
        return ""
    held = [n for n in names if n in standing.roles | standing.categories | standing.groups]
    if len(held) != 1:
        raise ValidationError(
            _("To vote you must sit in exactly one chamber of %(chambers)s.")
            % {"chambers": ", ".join(names)},
            code="chamber",
        )
    return held[0]


def stakeholder_group_of(standing: Standing, procedure: Procedure) -> str:
    """The stakeholder group a voter sits in, for a procedure that declares them (a role,
    category or group of that name); empty otherwise or for a member of none (a NomCom
    appointee)."""
    names = [name for name, _house in procedure.stakeholder_groups]
    held = [n for n in names if n in standing.roles | standing.categories | standing.groups]
    if len(held) > 1:
        raise ValidationError(
            _("To vote you must sit in at most one stakeholder group of %(groups)s.")
            % {"groups": ", ".join(names)},
            code="stakeholder_group",
        )
    return held[0] if held else ""


def refuse_secret_statement(adoption: Adoption, procedure: Procedure) -> None:
    """Refuse a secret voter's statement unless the procedure publishes it anonymously."""
    if not procedure.anonymous_statements:
        raise ValidationError(
            _(
                "This is a secret ballot: under the modality %(modality)s no statement is "
                "published beside a secret vote, with or without the voter's name. Cast the "
                "vote without text."
            )
            % {"modality": adoption.modality},
            code="secret_statement",
        )


def ballots(adoption: Adoption) -> list[Ballot]:
    return [
        Ballot(
            voter=p.voter_key,
            position=p.position,
            chamber=p.chamber or None,
            addressed=p.addressed,
            group=p.stakeholder_group or None,
            via=p.via,
            cast_by=f"user:{p.cast_by_id}" if p.cast_by_id else "",
            cast_at=p.updated_at,
        )
        for p in adoption.positions.order_by("created_at", "id")
    ]


def current_tally(adoption: Adoption, designation: str | None = None) -> Tally:
    """The pure core's tally of the positions so far (a Tally: outcome, summary, arithmetic)."""
    return tally(
        procedure_for(adoption),
        ballots(adoption),
        designation=designation or None,
        closed_at=adoption.closes_at,
    )
