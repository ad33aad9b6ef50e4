"""Running the app with uvicorn without ever logging a client address (issue #6).

uvicorn's `access_log=False` only detaches the access logger's handlers; the logger still
writes whenever some handler is reachable (uvicorn checks `hasHandlers()`, e.g. when the
host application logs to the root logger). So the access logger is also disabled outright,
and every uvicorn record passes a filter that blanks anything shaped like an IP address.
The app itself drops the client address from each request's scope (`ForgetClient`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import uvicorn

ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b"  # IPv4, with an optional port
    r"|\[?\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b\]?(?::\d+)?",  # IPv6
    re.IGNORECASE,
)


class ScrubAddresses(logging.Filter):
    """Replaces IP addresses in a record's message with `[address]`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = ADDRESS.sub("[address]", message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


def quiet_access_log() -> None:
    """Silence uvicorn's access log for good, and scrub its other loggers."""
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False
    access.disabled = True
    for name in ("uvicorn", "uvicorn.error", "uvicorn.asgi"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubAddresses) for f in logger.filters):
            logger.addFilter(ScrubAddresses())


def server(
    app: Any, *, host: str, port: int, log_level: str = "warning", **options: Any
) -> uvicorn.Server:
    """A uvicorn server for the app that logs no client address.

    Example: `server(create_app(settings), host="127.0.0.1", port=8000).run()`.
    """
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        log_level=log_level,
        **options,
    )
    quiet_access_log()
    return uvicorn.Server(config)
