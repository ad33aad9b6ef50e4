"""The review queue for suggested facts, in the editors' area (issue #16 §3–4).

- `GET /app/suggestions`: suggestions grouped by article, filtered by person, kind and
  article date; each quote shown in its paragraph, with any published fact it
  contradicts beside it, with both sources.
- `POST /app/suggestions/{id}/accept`: accept as suggested or as edited (value, date,
  Charge, case, offence): a draft change the editor authored, so someone else reviews it.
- `POST /app/suggestions/{id}/reject`, and `POST /app/suggestions/article` to accept or
  reject every suggestion of one article at once.

Reading needs the `reader` role, deciding the `contributor` role. Articles' full text is
never shown outside the editors' area; here, only the paragraph of each quote.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from lionrock.errors import LionRockError
from lionrock.library.extract._lexicon import BY_KEY, OFFENCES
from lionrock.library.extract._review import (
    accept_suggestion,
    list_suggestions,
    reject_suggestions,
)
from lionrock.library.extract._rules import KINDS
from lionrock.web._context import Web

FILTERS = ("person", "kind", "from", "to", "article")
MAX_FILTER = 200


def _filters(request: Request) -> dict[str, str]:
    given = {k: request.query_params.get(k, "").strip()[:MAX_FILTER] for k in FILTERS}
    if given["kind"] not in KINDS:
        given["kind"] = ""
    return given


def _in_paragraph(paragraph: str, quote: str) -> tuple[str, str, str]:
    """The paragraph cut around its quote (before, quote, after), for highlighting."""
    at = paragraph.find(quote)
    if at < 0:
        return "", quote, ""
    return paragraph[:at], quote, paragraph[at + len(quote) :]


def _grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    articles: dict[str, dict[str, Any]] = {}
    for row in rows:
        row["before"], row["marked"], row["after"] = _in_paragraph(
            row.pop("paragraph_text") or "", row["quote"]
        )
        group = articles.setdefault(
            row["article_id"],
            {
                "id": row["article_id"],
                "title": row["title"],
                "date": row["published_at"],
                "items": [],
            },
        )
        group["items"].append(row)
    return list(articles.values())


def routes(web: Web) -> list[BaseRoute]:
    """The queue's routes, for `lionrock.web.app.ROUTE_MODULES`."""
    store = web.store

    def queue(request: Request, message: str = "", status: int = 200) -> Response:
        given = _filters(request)
        rows = list_suggestions(
            store,
            person=given["person"] or None,
            kind=given["kind"] or None,
            date_from=given["from"] or None,
            date_to=given["to"] or None,
            article_id=given["article"] or None,
        )
        return web.page(
            request,
            "app/suggestions.html",
            status,
            articles=_grouped(rows),
            count=len(rows),
            given=given,
            kinds=KINDS,
            offences=OFFENCES,
            offence_labels={key: o.label for key, o in BY_KEY.items()},  # shown translated
            message=message,
            query=_query(request),
        )

    async def index(request: Request) -> Response:
        web.require(request, "reader")
        return queue(request)

    async def accept(request: Request) -> Response:
        user = web.require(request, "contributor")
        form = await web.form(request)
        try:
            change = accept_suggestion(
                store,
                suggestion_id=request.path_params["suggestion_id"],
                actor=user.username,
                entity_id=form.get("entity").strip() or None,
                value=form.get("value").strip() or None,
                date=form.get("date").strip() or None,
                case_id=form.get("case").strip() or None,
                offence_key=form.get("offence").strip() or None,
            )
        except LionRockError as exc:
            return queue(request, str(exc), 400)
        return web.redirect(request, f"/app/changes/{change.id}")

    async def reject(request: Request) -> Response:
        user = web.require(request, "contributor")
        await web.form(request)
        reject_suggestions(store, ids=[request.path_params["suggestion_id"]], actor=user.username)
        return web.redirect(request, f"/app/suggestions{_query(request)}")

    async def article(request: Request) -> Response:
        """Accept or reject every pending suggestion of one article."""
        user = web.require(request, "contributor")
        form = await web.form(request)
        article_id = form.get("article")[:255]
        pending = list_suggestions(store, article_id=article_id, limit=500)
        if form.get("action") == "reject":
            reject_suggestions(store, ids=[p["id"] for p in pending], actor=user.username)
            return web.redirect(request, f"/app/suggestions{_query(request)}")
        problems = []
        for item in pending:
            try:
                accept_suggestion(store, suggestion_id=item["id"], actor=user.username)
            except LionRockError as exc:
                problems.append(f"{item['person']} ({item['kind']}): {exc}")
        if problems:
            return queue(request, "Not accepted: " + "; ".join(problems), 400)
        return web.redirect(request, "/app/changes?state=draft")

    return [
        Route("/app/suggestions", index),
        Route("/app/suggestions/article", article, methods=["POST"]),
        Route("/app/suggestions/{suggestion_id}/accept", accept, methods=["POST"]),
        Route("/app/suggestions/{suggestion_id}/reject", reject, methods=["POST"]),
    ]


def _query(request: Request) -> str:
    query = request.url.query
    return f"?{query}" if query else ""
