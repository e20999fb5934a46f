"""What a request must pass before a route runs: the body size limit and the write token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsloom.api.errors import AuthError, TooLargeError, error_response


class BodyLimit:
    """Answer 413 to a request body over ``max_bytes``, before a route reads any of it.

    A declared ``Content-Length`` is checked up front; a chunked body (no length) is
    read into memory up to the limit and replayed to the app, so no route ever
    receives more than the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b""):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = round(self.max_bytes / 2**20, 2)
        response = error_response(TooLargeError("NL250", scope.get("path"), limit=limit))
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


_bearer = HTTPBearer(auto_error=False, description="The server's token, when it has one.")


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a write through when the server has no token or the request bears it."""
    token: str | None = request.app.state.token
    if token is None:
        return
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("NL251", request.url.path)
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise AuthError("NL252", request.url.path)
