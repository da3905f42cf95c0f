"""HTML pages → articles: the main text extracted with trafilatura, menus and footers dropped."""

from __future__ import annotations

from polemos.errors import InputError
from polemos.ingest.validate import article_text, mend, parse_date
from polemos.model import Article


def article_from_html(html: str, doc_id: str, where: str, default_date: str | None) -> Article:
    """The page's main text and title; the page's own date when it states one, else the default."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    # bare_extraction gives a Document (a dict only with as_dict=True, which older releases lack)
    doc = extracted if isinstance(extracted, dict) or extracted is None else extracted.as_dict()
    text = (doc or {}).get("text") or ""
    if not text.strip():
        raise InputError("no main text found in the HTML page", where, "text")
    text = article_text(text, where)
    date = default_date
    page_date = (doc or {}).get("date")
    if page_date and not default_date:
        try:
            date = parse_date(str(page_date)[:10], where)
        except InputError:  # a page's own metadata date is a hint, not an input field
            date = None
    title, url = (doc or {}).get("title"), (doc or {}).get("url")
    return Article(id=doc_id, text=text, date=date, title=mend(title) if title else None,
                   url=mend(url) if url else None, origin=where)
