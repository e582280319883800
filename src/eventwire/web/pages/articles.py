"""/articles and /articles/{id}: clean text with the evidence of its events marked."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from eventwire.reads.resources import article_detail
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ARTICLES
from eventwire.serving.params import Paging, paging
from eventwire.serving.state import server
from eventwire.web.highlight import mark_evidence
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, page: Paging = Depends(paging)) -> HTMLResponse:
    filters = ARTICLES.filter_values(request.query_params)
    rows, total = ARTICLES.page(server(request).database.reader(), filters, page)
    params = {k: v for k, v in filters.items() if v}
    return render(
        request, "articles.html", title="Articles", articles=rows, total=total, page=page, params=params
    )


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    doc_id: str,
    event: str | None = Query(None, description="Event whose evidence sentence to highlight."),
) -> HTMLResponse:
    article = article_detail(server(request).database.reader(), doc_id)
    if article is None:
        raise ApiError(404, f"no article with id {doc_id!r}")
    events = article["events"]
    focus = next((e for e in events if e["id"] == event), None)
    paragraphs = mark_evidence(article["text"], [(e["id"], e["evidence"]) for e in events], focus=event)
    found = any(s.focus for p in paragraphs for s in p)
    return render(
        request,
        "article.html",
        title=article["title"] or article["id"],
        article=article,
        paragraphs=paragraphs,
        focus=focus,
        focus_found=found,
        events_by_id={e["id"]: e for e in events},
    )
