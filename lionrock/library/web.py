"""The library's public pages and their JSON twins, for `lionrock.web.create_app`.

Public means published: only articles whose facts are published, and of each only what
the copyright rule allows (`lionrock.render.copyright`): title, date, outlet, a short
excerpt and the archive link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lionrock.errors import LionRockError
from lionrock.library._search import search_library
from lionrock.library._texts import article_view
from lionrock.library._timeline import article_timeline
from lionrock.render.copyright import public_article
from lionrock.render.timeline_svg import timeline_svg
from lionrock.store import Store

Page = Callable[..., Response]
FILTERS = ("outlet", "from", "to", "tag", "author")


def library_routes(
    store: Store, page: Page, *, signed_in: Callable[[Request], bool] | None = None
) -> list[Route]:
    """The routes, given the store and the app's page renderer. Imported articles are
    drafts until an editor publishes them: `signed_in(request)` says who may find them
    too (of each, still only what `public_article` shows); everyone else is told so when
    nothing published matches (issue #13, item 6).

    Example: `Starlette(routes=[*library_routes(store, page)])`.
    """

    def sees_drafts(request: Request) -> bool:
        return signed_in is not None and signed_in(request)

    def params(request: Request) -> dict[str, str | None]:
        return {k: (request.query_params.get(k) or None) for k in FILTERS}

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        given = params(request)
        hits: list[dict[str, Any]] = []
        error = None
        if query:
            try:
                found = search_library(
                    store,
                    query=query,
                    outlet=given["outlet"],
                    date_from=given["from"],
                    date_to=given["to"],
                    tag=given["tag"],
                    author=given["author"],
                    published_only=not sees_drafts(request),
                )
            except LionRockError as exc:
                found, error = [], str(exc)
            hits = [{**public_article(h.to_dict()), "highlights": h.highlights} for h in found]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"query": query, "error": error, "results": hits})
        return page(
            request,
            "library_search.html",
            query=query,
            hits=hits,
            error=error,
            drafts_hidden=not sees_drafts(request),
            outlet=given["outlet"],
            date_from=given["from"],
            date_to=given["to"],
        )

    async def article(request: Request) -> Response:
        try:
            article_id = request.path_params["article_id"]
            if sees_drafts(request):  # a draft too, shown as published output would be
                view = public_article(article_view(store, article_id=article_id, public=False))
            else:
                view = article_view(store, article_id=article_id)
        except LionRockError:
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": "not found"}, status_code=404)
            return page(request, "library_search.html", status=404, query="", hits=[])
        if request.url.path.startswith("/api/"):
            return JSONResponse(view)
        return page(request, "library_article.html", article=view)

    async def timeline(request: Request) -> Response:
        given = params(request)
        try:
            data = article_timeline(
                store,
                entity_id=request.query_params.get("entity") or None,
                outlet=given["outlet"],
                date_from=given["from"],
                date_to=given["to"],
                published_only=True,
            )
        except LionRockError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        if request.url.path.endswith(".svg"):
            svg = timeline_svg(months=data["months"], series=data["series"], events=data["events"])
            return Response(svg, media_type="image/svg+xml")
        return JSONResponse(data)

    return [
        Route("/library", search),
        Route("/library/articles/{article_id}", article),
        Route("/library/timeline.svg", timeline),
        Route("/api/library/search", search),
        Route("/api/library/articles/{article_id}", article),
        Route("/api/library/timeline", timeline),
    ]
