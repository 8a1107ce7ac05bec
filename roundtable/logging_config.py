"""The LOGGING setting: JSON lines in production, text elsewhere.

`ROUNDTABLE_LOG_FORMAT=json|text` overrides the default; each record carries the request id
(outputs/request_log.py), and `roundtable.request` writes one line per request at INFO in
production. Kept out of settings.py, which imports it, so settings stay readable in one sitting;
it imports nothing from Django, as settings are read before Django is set up.
"""

from __future__ import annotations

import os
from typing import Any


def logging_config(*, production: bool) -> dict[str, Any]:
    log_format = os.environ.get("ROUNDTABLE_LOG_FORMAT", "json" if production else "text")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "roundtable.outputs.request_log.AddRequestId"}},
        "formatters": {
            "json": {"()": "roundtable.outputs.request_log.JsonLines"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": log_format if log_format in ("json", "text") else "text",
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
        "loggers": {
            "roundtable.request": {
                "level": os.environ.get(
                    "ROUNDTABLE_REQUEST_LOG_LEVEL", "INFO" if production else "WARNING"
                )
            }
        },
    }
