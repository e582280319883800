"""/docs/api: the JSON API's endpoints and parameters, read from its OpenAPI schema."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/docs/api", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "description": p.get("description", ""),
                    "required": p.get("required", False),
                }
                for p in op.get("parameters", [])
            ],
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "api_docs.html", title="JSON API", endpoints=endpoints)
