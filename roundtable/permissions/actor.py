"""Who acts: a signed-in person, an anonymous visitor, or the server's operator.

Actions (`check_*`, `do_*`) take an `Actor`, never an HTTP request, so a test, a command, the
mail handler and a view all call them the same way. An actor carries its user and builds its
standing once per venue (the door asks `actor.standing(venue)`); a view gets the request's actor
with `Actor.of_request(request)`, built once per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from roundtable.modalities.standing import Standing
from roundtable.permissions.standing import OPERATOR_ROLE, build_standing, build_standings

# Where the request keeps its actor, so every check and every read of one request share it.
_REQUEST_SLOT = "_roundtable_actor"

#: The request being answered (set by the door's middleware, permissions/middleware.py). Reads
#: take `viewer=request.user`; when that is this request's own user object, the door uses the
#: request's actor, so a page builds a signed-in person's standing once per venue, not once per
#: read (the call page built the same standing four times, three queries each).
current_request: ContextVar[Any] = ContextVar("roundtable_current_request", default=None)


@dataclass(eq=False)
class Actor:
    """A person (`user`), nobody (`user=None`), or the operator running a command (`label`).

    `label` names a non-person in the audit trail ("demo-loader", "command:lists import");
    `fixed` is a standing that does not depend on the venue (the operator's).
    """

    user: User | None = None
    label: str = ""
    fixed: Standing | None = None
    _standings: dict[str | None, Standing] = field(default_factory=dict, repr=False)
    #: What an app above learned of this person for the door (a coalition's membership, per
    #: process: coalitions/facts.py), kept as the standings are and dropped with them.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def person(cls, user: Any) -> Actor:
        """The actor for `user`; an anonymous or missing user is nobody."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls()
        return cls(user=user)

    @classmethod
    def anonymous(cls) -> Actor:
        return cls()

    @classmethod
    def operator(cls, label: str = "operator") -> Actor:
        """Whoever operates the server (commands, loaders): operator and secretariat anywhere."""
        return cls(label=label, fixed=Standing(roles=frozenset({OPERATOR_ROLE, "secretariat"})))

    @classmethod
    def of_request(cls, request: Any) -> Actor:
        """The request's actor, built once per request (its standings are cached with it)."""
        slots = request.__dict__
        if _REQUEST_SLOT not in slots:
            slots[_REQUEST_SLOT] = cls.person(getattr(request, "user", None))
        actor: Actor = slots[_REQUEST_SLOT]
        return actor

    @classmethod
    def of_user(cls, user: Any) -> Actor | None:
        """The current request's actor if `user` is that request's user (the very object the
        request carries, so never someone else, nor a copy loaded anew); else None."""
        request = current_request.get()
        if request is None or user is None or user is not getattr(request, "user", None):
            return None
        actor = cls.of_request(request)
        # a sign-in during the request replaced request.user before the actor was forgotten
        return actor if actor.user is user else None

    @classmethod
    def forget_request(cls, request: Any) -> None:
        """Drop the request's actor (its user changed: a token was read, someone signed in)."""
        request.__dict__.pop(_REQUEST_SLOT, None)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    def standing(self, venue: str | None = None) -> Standing:
        """This actor's standing at `venue` (platform-wide for None), built once."""
        if self.fixed is not None:
            return self.fixed
        if venue not in self._standings:
            self._standings[venue] = build_standing(self.user, venue)
        return self._standings[venue]

    def standings(self, venues: Iterable[str]) -> dict[str, Standing]:
        """`standing` at each of `venues`; those not built yet are built together."""
        slugs = set(venues)
        if self.fixed is not None:
            return dict.fromkeys(slugs, self.fixed)
        missing = [slug for slug in slugs if slug not in self._standings]
        if missing:
            self._standings.update(build_standings(self.user, missing))
        return {slug: self._standings[slug] for slug in slugs}

    def forget(self) -> None:
        """Drop the built standings, after an action that changed them (an accreditation), and
        what apps above kept (`memo`: joining or leaving a coalition)."""
        self._standings.clear()
        self.memo.clear()

    def audit_label(self) -> str:
        """How the audit trail names this actor when no account acts."""
        return self.label or "anonymous"
