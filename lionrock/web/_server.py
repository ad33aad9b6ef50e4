"""Running the app with uvicorn without ever logging a client address (issue #6).

uvicorn's `access_log=False` only detaches the access logger's handlers; the logger still
writes whenever some handler is reachable (uvicorn checks `hasHandlers()`, e.g. when the
host application logs to the root logger). So the access logger is also disabled outright,
and every uvicorn record passes a filter that blanks anything shaped like an IP address.
The app itself drops the client address from each request's scope (`ForgetClient`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import signal
import socket
import threading
from typing import Any

import uvicorn

from lionrock.settings import Settings
from lionrock.workers import die_with_parent

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


def serve_workers(
    settings: Settings, *, host: str, port: int, workers: int, log_level: str = "warning"
) -> None:
    """Serve the app from `workers` processes on one port, until SIGINT or SIGTERM; a
    worker that dies is replaced.

    One process runs Python on one core at a time (the GIL), however many threads serve
    its requests (`_offload`); a search under load needs the other cores (issue #18 §5).
    Each worker binds the port itself with SO_REUSEPORT, so the kernel spreads new
    connections over the workers. (Sharing one listening socket, as uvicorn's own
    `--workers` does, let the first worker awake accept a whole burst: 48 of wrk's 50
    connections went to one of two workers.) So a second server started on the same port
    by the same user shares it instead of failing. Each worker builds its own app,
    so each has its own connections, page cache (`LIONROCK_CACHE_SECONDS` bounds how stale
    another worker's writes look) and login failure counts (a guesser spread over N workers
    gets up to N times as many tries at each step of the growing delay).

    Example: `serve_workers(Settings.from_env(), host="127.0.0.1", port=8000, workers=2)`.
    """
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited state
    stop = threading.Event()

    def start() -> Any:
        ready = spawn.Event()
        process = spawn.Process(
            target=_worker, args=(settings, host, port, log_level, ready, os.getpid())
        )
        process.start()
        return process, ready

    running = [start() for _ in range(workers)]
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            for n, (process, ready) in enumerate(running):
                if process.is_alive():
                    continue
                if not ready.is_set():  # it never served: it would fail the same way again
                    raise SystemExit(f"a worker could not start (exit code {process.exitcode})")
                running[n] = start()
    finally:
        for process, _ in running:
            process.terminate()  # SIGTERM: uvicorn finishes the requests in progress
        for process, _ in running:
            process.join(timeout=30)


def _worker(
    settings: Settings, host: str, port: int, log_level: str, ready: Any, parent: int
) -> None:
    """One worker: its own app, on its own SO_REUSEPORT socket bound to the shared port.
    It dies with the supervisor, however that dies (issue #18: workers must not outlive
    their parent, here still answering on the port)."""
    from lionrock.web.app import create_app

    die_with_parent(parent)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    app = server(create_app(settings), host=host, port=port, log_level=log_level)
    ready.set()
    app.run(sockets=[sock])
