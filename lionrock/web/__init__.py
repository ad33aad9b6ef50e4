"""The web app (ASGI). `create_app(settings)` builds it; `lionrock serve` runs it."""

from lionrock.web._server import server
from lionrock.web.app import create_app

__all__ = ["create_app", "server"]
