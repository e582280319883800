"""/api/quotes: direct quotes with their speakers, newest article first."""

from __future__ import annotations

from fastapi import APIRouter

from eventwire.serving.lists import QUOTES, list_route

router = APIRouter(prefix="/api", tags=["quotes"])
list_route(router, "/quotes", QUOTES, "Direct quotes with their speakers")
