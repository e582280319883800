"""/api/articles: articles (without text in lists); one article with its text, events and quotes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.reads.resources import article_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ARTICLES, list_route
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["articles"])
list_route(router, "/articles", ARTICLES, "Articles, newest first (text left out)")


@router.get("/articles/{doc_id}", summary="One article: clean text, metadata, events and quotes")
def get_article(request: Request, doc_id: str) -> Response:
    article = article_detail(server(request).database.reader(), doc_id)
    if article is None:
        raise ApiError(404, f"no article with id {doc_id!r}", param="doc_id")
    return ApiJSON(article)
