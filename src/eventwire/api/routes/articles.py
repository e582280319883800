"""/api/articles: articles (without text in lists); one article with its text, events and quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.reads.resources import article_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ARTICLES, list_response
from eventwire.serving.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
)
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["articles"])


@router.get(
    "/articles",
    summary="Articles, newest first (text left out)",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_articles(
    request: Request,
    outlet: str | None = Query(None, description="Only this outlet's articles."),
    page: Paging = Depends(paging),
    fmt: Format = Depends(output_format),
) -> Response:
    return list_response(request, ARTICLES, {"outlet": outlet or None}, page, fmt)


@router.get("/articles/{doc_id}", summary="One article: clean text, metadata, events and quotes")
def get_article(request: Request, doc_id: str) -> Response:
    article = article_detail(server(request).database.reader(), doc_id)
    if article is None:
        raise ApiError(404, f"no article with id {doc_id!r}", param="doc_id")
    return ApiJSON(article)
