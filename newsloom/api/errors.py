"""One JSON error shape for every failure: ``{"ok": false, "status", "error": {...}}``.

``error`` is :meth:`NewsloomError.to_json` (``code``, ``where``, ``message``), so
a client reads the same object the CLI prints under ``--json``. The status code
comes from the error's class: the user's mistake is 4xx, an unusable store 503.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from newsloom.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsloomError,
    NotFoundError,
    StoreError,
)

log = logging.getLogger("newsloom.api")


class AuthError(NewsloomError):
    """A write endpoint was called without the server's bearer token."""

    status = 401


class TooLargeError(InputError):
    """A request body over ``api.max_upload_mb``."""

    status = 413


_STATUS: list[tuple[type[NewsloomError], int]] = [
    (NotFoundError, 404),
    (InputError, 400),
    (ConfigError, 400),
    (StoreError, 503),
    (ModelError, 503),
]


def status_for(exc: NewsloomError) -> int:
    explicit = getattr(exc, "status", None)
    if explicit is not None:
        return explicit
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 400)


class ErrorDetail(BaseModel):
    code: str
    where: str | None = None
    message: str


class ErrorBody(BaseModel):
    """The body of every 4xx and 5xx answer."""

    ok: bool = False
    status: int
    error: ErrorDetail


def error_response(exc: NewsloomError, status: int | None = None) -> JSONResponse:
    status = status or status_for(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = {"ok": False, "status": status, "error": exc.to_json()}
    return JSONResponse(body, status_code=status, headers=headers)


ERROR_RESPONSES: dict[int | str, dict] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "The request names something invalid."),
        (404, "No such document, story or entity."),
        (422, "A parameter or the body does not validate."),
        (503, "The store or a model cannot be used."),
    )
}
"""``responses=`` for routes, so the OpenAPI schema documents the error body."""


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request does not validate"


def _allowed(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE and isinstance(route, BaseRoute):
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Route newsloom errors, validation errors, HTTP errors and bugs to the JSON shape."""

    @app.exception_handler(NewsloomError)
    async def newsloom_error(request: Request, exc: NewsloomError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = NewsloomError("NL255", request.url.path, detail=_validation_detail(exc))
        return error_response(err, 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        err = NewsloomError("NL256", f"{request.method} {request.url.path}", detail=exc.detail)
        response = error_response(err, exc.status_code)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(_allowed(request))
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        err = NewsloomError("NL259", request.url.path, detail=type(exc).__name__)
        return error_response(err, 500)
