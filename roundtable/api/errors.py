"""The API's error shape lives below the apps, in `roundtable.outputs.errors`; kept for old imports."""

from roundtable.outputs.errors import CONFLICT_CODES, Error, ErrorBody, NotSignedIn, body, install

__all__ = ["CONFLICT_CODES", "Error", "ErrorBody", "NotSignedIn", "body", "install"]
