"""The line classifier on the shapes real pages share: any language, blocks, cards, copies.

Pages here are written for these tests in the layout real scraped pages have (one block element
a line, no blank lines): menus, teaser cards, comment threads, legal text, a second copy of the
article. What decides is the page's structure, so pages in other languages are cleaned too.
"""

from __future__ import annotations

import pytest

from eventwire.errors import EventwireError
from eventwire.extract.scraped import classify_lines, extract_scraped
from eventwire.records import RawDocument

BODY = [
    "The foreign ministers of Norway and Iceland met in Reykjavik on Tuesday and agreed to coordinate "
    "their positions on fishing quotas in the North Atlantic before the next round of talks.",
    "Officials said the two governments would also set up a working group on search and rescue "
    "operations, which is due to report to both parliaments before the end of the year.",
    "Iceland's minister said the talks had been friendly and constructive, and that a further meeting "
    "would follow in Oslo in the spring, once the working group has met for the first time.",
]
MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"]


def _raw(text: str) -> RawDocument:
    return RawDocument(text=text, format="text", source="test.txt")


def _article(*lines: str) -> str:
    return extract_scraped(_raw("\n".join(lines))).text


def test_structure_spanish_page_is_cleaned_without_english_words() -> None:
    body = [
        "Los ministros de Exteriores de España y Portugal se reunieron el martes en Lisboa y acordaron "
        "coordinar sus posiciones sobre la gestión del agua de los ríos que comparten.",
        "Según fuentes oficiales, los dos gobiernos crearán además un grupo de trabajo sobre incendios "
        "forestales, que deberá presentar sus conclusiones antes de que termine el año.",
        "El ministro portugués dijo que las conversaciones habían sido cordiales y que habrá una nueva "
        "reunión en Madrid en primavera, cuando el grupo de trabajo se haya reunido.",
    ]
    text = _article(
        "Inicio", "Internacional", "Política", "Economía", "Deportes", "Cultura", "Opinión",
        "España y Portugal acuerdan coordinar la gestión del agua",
        "Por María López",
        "12 de marzo de 2024",
        *body,
        "Noticias relacionadas",
        "El Gobierno aprueba el nuevo plan de regadíos para el Guadiana",
        "Portugal pide a Bruselas más fondos para la sequía",
        "Los embalses del Tajo, al 40 por ciento de su capacidad",
        "Aviso legal",
        "Política de privacidad",
    )  # fmt: skip
    assert text.split("\n\n") == body


def test_structure_japanese_page_is_cleaned() -> None:
    body = [
        "日本と韓国の外相は火曜日にソウルで会談し、漁業資源の管理について協力することで合意した。",
        "両政府は捜索救助に関する作業部会も設置し、年末までに報告書をまとめる予定だと当局者は述べた。",
        "日本の外相は会談が友好的で建設的だったと述べ、春には東京で再び会談する考えを示した。",
    ]
    text = _article(
        "ホーム", "ニュース", "政治", "経済", "スポーツ", "文化",
        "日韓外相、漁業資源の管理で協力へ",
        "2024年3月12日",
        *body,
        "関連記事",
        "政府、新たな漁業支援策を発表",
        "韓国で漁業者の抗議活動が拡大",
        "日本海の水温上昇、漁獲量に影響",
        "© 2024 サンプル新聞",
    )  # fmt: skip
    assert text.split("\n\n") == body


def test_structure_article_is_the_heaviest_block_not_the_first_prose() -> None:
    blurb = "Our newsroom is supported by readers: when you buy through links on our site, we may earn a fee."
    text = _article(
        *MENU,
        blurb,
        "Home",
        "News",
        "Norway and Iceland agree on fishing talks",
        "By Jane Doe",
        *BODY,
    )
    assert text.split("\n\n") == BODY


def test_structure_teaser_cards_after_the_article_are_dropped() -> None:
    cards = []
    for number, day in ((1, 20), (2, 19), (3, 18)):
        cards += [
            f"Ministers meet again over quota number {number}",
            "John Smith",
            f"Wednesday November {day}, 2019",
            f"Talks on the quota number {number} resumed on Wednesday, with officials from both sides saying "
            "that a deal could be reached before the end of the month if the working group agrees.",
        ]
    text = _article(*MENU, "Norway and Iceland agree on fishing talks", *BODY, "More from the Herald", *cards)
    assert text.split("\n\n") == BODY


