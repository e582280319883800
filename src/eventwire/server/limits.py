"""A size limit on request bodies, enforced before any of the body reaches a handler.

Uploads are read into memory (and by the multipart parser onto disk), so a body larger than
the limit is refused with 413 as soon as it is known to be: from Content-Length when the client
sends one, otherwise while the body streams in.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.serving.encoding import dumps
from eventwire.serving.errors import error_body


class BodyLimit:
    """ASGI middleware: bodies of requests with a body (POST, PUT, PATCH) up to `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                await self._refuse(send, 400, "Content-Length is not a number")
                return
            if too_big:
                await self._refuse(send, 413, self._message(int(declared)))
                return
        # Without Content-Length (chunked), read the body here, counting, and replay it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(send, 413, self._message(size, at_least=True))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _message(self, size: int, *, at_least: bool = False) -> str:
        return (
            f"request body of {'at least ' if at_least else ''}{size} bytes is over the limit of "
            f"{self.limit} bytes (serve --max-upload-bytes)"
        )

    @staticmethod
    async def _refuse(send: Send, status: int, message: str) -> None:
        body = dumps(error_body(status, message)).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
