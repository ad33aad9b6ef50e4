"""The submission site: its own ASGI app, apart from the editors' app (issue #15 §1, §5).

Plain HTML that works with JavaScript off, in English, Traditional Chinese and Japanese
(the project's gettext catalogs). Every response carries `Cache-Control: no-store`, a
`default-src 'none'` Content-Security-Policy, `Referrer-Policy: no-referrer` and, when an
onion address is configured, `Onion-Location`. The client's address is dropped from every
request before any code sees it, and forwarding headers are stripped. No cookie is set
before a submission; after one (or after entering a codename) a session cookie
(HttpOnly, SameSite=Strict) lets the source send more. Sessions live in memory only.

Example: `create_intake_app(IntakeSettings.from_env())`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from lionrock.intake._codename import derive_source, new_codename, normalize
from lionrock.intake._db import IntakeDB, Submission, new_id, today
from lionrock.intake._format import SealedItemError, open_bytes
from lionrock.intake._http import COOKIE, Hardened, Sessions, SourceSession
from lionrock.intake._keys import KeyFileError, read_recipients
from lionrock.intake._receive import UploadRefused, receive_upload
from lionrock.pow import SCRIPT, PowRefused, ProofOfWork
from lionrock.render import TEMPLATES, translations
from lionrock.render._i18n import LANGUAGES, UILanguage
from lionrock.settings import IntakeSettings

log = logging.getLogger("lionrock.intake")
STATIC = Path(__file__).with_name("static")
#: What `/static/` serves: the form's style, and the proof-of-work script the login shares.
STATIC_FILES = {
    "intake.css": (STATIC / "intake.css", "text/css; charset=utf-8"),
    "pow.js": (SCRIPT, "text/javascript"),
}
UI = tuple(lang for lang in LANGUAGES if lang.code in ("en", "zh-hant", "ja"))
BY_CODE = {lang.code: lang for lang in UI}


@cache
def _environment(catalog: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / "intake"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(catalog), newstyle=True)  # type: ignore[attr-defined]
    return env


def _gettext(ui: UILanguage, message: str, **values: object) -> str:
    """A message in the page's language (marked for `scripts/extract_messages.py`)."""
    text = translations(ui.catalog).gettext(message)
    return text % values if values else text


def human_size(size: int) -> str:
    """`500000000` -> `"500 MB"` (decimal units, as the limit is set)."""
    for unit, step in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= step:
            value = size / step
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


