"""The web app (ASGI). `create_app(settings)` builds it; `lionrock serve` runs it."""

from lionrock.web._server import serve_workers, server
from lionrock.web.app import create_app

__all__ = ["create_app", "serve_workers", "server"]
