"""The API's error shape lives below the apps, in `roundtable.http.errors`; kept for old imports."""

from roundtable.http.errors import CONFLICT_CODES, Error, ErrorBody, NotSignedIn, body, install

__all__ = ["CONFLICT_CODES", "Error", "ErrorBody", "NotSignedIn", "body", "install"]
