"""Tests for the scraped-text line classifier and article extraction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.extract.scraped import classify_lines, extract_scraped
from eventwire.records import RawDocument

# ../shared beside the checkout, found from the repository root (absent in a user's clone).
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")

BODY_ONE = (
    "The foreign ministers of Norway and Iceland met in Reykjavik on Tuesday and agreed to "
    "coordinate their positions on fishing quotas in the North Atlantic."
)
BODY_TWO = (
    "Officials said the two governments would also set up a working group on search and rescue "
    "operations, which is due to report before the end of the year."
)
BODY_THREE = (
    "Iceland's minister said the talks had been friendly and constructive, and that more would follow."
)


def _raw(text: str, **fields: object) -> RawDocument:
    fields.setdefault("source", "test.txt")
    return RawDocument(text=text, format="text", **fields)  # type: ignore[arg-type]


def _page(*lines: str) -> str:
    return "\n".join(lines)


def _kinds(text: str) -> dict[str, str]:
    return {label.text.strip(): label.kind for label in classify_lines(text) if label.text.strip()}


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- the seeds -------------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@needs_seeds
def test_scraped_seed_000_keeps_article_drops_comments() -> None:
    path = _seed("000")
    text = path.read_text(encoding="utf-8")
    article = extract_scraped(_raw(text, source=str(path)))
    for furniture in ("becouse americans", "CAPTCHA", "Leave a Reply", "Follow us on", "TBP and Agencies"):
        assert furniture not in article.text
    lines = [_squash(line) for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Chinese Foreign Minister Wang Yi (L)"))
    last = next(
        i
        for i, line in enumerate(lines)
        if line.endswith("the document released at the Belt and Road forum said.")
    )
    paragraphs = [line for line in lines[first : last + 1] if line]
    assert len(paragraphs) > 10
    kept = article.text.split("\n\n")
    for paragraph in paragraphs:
        assert paragraph in kept
    assert article.title == "Chinese FM meets top Russian leaders in Moscow"
    assert article.published == date(2017, 5, 27)


@needs_seeds
def test_scraped_seed_004_drops_menu_and_footer() -> None:
    path = _seed("004")
    text = path.read_text(encoding="utf-8")
    article = extract_scraped(_raw(text, source=str(path)))
    for furniture in (
        "Former Ambassadors",
        "Tour the Embassy",
        "China News",
        "Suggest to a Friend",
        "All Rights Reserved",
    ):
        assert furniture not in article.text
    lines = [_squash(line) for line in text.splitlines()]
    title = lines.index("Wang Yi Talks about Current China-Russia Relations")
    end = lines.index("Suggest to a Friend")
    paragraphs = [line for line in lines[title + 1 : end] if line]
    assert len(paragraphs) >= 5
    assert article.text.split("\n\n") == paragraphs
    assert article.title == "Wang Yi Talks about Current China-Russia Relations"


# --- furniture kinds on hand-written pages -------------------------------------------


def test_scraped_wordpress_comment_section_is_dropped() -> None:
    text = _page(
        "Norway and Iceland agree on fishing talks",
        "June 3, 2019, 10:15 am",
        "",
        BODY_ONE,
        "",
        BODY_TWO,
        "",
        "2 Responses to Norway and Iceland agree on fishing talks",
        "",
        "  1. fisher_joe Reply",
        "    June 3, 2019 at 4:12 pm",
        "    This deal is a betrayal of the small boats, and everybody in the harbour knows it.",
        "",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA.",
    )
    kinds = _kinds(text)
    assert kinds["2 Responses to Norway and Iceland agree on fishing talks"] == "comments"
    assert (
        kinds["This deal is a betrayal of the small boats, and everybody in the harbour knows it."]
        == "comment"
    )
    assert kinds["Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA."] == "captcha"
    article = extract_scraped(_raw(text))
    assert article.text == BODY_ONE + "\n\n" + BODY_TWO
    assert article.published == date(2019, 6, 3)


def test_scraped_comment_header_before_the_article_does_not_close_it() -> None:
    text = _page(
        "Comments (3)", "Print", "", "Norway and Iceland agree on fishing talks", "", BODY_ONE, "", BODY_TWO
    )
    article = extract_scraped(_raw(text))
    assert article.text == BODY_ONE + "\n\n" + BODY_TWO


def test_scraped_navigation_menu_and_breadcrumb_are_dropped() -> None:
    text = _page(
        "News",
        "  World",
        "  Politics",
        "  Business",
        "Sport",
        "",
        "Home » World » Europe",
        "Norway and Iceland agree on fishing talks",
        "",
        BODY_ONE,
    )
    kinds = _kinds(text)
    assert kinds["Politics"] == "nav"
    assert kinds["Home » World » Europe"] == "nav"
    assert kinds["Norway and Iceland agree on fishing talks"] == "title"
    assert extract_scraped(_raw(text)).text == BODY_ONE


def test_scraped_menu_with_blank_lines_between_items_is_dropped() -> None:
    text = _page("Home", "", "News", "", "Politics", "", "Climate", "", "Fishing deal signed", "", BODY_ONE)
    kinds = _kinds(text)
    assert {kinds[item] for item in ("Home", "News", "Politics", "Climate")} == {"nav"}


def test_scraped_share_row_and_follow_line_are_dropped() -> None:
    text = _page(
        "Follow us on:",
        "Fishing deal signed",
        BODY_ONE,
        "Share this:",
        "Facebook Twitter WhatsApp Email",
        "Like this:",
        "Loading...",
    )
    kinds = _kinds(text)
    assert kinds["Follow us on:"] == "share"
    assert kinds["Facebook Twitter WhatsApp Email"] == "share"
    assert kinds["Loading..."] == "share"
    assert extract_scraped(_raw(text)).text == BODY_ONE


def test_scraped_cookie_banner_is_dropped_even_when_long() -> None:
    banner = (
        "We use cookies and similar technologies to personalise content and ads, to provide social "
        "media features and to analyse our traffic. By continuing to use this site you accept them."
    )
    text = _page(
        banner, "Accept all", "Manage preferences", "", "Fishing deal signed", BODY_ONE, "", BODY_TWO
    )
    kinds = _kinds(text)
    assert kinds[banner] == "cookie"
    assert kinds["Accept all"] == "cookie"
    assert extract_scraped(_raw(text)).title == "Fishing deal signed"


def test_scraped_article_about_consent_keeps_its_short_sentence() -> None:
    text = _page("Fishing deal signed", BODY_ONE, "Parliament gave its consent.", BODY_TWO)
    assert "Parliament gave its consent." in extract_scraped(_raw(text)).text


def test_scraped_related_list_is_dropped_and_article_resumes_after_it() -> None:
    text = _page(
        "Fishing deal signed",
        BODY_ONE,
        "Related stories",
        "Iceland elects new parliament",
        "Norway's salmon exports hit record",
        BODY_TWO,
        BODY_THREE,
        "Most read",
        "1. Storm closes Oslo airport",
        "2. Whale spotted in fjord",
    )
    kinds = _kinds(text)
    assert kinds["Related stories"] == "related"
    assert kinds["Iceland elects new parliament"] == "related"
    assert kinds["2. Whale spotted in fjord"] == "related"
    assert extract_scraped(_raw(text)).text.split("\n\n") == [BODY_ONE, BODY_TWO, BODY_THREE]


def test_scraped_teaser_under_a_list_item_is_not_article() -> None:
    teaser = (
        "The airport said flights would resume on Friday morning if the winds eased overnight as forecast."
    )
    text = _page(
        "Fishing deal signed", BODY_ONE, BODY_TWO, "", "Most read", "Storm closes Oslo airport", teaser
    )
    assert teaser not in extract_scraped(_raw(text)).text


def test_scraped_newsletter_box_and_advertisement_inside_article_are_dropped() -> None:
    text = _page(
        "Fishing deal signed",
        BODY_ONE,
        "Advertisement",
        "Sign up for our daily briefing",
        "Get the top stories delivered to your inbox every morning.",
        "Enter your email address",
        "Subscribe",
        BODY_TWO,
    )
    kinds = _kinds(text)
    assert kinds["Advertisement"] == "ad"
    assert kinds["Get the top stories delivered to your inbox every morning."] == "subscribe"
    assert extract_scraped(_raw(text)).text.split("\n\n") == [BODY_ONE, BODY_TWO]


def test_scraped_paywall_prompt_after_article_is_dropped() -> None:
    text = _page(
        "Fishing deal signed",
        BODY_ONE,
        "You have read 3 of 5 free articles this month.",
        "Subscribe now for unlimited access.",
    )
    assert extract_scraped(_raw(text)).text == BODY_ONE


def test_scraped_copyright_footer_closes_the_article() -> None:
    text = _page(
        "Fishing deal signed",
        BODY_ONE,
        "© 2019 The North Atlantic Herald. All rights reserved.",
        "The Herald was founded in 1901 and is owned by a charitable trust based in Bergen.",
    )
    kinds = _kinds(text)
    assert kinds["© 2019 The North Atlantic Herald. All rights reserved."] == "footer"
    assert extract_scraped(_raw(text)).text == BODY_ONE


def test_scraped_wire_credits_and_byline_are_dropped() -> None:
    text = _page(
        "Fishing deal signed",
        "By Ingrid Berg and Jon Olafsson",
        "",
        "REYKJAVIK, June 3 (Nordic Wire) - " + BODY_ONE,
        BODY_TWO,
        "(Reporting by Ingrid Berg; Editing by Jon Olafsson)",
        "Herald and Agencies",
    )
    kinds = _kinds(text)
    assert kinds["(Reporting by Ingrid Berg; Editing by Jon Olafsson)"] == "credit"
    assert kinds["Herald and Agencies"] == "credit"
    article = extract_scraped(_raw(text))
    assert article.text.split("\n\n") == ["REYKJAVIK, June 3 (Nordic Wire) - " + BODY_ONE, BODY_TWO]
    assert article.author == "Ingrid Berg and Jon Olafsson"


def test_scraped_byline_rule_spares_a_sentence_starting_with_by() -> None:
    sentence = "By the end of the talks, both sides had agreed to meet again in Oslo in September."
    text = _page("Fishing deal signed", BODY_ONE, sentence)
    assert sentence in extract_scraped(_raw(text)).text


def test_scraped_photo_caption_inside_article_is_kept_bare_credit_dropped() -> None:
    caption = (
        "Norwegian Foreign Minister Anne Dahl (L) greets her Icelandic counterpart in Reykjavik "
        "[Photo: Nordic Wire]"
    )
    text = _page("Fishing deal signed", "June 3, 2019", caption, BODY_ONE, "AFP Photo/Jon Olafsson", BODY_TWO)
    kinds = _kinds(text)
    assert kinds[caption] == "caption"
    assert kinds["AFP Photo/Jon Olafsson"] == "credit"
    assert extract_scraped(_raw(text)).text.split("\n\n") == [caption, BODY_ONE, BODY_TWO]


def test_scraped_short_sentence_paragraphs_and_subheads_are_kept() -> None:
    text = _page(
        "Fishing deal signed",
        "",
        "It took ten years.",
        "",
        BODY_ONE,
        "",
        "What comes next",
        "",
        BODY_TWO,
        "",
        "The talks resume in May.",
        "",
        "Back to top",
    )
    kinds = _kinds(text)
    assert kinds["What comes next"] == "subhead"
    assert kinds["Back to top"] == "meta"
    assert extract_scraped(_raw(text)).text.split("\n\n") == [
        "It took ten years.",
        BODY_ONE,
        "What comes next",
        BODY_TWO,
        "The talks resume in May.",
    ]


def test_scraped_tags_and_post_navigation_are_dropped() -> None:
    text = _page(
        "Fishing deal signed",
        BODY_ONE,
        "Tags: Norway, Iceland, fishing",
        "Previous post: Whale spotted in fjord",
    )
    kinds = _kinds(text)
    assert kinds["Tags: Norway, Iceland, fishing"] == "tags"
    assert kinds["Previous post: Whale spotted in fjord"] == "meta"


def test_scraped_standfirst_under_title_is_kept_title_is_the_headline() -> None:
    standfirst = "Ministers say the deal will protect small boats while keeping quotas stable for five years"
    text = _page(
        "World | Europe",
        "Norway and Iceland sign fishing deal after decade of talks",
        standfirst,
        "",
        BODY_ONE,
    )
    article = extract_scraped(_raw(text))
    assert article.title == "Norway and Iceland sign fishing deal after decade of talks"
    assert article.text.split("\n\n") == [standfirst, BODY_ONE]


def test_scraped_page_without_title_has_none() -> None:
    article = extract_scraped(_raw(_page(BODY_ONE, "", BODY_TWO)))
    assert article.title is None
    assert article.text.split("\n\n") == [BODY_ONE, BODY_TWO]


def test_scraped_hard_wrapped_paragraphs_are_rejoined() -> None:
    text = _page(
        "Fishing deal signed",
        "",
        "The foreign ministers of Norway and Iceland met in Reykjavik on",
        "Tuesday and agreed to coordinate their positions on fishing quotas",
        "in the North Atlantic, officials said.",
        "",
        "The two governments will also set up a working group on search and",
        "rescue.",
    )
    labels = classify_lines(text)
    assert [label.kind for label in labels[2:5]] == ["body", "body", "body"]
    assert extract_scraped(_raw(text)).text.split("\n\n") == [
        "The foreign ministers of Norway and Iceland met in Reykjavik on Tuesday and agreed to "
        "coordinate their positions on fishing quotas in the North Atlantic, officials said.",
        "The two governments will also set up a working group on search and rescue.",
    ]


def test_scraped_classify_lines_returns_one_label_per_line() -> None:
    text = _page("Menu", "", "Fishing deal signed", BODY_ONE, "", "Leave a Reply")
    labels = classify_lines(text)
    assert [label.text for label in labels] == text.splitlines()
    assert [label.keep for label in labels] == [False, False, True, True, False, False]
    assert labels[1].kind == "blank"


# --- Article fields and rejections -----------------------------------------------------


def test_scraped_container_date_and_fields_win_and_are_copied() -> None:
    raw = _raw(
        _page("Fishing deal signed", "June 3, 2019", BODY_ONE),
        published=date(2019, 6, 4),
        outlet="North Atlantic Herald",
        url="https://example.org/fishing",
        record="7",
    )
    article = extract_scraped(raw)
    assert article.published == date(2019, 6, 4)
    assert (article.outlet, article.url, article.record, article.source) == (
        "North Atlantic Herald",
        "https://example.org/fishing",
        "7",
        "test.txt",
    )
    assert (article.doc_id, article.hash) == (raw.doc_id, raw.hash)
    assert article.language == "en"


def test_scraped_page_of_furniture_only_is_rejected_with_e201() -> None:
    text = _page(
        "Home", "News", "Sport", "", "Share this:", "Facebook", "", "© 2020 Herald. All rights reserved."
    )
    with pytest.raises(EventwireError) as caught:
        extract_scraped(_raw(text))
    assert caught.value.code == "E201"


def test_scraped_empty_page_is_rejected_with_e201() -> None:
    with pytest.raises(EventwireError) as caught:
        extract_scraped(_raw("   \n\n"))
    assert caught.value.code == "E201"


def test_scraped_page_of_short_sentences_still_has_an_article() -> None:
    text = _page("Menu", "", "Turkey shuts its border", "", "Turkey closed its border.", "", "Back to top")
    article = extract_scraped(_raw(text))
    assert article.text == "Turkey closed its border."
    assert article.title == "Turkey shuts its border"


def test_scraped_list_items_inside_article_are_kept() -> None:
    items = [
        "The two ministers also:",
        "• agreed to share catch data every month;",
        "• set up a joint coastguard patrol;",
        "• discussed the whaling moratorium.",
    ]
    text = _page("Fishing deal signed", BODY_ONE, "", *items, "", BODY_TWO, "", "• Home", "• Contact")
    assert extract_scraped(_raw(text)).text.split("\n\n") == [BODY_ONE, *items, BODY_TWO]


def test_scraped_author_bio_and_disclaimer_are_dropped() -> None:
    bio = "Anne Dahl is a senior fellow at a Nordic policy institute."
    disclaimer = "The views expressed in this article are the author's own."
    text = _page("Why the fishing talks failed", bio, "June 3, 2019", "", BODY_ONE, BODY_TWO, disclaimer)
    kinds = _kinds(text)
    assert kinds[bio] == "byline"
    assert kinds[disclaimer] == "credit"
    assert extract_scraped(_raw(text)).text.split("\n\n") == [BODY_ONE, BODY_TWO]


def test_scraped_short_sentences_with_wide_spacing_are_not_a_menu() -> None:
    text = _page("Fishing deal signed", BODY_ONE, "Talks end.  Nothing agreed.", "", "News   Sport   Weather")
    kinds = _kinds(text)
    assert kinds["Talks end.  Nothing agreed."] == "body"
    assert kinds["News   Sport   Weather"] == "nav"
