"""/api/articles and /api/quotes: articles (without text in lists), one article with its events."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.api.downloads import rows_download
from eventwire.api.errors import ApiError
from eventwire.api.listing import page_body
from eventwire.api.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
)
from eventwire.api.resources import article_detail
from eventwire.api.serialize import ApiJSON
from eventwire.api.state import server
from eventwire.store import queries
from eventwire.store.shapes import article_api

router = APIRouter(prefix="/api", tags=["articles"])

ARTICLE_COLUMNS = ("id", "title", "outlet", "author", "published", "url", "source", "record", "n_events")
QUOTE_COLUMNS = (
    "id",
    "doc_id",
    "speaker",
    "speaker_id",
    "text",
    "sentence_index",
    "title",
    "outlet",
    "published",
)


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
    store = server(request).database.reader()
    outlet = outlet or None
    if fmt != "json":
        rows = queries.article_page(store, outlet=outlet, limit=None)
        return rows_download(
            rows, fmt=fmt, columns=ARTICLE_COLUMNS, to_json=article_api, filename="articles"
        )
    rows = queries.article_page(store, outlet=outlet, limit=page.limit, offset=page.offset)
    total = queries.article_count(store, outlet=outlet)
    return ApiJSON(page_body([article_api(r) for r in rows], total, page, request))


@router.get("/articles/{doc_id}", summary="One article: clean text, metadata, events and quotes")
def get_article(request: Request, doc_id: str) -> Response:
    article = article_detail(server(request).database.reader(), doc_id)
    if article is None:
        raise ApiError(404, f"no article with id {doc_id!r}", param="doc_id")
    return ApiJSON(article)


@router.get(
    "/quotes",
    summary="Direct quotes with their speakers",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_quotes(
    request: Request,
    speaker: str | None = Query(None, description="Speaker name contains this."),
    doc: str | None = Query(None, description="Only the quotes of this article id."),
    page: Paging = Depends(paging),
    fmt: Format = Depends(output_format),
) -> Response:
    store = server(request).database.reader()
    speaker, doc = speaker or None, doc or None
    if fmt != "json":
        rows = queries.quote_page(store, speaker=speaker, doc_id=doc, limit=None)
        return rows_download(rows, fmt=fmt, columns=QUOTE_COLUMNS, to_json=dict, filename="quotes")
    rows = queries.quote_page(store, speaker=speaker, doc_id=doc, limit=page.limit, offset=page.offset)
    total = queries.quote_count(store, speaker=speaker, doc_id=doc)
    return ApiJSON(page_body(rows, total, page, request))