def test_structure_comment_thread_longer_than_the_article_is_dropped() -> None:
    comments = []
    for name in ("fisher_joe", "harbourmaster", "nordic_view", "sea_wolf", "old_skipper"):
        comments += [
            f"{name} says:",
            "November 19, 2019 at 6:34 am",
            "The small boats will pay for this deal, as they always do, and nobody in either capital seems "
            "to care about the harbours that will be empty by the end of next year.",
        ]
    text = _article(*MENU, "Norway and Iceland agree on fishing talks", *BODY, "5 responses to this story",
                    *comments)  # fmt: skip
    assert text.split("\n\n") == BODY


def test_structure_comment_cue_in_a_share_row_above_the_article_does_not_end_it() -> None:
    standfirst = "Two northern neighbours settle their differences over fish."
    text = _article(
        *MENU, "Norway and Iceland agree on fishing talks", standfirst, "Tweet", "Share", "Comment", *BODY
    )
    for paragraph in BODY:
        assert paragraph in text.split("\n\n")


def test_structure_second_copy_of_the_article_is_dropped() -> None:
    text = _article(*MENU, "Norway and Iceland agree on fishing talks", *BODY, *MENU, *BODY)
    assert text.split("\n\n") == BODY


def test_structure_legal_text_under_the_copyright_line_is_not_the_article() -> None:
    legal = [
        "The information provided on this website is for general purposes only and does not constitute "
        "professional advice of any kind; consult a qualified adviser before acting on any of it.",
        "Results vary from person to person, and nothing on these pages is a promise of any outcome, "
        "which depends on many circumstances beyond the control of the publisher or its partners.",
        "Trademarks and logos shown on this website belong to their owners, who do not endorse the "
        "publisher, and are used here only to identify the products and services that they name.",
        "Some pages carry links to partners' websites; the publisher is not responsible for their "
        "content or their privacy practices, and a link does not mean that the publisher endorses them.",
    ]
    # Once an article-sized block (ARTICLE_MIN_MASS) is above it: a copyright line can also
    # sit at the head of a page, over the article.
    text = _article(*MENU, "Norway and Iceland agree on fishing talks", *BODY, "Contact", "Privacy",
                    "© 2019 The Herald. All rights reserved.", *legal)  # fmt: skip
    assert text.split("\n\n") == BODY


def test_structure_unended_list_items_in_the_article_are_kept() -> None:
    items = [
        "June 9 in Bergen at the harbour conference centre",
        "June 12 in Reykjavik at the parliament building",
        "June 20 in Oslo at the foreign ministry",
    ]
    title = "Norway and Iceland agree on fishing talks"
    text = _article(*MENU, title, *BODY[:2], "The talks will meet on these dates:", *items, BODY[2])
    for line in items:
        assert line in text.split("\n\n")


def test_structure_prose_far_below_the_article_is_not_kept() -> None:
    notice = (
        "The Herald customer service centre can be contacted with any questions or requests about "
        "subscriptions and deliveries on weekdays between nine in the morning and five in the afternoon."
    )
    teasers = [f"Fishing fleet news headline number {n} for the region" for n in range(1, 12)]
    text = _article(*MENU, "Norway and Iceland agree on fishing talks", *BODY, "Latest", *teasers, notice)
    assert text.split("\n\n") == BODY


def test_structure_sports_table_page_has_no_article() -> None:
    rows = [f"{pos} Driver Number{pos} {5000 - 40 * pos} {pos % 3} {20 - pos}" for pos in range(1, 21)]
    with pytest.raises(EventwireError) as caught:
        _article(*MENU, "Standings", "Pos. Driver Points Wins Poles Top 5", *rows, "© 2019 Racing Site")
    assert caught.value.code == "E201"


def test_structure_repeat_kind_is_labelled() -> None:
    labels = classify_lines("\n".join([*MENU, "Norway and Iceland agree on fishing talks", *BODY, *BODY]))
    kinds = [label.kind for label in labels if label.text in BODY]
    assert kinds == ["body"] * 3 + ["repeat"] * 3
