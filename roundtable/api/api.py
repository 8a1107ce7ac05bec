"""The REST API at /api/ (OpenAPI 3 at /api/openapi.json, browsable docs at /api/docs).

Everything public can be read without a token. Writes take `Authorization: Bearer <token>`
and ask the door exactly as the web pages do; without a token the door decides for an
anonymous visitor. Every error, whatever its cause, has one shape:
``{"error": {"code": ..., "message": ..., ...}}`` (see `roundtable/outputs/errors.py`).

Each app owns its endpoints (`roundtable/<app>/api.py`) and its shapes (`<app>/schemas.py`);
this module only builds the API, installs the error shape and mounts the apps' routers, every
one of them behind the same token (or anonymous) authentication.
"""

from __future__ import annotations

from roundtable.outputs import errors

from .openapi import RoundtableAPI
from .security import token

api = RoundtableAPI(
    auth=token,
    title="Roundtable API",
    version="1",
    description=__doc__,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", "roundtable.processes.api.router")  # venues, processes, phases, set-up
api.add_router("", "roundtable.stakeholders.api.router")  # participants, accreditation, belonging
api.add_router("/", "roundtable.contributions.api.router")  # calls, contributions, exports
api.add_router("", "roundtable.drafting.api.router")  # documents, versions, amendments
api.add_router("", "roundtable.decisions.api.router")  # adoptions, outcomes, follow-up
api.add_router("", "roundtable.decisions.appeal_api.router")  # appeals of designations
api.add_router("", "roundtable.meetings.api.router")  # meetings, registration, the queue
api.add_router("", "roundtable.api.tokens.router")  # the caller's own tokens
api.add_router("", "roundtable.lists.api.router")  # list membership and moderation
api.add_router("", "roundtable.lists.unsubscribe_api.router")  # one-click unsubscribe
api.add_router("", "roundtable.agreement.api.router")  # statements, marks, agreement by group
api.add_router("", "roundtable.stocktaking.api.router")  # balance per stakeholder group
api.add_router("", "roundtable.coalitions.api.router")  # dynamic coalitions
api.add_router("", "roundtable.campaigns.api.router")  # a call's campaigns
api.add_router("", "roundtable.translations.api.router")  # language versions, translation
api.add_router("", "roundtable.machinetranslation.api.router")  # a venue's switch
