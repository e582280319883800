"""Errors as JSON: every 4xx of the API names the problem (and the parameter) in one sentence.

Pages (paths outside /api/) get the same message in an HTML page instead.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.errors import EventwireError


class ApiError(Exception):
    """A request the server will not serve, with the status to answer and why."""

    def __init__(self, status: int, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param


def error_body(status: int, message: str, param: str | None = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "message": message}
    if param is not None:
        error["param"] = param
    error.update(extra)
    return {"error": error}


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def _validation_message(problem: dict[str, Any]) -> tuple[str | None, str]:
    """ "since: Input should be a valid date..." from one pydantic problem."""
    location = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body")]
    param = ".".join(location) or None
    text = str(problem.get("msg", "invalid value"))
    given = problem.get("input")
    if given is not None and not isinstance(given, dict | list):
        text += f" (got {given!r})"
    return param, f"{param}: {text}" if param else text


def install_error_handlers(app: FastAPI, page_error: Any) -> None:
    """JSON errors for /api/, `page_error(request, status, message)` for pages."""

    def respond(
        request: Request, status: int, message: str, param: str | None = None, **extra: Any
    ) -> Response:
        if _is_api(request):
            return JSONResponse(error_body(status, message, param, **extra), status_code=status)
        return page_error(request, status, message)  # type: ignore[no-any-return]

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, exc.param)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = [_validation_message(p) for p in exc.errors()]
        message = "; ".join(text for _, text in problems) or "bad request"
        params = [p for p, _ in problems if p]
        return respond(request, 400, message, params[0] if len(params) == 1 else None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return respond(request, exc.status_code, message)

    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, exc: EventwireError) -> Response:
        return respond(request, 400, str(exc))
