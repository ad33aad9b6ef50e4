"""The review workflow pages (draft -> in review -> published; comments), per-entity
history with its diff, restore, the audit log, and the record's consistency checks
(issue #11: on their own page, on the changes queue and on each change)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lionrock.audit import entries, verify
from lionrock.errors import LionRockError
from lionrock.record import CaseRecord, Report, run_checks
from lionrock.review import (
    STATES,
    approve,
    comment,
    get_change,
    history,
    list_changes,
    reject,
    restore,
    submit,
    withdraw,
)
from lionrock.web._context import Web, ui_text


def routes(web: Web) -> list[Route]:
    """The review routes."""
    store = web.store

    def checks_report() -> Report:
        # drafts and changes in review count: a reviewer sees a problem before publishing
        return run_checks(CaseRecord.from_store(store))

    async def checks(request: Request) -> Response:
        web.require(request, "reader")
        report = checks_report()
        if request.query_params.get("format") == "json":
            return JSONResponse(report.to_dict())
        rule = request.query_params.get("rule", "")[:64]
        shown = [p for p in report.problems if not rule or p.rule == rule]
        return web.page(request, "app/checks.html", report=report, problems=shown, rule=rule)

    async def change_list(request: Request) -> Response:
        web.require(request, "reader")
        state = request.query_params.get("state", "in_review")
        state = state if state in STATES else "in_review"
        return web.page(
            request,
            "app/changes.html",
            state=state,
            states=STATES,
            changes=list_changes(store, state=state, limit=200),
            checks=checks_report(),
        )

    async def change(request: Request) -> Response:
        web.require(request, "reader")
        try:
            found = get_change(store, request.path_params["change_id"])
        except LionRockError:
            return web.page(
                request, "app/error.html", 404, message=ui_text(request, "No such change.")
            )
        problems = checks_report().for_entities([found.entity_id])
        return web.page(request, "app/change.html", change=found, problems=problems)

    async def act(request: Request) -> Response:
        action, change_id = request.path_params["action"], request.path_params["change_id"]
        needed = {
            "withdraw": "contributor",
            "submit": "contributor",
            "comment": "contributor",
            "approve": "reviewer",
            "reject": "reviewer",
        }.get(action)
        if needed is None:
            return web.page(
                request, "app/error.html", 404, message=ui_text(request, "No such action.")
            )
        user = web.require(request, needed)
        form = await web.form(request)
        try:
            if action == "submit":
                submit(
                    store,
                    change_id=change_id,
                    actor=user.username,
                    is_reviewer=user.can("reviewer"),
                )
            elif action == "approve":
                approve(store, change_id=change_id, reviewer=user.username)
            elif action == "reject":
                reject(store, change_id=change_id, reviewer=user.username)
            elif action == "withdraw":
                withdraw(store, change_id=change_id, author=user.username)
            else:
                comment(store, change_id=change_id, author=user.username, body=form.get("body"))
        except PermissionError as exc:
            return web.page(request, "app/error.html", 403, message=str(exc))
        except LionRockError as exc:
            return web.page(request, "app/error.html", 400, message=str(exc))
        return web.redirect(request, f"/app/changes/{change_id}")

    async def entity_history(request: Request) -> Response:
        web.require(request, "reader")
        entity_id = request.path_params["entity_id"]
        revisions = history(store, entity_id)
        return web.page(
            request,
            "app/history.html",
            entity_id=entity_id,
            revisions=list(reversed(revisions)),
            audit=entries(store, target=f"entity:{entity_id}", limit=200),
        )

    async def entity_restore(request: Request) -> Response:
        user = web.require(request, "contributor")
        form = await web.form(request)
        entity_id = request.path_params["entity_id"]
        try:
            found = restore(
                store,
                entity_id=entity_id,
                revision_id=int(form.get("revision")),
                author=user.username,
            )
        except (LionRockError, ValueError) as exc:
            return web.page(request, "app/error.html", 400, message=str(exc))
        return web.redirect(request, f"/app/changes/{found.id}")

    async def audit(request: Request) -> Response:
        web.require(request, "reviewer")
        try:
            after = min(max(0, int(request.query_params.get("after", "0"))), 2**31 - 1)
        except ValueError:
            after = 0
        return web.page(
            request,
            "app/audit.html",
            entries=entries(store, after=after, limit=200),
            check=verify(store),
        )

    return [
        Route("/app/checks", checks),
        Route("/app/changes", change_list),
        Route("/app/changes/{change_id:int}", change),
        Route("/app/changes/{change_id:int}/{action:str}", act, methods=["POST"]),
        Route("/app/entities/{entity_id}/history", entity_history),
        Route("/app/entities/{entity_id}/restore", entity_restore, methods=["POST"]),
        Route("/app/audit", audit),
    ]
