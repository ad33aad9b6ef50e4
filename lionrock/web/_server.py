"""Running the app with uvicorn without ever logging a client address (issue #6).

uvicorn's `access_log=False` only detaches the access logger's handlers; the logger still
writes whenever some handler is reachable (uvicorn checks `hasHandlers()`, e.g. when the
host application logs to the root logger). So the access logger is also disabled outright,
and every uvicorn record passes a filter that blanks anything shaped like an IP address.
The app itself drops the client address from each request's scope (`ForgetClient`).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from lionrock.settings import Settings

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


def _config(app: Any, *, host: str, port: int, log_level: str, **options: Any) -> uvicorn.Config:
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
    return config


def server(
    app: Any, *, host: str, port: int, log_level: str = "warning", **options: Any
) -> uvicorn.Server:
    """A uvicorn server for the app that logs no client address.

    Example: `server(create_app(settings), host="127.0.0.1", port=8000).run()`.
    """
    return uvicorn.Server(_config(app, host=host, port=port, log_level=log_level, **options))


def serve_workers(
    settings: Settings, *, host: str, port: int, workers: int, log_level: str = "warning"
) -> None:
    """Serve the app from `workers` processes sharing one listening socket, under
    uvicorn's supervisor (which replaces a worker that dies), until SIGINT or SIGTERM.

    One process runs Python on one core at a time (the GIL), however many threads serve
    its requests (`_offload`); a search under load needs the other cores (issue #18 §5).
    Each worker builds its own app (`create_app`), so each has its own connections, page
    cache (`LIONROCK_CACHE_SECONDS` bounds how stale another worker's writes look) and
    login failure counts (a guesser spread over N workers gets up to N times as many tries
    at each step of the growing delay).

    Example: `serve_workers(Settings.from_env(), host="127.0.0.1", port=8000, workers=2)`.
    """
    # spawned workers unpickle the factory and call it: the settings travel with it
    app = functools.partial(_worker_app, settings)
    config = _config(app, host=host, port=port, log_level=log_level, factory=True,
                     workers=workers)  # fmt: skip
    Multiprocess(config, sockets=[config.bind_socket()]).run()


def _worker_app(settings: Settings) -> Any:
    """The app, built in a worker process, whose logging uvicorn has just set up anew."""
    from lionrock.web.app import create_app

    quiet_access_log()
    return create_app(settings)
