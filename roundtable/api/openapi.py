"""The OpenAPI document says what every operation can really answer.

Some answers come from the shared machinery rather than from each endpoint: the NUL and number
checks (400), a wrong token (401), the door (403), an unknown id (404), a body over the size
limit (413), the schema (422). They are added here to every operation they apply to, in the one
error shape, so a client (or Schemathesis) never meets an undocumented status. A token is
optional everywhere: without one the door decides for an anonymous visitor.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

ERROR_REF = {"$ref": "#/components/schemas/Error"}
SHARED = {
    "400": "The request carries a NUL byte or a number that is not one.",
    "401": "The token is wrong, expired or revoked.",
    "403": "The door refused: the body names the rule and what would allow it.",
    "422": "A parameter or the body does not match the schema.",
}
NOT_FOUND = "Nothing with this identifier, or nothing the caller may see."
TOO_LARGE = "The body is larger than the limit."


def document_shared_answers(schema: dict[str, Any]) -> dict[str, Any]:
    for path, item in schema.get("paths", {}).items():
        for operation in item.values():
            # ninja keys statuses by int; JSON would then carry "400" twice (a duplicate key
            # that Swagger UI's parser refuses): one key per status, as a string.
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            answers = dict(SHARED)
            if "{" in path:
                answers["404"] = NOT_FOUND
            if "requestBody" in operation:
                answers["413"] = TOO_LARGE
            for status, description in answers.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
            if operation.get("security") and {} not in operation["security"]:
                operation["security"] = [{}, *operation["security"]]
    return schema


class RoundtableAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_shared_answers(super().get_openapi_schema(**kwargs))
