"""`lionrock sources check`: is each cited URL still online, changed, or gone (issue #4 §7)?

Each source URL is requested again (redirects followed). The result is `offline` when
there is no answer or an HTTP error (with the date of the first failure in the current
run of failures: "offline since"), `changed` when the payload's sha256 differs from our
newest capture, and `online` otherwise.

Example:
    results = check_sources(vault=vault, options=CaptureOptions(delay=1.0))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import select

from lionrock.evidence._capture import CaptureOptions, HostGate, fetch_page
from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._storage import Vault, source_urls
from lionrock.evidence._tables import link_checks
from lionrock.store import utcnow


@dataclass(frozen=True, slots=True)
class LinkState:
    """One URL's state after a check."""

    source_id: str
    url: str
    state: str  # online | changed | offline
    status: int | None
    checked_at: str
    offline_since: str | None = None
    error: str | None = None
    captured: bool = False

    def describe(self) -> str:
        if self.state == "offline":
            return f"offline since {self.offline_since}" + (
                f" ({self.error})" if self.error else ""
            )
        if self.state == "changed":
            return "changed since our capture"
        return "online" if self.captured else "online (no capture to compare yet)"


def _previous(vault: Vault, source_id: str, url: str) -> dict[str, object] | None:
    query = (
        select(link_checks)
        .where(link_checks.c.source_id == source_id, link_checks.c.url == url)
        .order_by(link_checks.c.checked_at.desc(), link_checks.c.id.desc())
        .limit(1)
    )
    with vault.store.read() as conn:
        row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def check_one(vault: Vault, source_id: str, url: str, gate: HostGate,
              options: CaptureOptions) -> LinkState:  # fmt: skip
    """Check one URL and record the result."""
    page = fetch_page(url, gate, dataclasses.replace(options, max_requisites=0))
    final = page.final
    now = utcnow()
    status = final.status if final else None
    captured = vault.latest_payload(url)
    payload = sha256_hex(final.body) if final is not None and final.ok else None
    if page.outcome not in ("ok", "oversize"):
        previous = _previous(vault, source_id, url)
        since = now
        if previous and previous["state"] == "offline" and previous["offline_since"]:
            since = str(previous["offline_since"])
        state = LinkState(source_id, url, "offline", status, now, since, page.error, bool(captured))
    elif captured and payload != captured:
        state = LinkState(source_id, url, "changed", status, now, captured=True)
    else:
        state = LinkState(source_id, url, "online", status, now, captured=bool(captured))
    with vault.store.write() as writer:
        writer.conn.execute(
            link_checks.insert().values(
                source_id=source_id, url=url, state=state.state, status=status,
                payload_sha256=payload, error=state.error, offline_since=state.offline_since,
                checked_at=now,
            )
        )  # fmt: skip
    return state


def check_sources(
    *,
    vault: Vault,
    source_ids: Iterable[str] | None = None,
    options: CaptureOptions | None = None,
    on_done: Callable[[LinkState], None] | None = None,
) -> list[LinkState]:
    """Check every cited URL (or those of `source_ids`); results are recorded.

    Example: `[s.describe() for s in check_sources(vault=vault)]`.
    """
    options = options or CaptureOptions()
    wanted = set(source_ids) if source_ids is not None else None
    jobs = [(sid, url) for sid, urls in sorted(source_urls(vault.store).items())
            if wanted is None or sid in wanted for url in urls]  # fmt: skip
    gate = HostGate(options.per_host, options.delay)

    def one(job: tuple[str, str]) -> LinkState:
        state = check_one(vault, job[0], job[1], gate, options)
        if on_done is not None:
            on_done(state)
        return state

    with ThreadPoolExecutor(max_workers=max(1, options.concurrency)) as pool:
        return list(pool.map(one, jobs))


def latest_states(vault: Vault) -> dict[tuple[str, str], dict[str, object]]:
    """The newest check of each (source, URL), for the web app and the published site."""
    latest: dict[tuple[str, str], dict[str, object]] = {}
    with vault.store.read() as conn:
        query = select(link_checks).order_by(link_checks.c.checked_at, link_checks.c.id)
        for row in conn.execute(query):
            latest[(row.source_id, row.url)] = dict(row._mapping)
    return latest
