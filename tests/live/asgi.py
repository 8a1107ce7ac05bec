"""The ASGI application over tests.live.settings, for servers a test starts."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.live.settings")
application = get_asgi_application()
