"""The ingest token: without one the server is read-only; with one, writes must present it."""

from __future__ import annotations

import hmac

from fastapi import Request

from eventwire.serving.errors import ApiError
from eventwire.serving.settings import TOKEN_ENV, ServerSettings

TOKEN_HEADER = "X-Eventwire-Token"


def presented_token(request: Request, form_token: str | None = None) -> str | None:
    """The token a request carries: `Authorization: Bearer T`, an X-Eventwire-Token header, a form field."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get(TOKEN_HEADER) or form_token or None


def check_token(settings: ServerSettings, presented: str | None) -> None:
    """Allow a write only with the right token, compared in constant time.

    Raises:
        ApiError: 403 when the server is read-only, 401 when the token is missing or wrong.
    """
    if settings.read_only or settings.token is None:
        raise ApiError(403, f"this server is read-only: start it with {TOKEN_ENV} set to allow ingest")
    if presented is None:
        raise ApiError(401, "ingest needs the token: send 'Authorization: Bearer TOKEN'")
    if not hmac.compare_digest(presented.encode("utf-8"), settings.token.encode("utf-8")):
        raise ApiError(401, "wrong token")
