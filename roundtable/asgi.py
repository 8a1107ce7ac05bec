"""The ASGI application: what `roundtable serve` runs under uvicorn (docs/running.md).

ASGI, not WSGI, because a live page's stream stays open for as long as it is watched: under
ASGI an open stream is a waiting coroutine, not a worker thread held for it.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
application = get_asgi_application()
