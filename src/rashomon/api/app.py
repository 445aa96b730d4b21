"""The web application over one corpus: the JSON API and the UI share one ``Corpus``,
opened read-only (nothing here writes), and every request runs on the event
loop's thread, so the SQLite connection is never used by two threads at once.

Every error, from the API or the UI's data, has one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "no story with id ..."}}

Unknown ids are 404, filter values out of their allowed set are 422 naming the allowed
values. Pages carry a Content-Security-Policy that allows no inline script and no
source but this server, so text from an article can never run as code even if it
escaped the templates' escaping.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..corpus import Corpus
from ..errors import NotFoundError, OptionsError, RashomonError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def check_host(host: str, *, allow_remote: bool) -> None:
    """Refuse an address beyond this machine unless the user says so (there is no
    authentication, and article text is untrusted input)."""
    if allow_remote or host in _LOOPBACK_NAMES:
        return
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise OptionsError(
            f"refusing to listen on {host}: the server has no authentication and shows "
            "untrusted article text; use --host 127.0.0.1, or pass --allow-remote to "
            "serve beyond this machine"
        )


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, **extra}}


def create_app(db: str | Path, *, corpus: Corpus | None = None) -> FastAPI:
    """The application over the corpus in ``db`` (which must exist)."""
    path = Path(db)
    if corpus is None:
        if not path.is_file():
            raise OptionsError(
                f"no corpus at {path}: run `rashomon analyze FILES --db {path}` first, "
                "or name the database with --db"
            )
        corpus = Corpus(path, mode="read")
    app = FastAPI(
        title="Rashomon",
        version=__version__,
        description="One event, many accounts: articles, stories, comparisons, entities "
        "and the facts extracted from news, each with its article id and character span.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.corpus = corpus

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse(error_body(404, "not_found", str(exc)), status_code=404)

    @app.exception_handler(OptionsError)
    async def bad_option(request: Request, exc: OptionsError) -> JSONResponse:
        return JSONResponse(error_body(422, "invalid", str(exc)), status_code=422)

    @app.exception_handler(RashomonError)
    async def failed(request: Request, exc: RashomonError) -> JSONResponse:
        return JSONResponse(error_body(500, "error", str(exc)), status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()]
        return JSONResponse(
            error_body(422, "invalid", "; ".join(problems), fields=problems), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else "http_error"
        return JSONResponse(
            error_body(exc.status_code, code, str(exc.detail)), status_code=exc.status_code
        )

    from . import pages, routes  # the routers read app.state.corpus

    app.include_router(routes.router)
    app.include_router(pages.router)
    static = resources.files("rashomon").joinpath("api", "static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _problem(error: Any) -> str:
    """One validation error as a sentence naming the parameter and what it accepts."""
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
    context = error.get("ctx") or {}
    expected = context.get("expected")
    if expected:
        return f"{where}: {error.get('input')!r} is not allowed; choose one of {expected}"
    return f"{where}: {error.get('msg', 'invalid value')}"
