"""Running the intake app with uvicorn so that no client address is ever written.

- uvicorn's access log is off and its logger disabled outright;
- `proxy_headers=False`: uvicorn never copies X-Forwarded-For into the request (the app
  also drops the client from every request and strips forwarding headers: `_http.Hardened`);
- every log handler, uvicorn's and the root logger's, gets a filter that blanks anything
  shaped like an IPv4 or IPv6 address, whatever logged it;
- no `Server` header.

Example: `intake_server(create_intake_app(settings), host="127.0.0.1", port=8001).run()`.
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
LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "lionrock")


class ScrubAddresses(logging.Filter):
    """Replaces IP addresses in a record (message and arguments) with `[address]`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = ADDRESS.sub("[address]", message)
        if scrubbed != message or record.args:
            record.msg, record.args = scrubbed, None
        return True


def scrub_logging() -> None:
    """Disable the access log and put the address filter on every handler in reach."""
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False
    access.disabled = True
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for target in [logger, *logger.handlers]:
            if not any(isinstance(f, ScrubAddresses) for f in target.filters):
                target.addFilter(ScrubAddresses())


def intake_server(
    app: Any, *, host: str, port: int, log_level: str = "warning", **options: Any
) -> uvicorn.Server:
    """A uvicorn server for the intake app that logs no client address."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level=log_level,
        limit_concurrency=128,
        timeout_keep_alive=5,
        **options,
    )
    scrub_logging()  # after Config, which installs uvicorn's handlers
    return uvicorn.Server(config)