class Intake:
    """The app's state and views."""

    def __init__(self, settings: IntakeSettings, db: IntakeDB) -> None:
        self.settings = settings
        self.db = db
        self.pow = ProofOfWork(bits=settings.pow_bits, wait=settings.pow_wait)
        self.sessions = Sessions()
        self.kdf = anyio.CapacityLimiter(2)  # Argon2id at 64 MiB: at most two at once

    def recipients(self) -> list[bytes]:
        try:
            return [r.public for r in read_recipients(self.settings.recipients_file)]
        except KeyFileError as exc:
            log.error("intake: %s", exc)
            return []

    # -- rendering ---------------------------------------------------------------------

    def render(
        self,
        request: Request,
        ui: UILanguage,
        name: str,
        *,
        status: int = 200,
        page: str = "",
        session: SourceSession | None = None,
        **context: Any,
    ) -> HTMLResponse:
        env = _environment(ui.catalog)
        query = f"?csrf={session.csrf}" if session else "?"
        if self.pow.enabled:
            query += ("&" if session else "") + f"pow={self.pow.challenge()}"
        wait_note = ""
        if self.pow.enabled and self.pow.wait:
            wait_note = _gettext(
                ui,
                "Without JavaScript, the form can be sent %(seconds)s seconds after this page "
                "loaded.",
                seconds=int(self.pow.wait),
            )
        html = env.get_template(name).render(
            ui=ui,
            languages=UI,
            page=page,
            limit=human_size(self.settings.max_bytes),
            action=f"/{ui.code}/submit{query.rstrip('?')}",
            pow_script=self.pow.enabled,
            pow_bits=self.pow.bits,
            pow_wait_note=wait_note,
            signed_in=session is not None,
            csrf=session.csrf if session else "",
            ready=bool(self.recipients()),
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def problem(self, request: Request, ui: UILanguage, text: str, status: int) -> HTMLResponse:
        return self.render(request, ui, "problem.html", status=status, problem=text)

    @staticmethod
    def ui(request: Request) -> UILanguage:
        found = BY_CODE.get(request.path_params.get("lang", "en"))
        if found is None:
            raise HTTPException(404)
        return found

    def session_of(self, request: Request) -> SourceSession | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    @staticmethod
    def with_cookie(response: HTMLResponse, request: Request, token: str) -> HTMLResponse:
        response.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="strict",
            path="/",
            secure=request.url.scheme == "https",
        )
        return response

    async def derive(self, codename: str) -> Any:
        return await anyio.to_thread.run_sync(
            lambda: derive_source(codename, salt=self.db.salt), limiter=self.kdf
        )

    # -- views -------------------------------------------------------------------------

    async def root(self, request: Request) -> RedirectResponse:
        accept = request.headers.get("accept-language", "").lower()
        first = next((part.split(";")[0].strip() for part in accept.split(",") if part), "")
        code = "zh-hant" if first.startswith("zh") else "ja" if first.startswith("ja") else "en"
        return RedirectResponse(f"/{code}/", status_code=303)

    async def form(self, request: Request) -> HTMLResponse:
        return self.render(
            request, self.ui(request), "submit.html", session=self.session_of(request)
        )

    async def source_form(self, request: Request) -> HTMLResponse:
        return self.render(request, self.ui(request), "source.html", page="source")

    async def submit(self, request: Request) -> HTMLResponse:
        ui = self.ui(request)
        recipients = self.recipients()
        if not recipients:
            return self.problem(
                request,
                ui,
                _gettext(
                    ui, "This intake is not ready to receive anything yet. Please come back later."
                ),
                503,
            )
        session = self.session_of(request)
        if session is not None and request.query_params.get("csrf") != session.csrf:
            return self.problem(
                request,
                ui,
                _gettext(ui, "This form has expired. Go back, reload the page and send again."),
                403,
            )
        try:
            self.pow.check(
                request.query_params.get("pow", ""), request.query_params.get("nonce", "")
            )
        except PowRefused:
            return self.problem(
                request,
                ui,
                _gettext(ui, "This form has expired. Go back, reload the page and send again."),
                403,
            )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_bytes + (1 << 20):
            return self.problem(
                request,
                ui,
                _gettext(
                    ui,
                    "That is more than %(limit)s: nothing was received. Send fewer or smaller "
                    "files at a time.",
                    limit=human_size(self.settings.max_bytes),
                ),
                413,
            )
        day = today()
        folder = self.settings.home / "submissions" / new_id()
        codename = new_codename() if session is None else None
        # a new source's keys are derived (Argon2id, 64 MiB) while the upload streams in
        deriving = asyncio.ensure_future(self.derive(codename)) if codename else None
        try:
            received = await receive_upload(
                request.stream(),
                content_type=request.headers.get("content-type", ""),
                folder=folder,
                recipients=recipients,
                limit=self.settings.max_bytes,
                day=day,
            )
        except UploadRefused:
            await _discard(deriving)
            return self.problem(request, ui, _gettext(ui, "Write a message or choose a file."), 400)
        except BaseException:
            await _discard(deriving)
            raise
        if not received.items:
            await _discard(deriving)
            return self.render(
                request,
                ui,
                "submit.html",
                status=400,
                session=session,
                problem=_gettext(ui, "Write a message or choose a file."),
            )
        new_source = None
        if deriving is not None:
            keys = await deriving
            new_source = (keys.source_id, keys.public)
            source_id = keys.source_id
        else:
            assert session is not None
            source_id = session.source_id
        record = Submission(
            id=received.submission_id,
            source_id=source_id,
            day=day,
            status="interrupted" if received.interrupted else "complete",
            items=received.items,
        )
        await anyio.to_thread.run_sync(
            lambda: self.db.add_submission(record, new_source=new_source)
        )
        token = None
        if session is None:
            token, session = self.sessions.create(source_id)
        if received.message:
            summary = _gettext(
                ui, "Your message and %(files)s file(s) arrived.", files=received.files
            )
        else:
            summary = _gettext(ui, "%(files)s file(s) arrived.", files=received.files)
        interrupted = ""
        if received.interrupted == "too-large":
            interrupted = _gettext(
                ui,
                "It went past the limit of %(limit)s, so the rest was not read.",
                limit=human_size(self.settings.max_bytes),
            )
        elif received.interrupted:
            interrupted = _gettext(ui, "The connection stopped before everything arrived.")
        response = self.render(
            request,
            ui,
            "done.html",
            status=200,
            session=session,
            codename=codename,
            summary=summary,
            interrupted=interrupted,
        )
        return self.with_cookie(response, request, token) if token else response

    async def source(self, request: Request) -> HTMLResponse:
        ui = self.ui(request)
        body = await _small_form(request)
        if body is None:
            return self.problem(
                request, ui, _gettext(ui, "That codename is not known. Check each word."), 413
            )
        codename = normalize(body.get("codename", ""))
        keys = await self.derive(codename) if codename else None
        if keys is None or self.db.source_public(keys.source_id) is None:
            return self.render(
                request,
                ui,
                "source.html",
                status=403,
                page="source",
                problem=_gettext(ui, "That codename is not known. Check each word."),
            )
        replies = []
        for _id, day, sealed in self.db.replies(keys.source_id):
            try:
                text = open_bytes(sealed, keys.private)[1].decode("utf-8", "replace")
            except SealedItemError:
                text = _gettext(ui, "(This reply could not be read.)")
            replies.append({"day": day, "text": text})
        sent = [
            _gettext(ui, "%(day)s: %(items)s item(s)", day=s.day, items=len(s.items))
            + (" — " + _gettext(ui, "cut short") if s.status == "interrupted" else "")
            for s in self.db.submissions(source_id=keys.source_id)
        ]
        token, session = self.sessions.create(keys.source_id)
        response = self.render(
            request, ui, "inbox.html", session=session, replies=replies, sent=sent
        )
        return self.with_cookie(response, request, token)

    async def leave(self, request: Request) -> RedirectResponse:
        session = self.session_of(request)
        if session is not None and request.query_params.get("csrf") == session.csrf:
            self.sessions.drop(request.cookies.get(COOKIE))
        response = RedirectResponse(f"/{self.ui(request).code}/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    async def static(self, request: Request) -> Any:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            return PlainTextResponse("Not found.", status_code=404)
        path, media_type = STATIC_FILES[name]
        return FileResponse(path, media_type=media_type)

    async def robots(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse("User-agent: *\nDisallow: /\n")


async def _discard(task: asyncio.Future[Any] | None) -> None:
    """Let a derivation that is no longer needed finish (a thread cannot be cancelled)."""
    if task is not None:
        with contextlib.suppress(Exception):
            await asyncio.shield(task)


async def _small_form(request: Request, limit: int = 4096) -> dict[str, str] | None:
    """An urlencoded form of at most `limit` bytes (the codename form)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=8)
    return {key: values[0] for key, values in fields.items()}


def create_intake_app(settings: IntakeSettings, *, db: IntakeDB | None = None) -> ASGIApp:
    """The intake app. Tests call it in-process; `lionrock intake serve` runs it.

    Example: `create_intake_app(IntakeSettings(home=Path("intake")))`.
    """
    intake = Intake(settings, db or IntakeDB(settings.database_url))
    lang = "{lang:str}"
    routes = [
        Route("/", intake.root),
        Route("/robots.txt", intake.robots),
        Route("/static/{name:str}", intake.static),
        Route(f"/{lang}/", intake.form),
        Route(f"/{lang}/submit", intake.submit, methods=["POST"]),
        Route(f"/{lang}/source", intake.source_form, methods=["GET"]),
        Route(f"/{lang}/source", intake.source, methods=["POST"]),
        Route(f"/{lang}/leave", intake.leave, methods=["POST"]),
    ]

    async def not_found(request: Request, exc: Exception) -> HTMLResponse:
        return intake.problem(request, UI[0], "Not found.", 404)

    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.router.redirect_slashes = False
    app.state.intake = intake
    return Hardened(app, onion=settings.onion_address, script=intake.pow.enabled)
