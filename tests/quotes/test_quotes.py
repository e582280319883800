"""Direct quotations and their speakers (eventwire.quotes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from eventwire.quotes import extract_quotes
from eventwire.quotes.marks import find_marked
from eventwire.records import Actor, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

# Canonical names the test resolver knows by surname; the real resolver is the actor dictionary.
PEOPLE = {
    "Lavrov": "Sergei Lavrov",
    "Baerbock": "Annalena Baerbock",
    "Wang": "Wang Yi",
    "Scholz": "Olaf Scholz",
    "Koval": "Olena Koval",
    "Salim": "Ahmed Salim",
    "Borrell": "Josep Borrell",
}
BODY_HEADS = {"ministry", "agency", "army", "government"}


def resolve(span: Span) -> str | None:
    """Map a mention to a name: people by surname, bodies by their words, anything else to None."""
    names = [e for e in span.ents if e.label_ == "PERSON"]
    for word in reversed([t.text for t in span]):
        if word in PEOPLE:
            return PEOPLE[word]
    if names:
        return names[-1].text
    if span.root.lemma_.lower() in BODY_HEADS:
        return " ".join(w.capitalize() for w in span.text.split() if w.lower() not in ("the", "a"))
    return None


@pytest.fixture(scope="session")
def nlp() -> Language:
    from eventwire.annotate.model import load_nlp

    try:
        return load_nlp()
    except Exception as exc:  # the model package is an install-time dependency
        pytest.skip(f"spaCy model not available: {exc}")


def quotes_of(nlp: Language, text: str, resolver=resolve) -> list[Quote]:
    return extract_quotes(nlp(text), "doc-1", resolver)


def pairs(quotes: list[Quote]) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in quotes]


# --- finding the marks (no model needed) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will respond," he said.', ["We will respond,"]),
        ("“We will respond,” he said.", ["We will respond,"]),
        ("‘We will respond,’ he said.", ["We will respond,"]),
        ("He said 'we will respond' and left.", ["we will respond"]),
        ("“Russia’s position won’t change,” he said.", ["Russia’s position won’t change,"]),
        ("It's the countries' best chance, isn't it?", []),
        ("\"They said 'never again' to us,\" she said.", ["They said 'never again' to us,"]),
        ('"First paragraph.\n\n"Second paragraph," he said.', ["First paragraph. Second paragraph,"]),
        ('A stray " mark.\nThen "a real one" here.', ["a real one"]),
        ('"A," she said, "b."', ["A,", "b."]),
    ],
)
def test_quotes_marks_find_quotations(text: str, expected: list[str]) -> None:
    assert [m.text(text) for m in find_marked(text)] == expected


# --- attribution (needs the spaCy model) ---


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "quoted", "rule"),
    [
        (
            '"We will not give in to pressure," Lavrov said.',
            "Sergei Lavrov",
            "We will not give in to pressure,",
            "quote-said-after",
        ),
        (
            '"Talks will go on next week," said Sergei Lavrov.',
            "Sergei Lavrov",
            "Talks will go on next week,",
            "quote-said-after",
        ),
        (
            'Lavrov said: "Our position has not changed."',
            "Sergei Lavrov",
            "Our position has not changed.",
            "colon-before",
        ),
        (
            'Lavrov told reporters that "no decision has been taken" on the matter.',
            "Sergei Lavrov",
            "no decision has been taken",
            "partial",
        ),
        (
            'Josep Borrell described the arrests as "a grave mistake".',
            "Josep Borrell",
            "a grave mistake",
            "partial",
        ),
        (
            "Wang accused Washington of “economic coercion” on Friday.",
            "Wang Yi",
            "economic coercion",
            "partial",
        ),
        (
            "Ties with Moscow “have never been stronger” according to the Chinese Foreign Minister Wang.",
            "Wang Yi",
            "have never been stronger",
            "according-to",
        ),
        (
            '"The talks were useful. We agreed on a timetable. More work is needed," Wang said.',
            "Wang Yi",
            "The talks were useful. We agreed on a timetable. More work is needed,",
            "quote-said-after",
        ),
        (
            "‘We will answer any provocation,’ Wang said.",
            "Wang Yi",
            "We will answer any provocation,",
            "quote-said-after",
        ),
    ],
)
def test_quotes_attribution_patterns(nlp: Language, text: str, speaker: str, quoted: str, rule: str) -> None:
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [(speaker, quoted)]
    assert quotes[0].rule == rule
    assert quotes[0].doc_id == "doc-1"


@pytest.mark.slow
def test_quotes_pronoun_takes_the_last_person(nlp: Language) -> None:
    text = 'Sergei Lavrov met reporters in Moscow on Friday. "The door remains open," he added.'
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [("Sergei Lavrov", "The door remains open,")]
    assert quotes[0].rule == "quote-said-after/pronoun"
    assert quotes[0].sentence_index == 1


@pytest.mark.slow
def test_quotes_split_quote_is_one_quote(nlp: Language) -> None:
    text = 'Annalena Baerbock spoke in Berlin. "We are ready to talk," she said, "but not under threats."'
    assert pairs(quotes_of(nlp, text)) == [
        ("Annalena Baerbock", "We are ready to talk, but not under threats.")
    ]


@pytest.mark.slow
def test_quotes_separate_sentences_keep_the_speaker(nlp: Language) -> None:
    text = '"We are ready to talk," Baerbock said. "Threats will not help anyone."'
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [
        ("Annalena Baerbock", "We are ready to talk,"),
        ("Annalena Baerbock", "Threats will not help anyone."),
    ]
    assert quotes[1].rule == "continuation-prev-speaker"


@pytest.mark.slow
def test_quotes_two_partial_quotes_of_one_verb(nlp: Language) -> None:
    text = 'Josep Borrell called the arrests "unacceptable" and "a breach of basic rights".'
    assert pairs(quotes_of(nlp, text)) == [
        ("Josep Borrell", "unacceptable"),
        ("Josep Borrell", "a breach of basic rights"),
    ]


@pytest.mark.slow
def test_quotes_relative_pronoun_takes_its_antecedent(nlp: Language) -> None:
    text = (
        "Rescue work went on overnight, according to Olena Koval, head of the regional council, "
        'who said the toll "could rise further".'
    )
    assert pairs(quotes_of(nlp, text)) == [("Olena Koval", "could rise further")]


@pytest.mark.slow
def test_quotes_participle_hands_over_to_its_subject(nlp: Language) -> None:
    text = (
        "General Ahmed Salim on Monday refused to meet the envoy, saying there could be no talks "
        '"while the shelling continues".'
    )
    assert pairs(quotes_of(nlp, text)) == [("Ahmed Salim", "while the shelling continues")]


@pytest.mark.slow
def test_quotes_title_refers_back_to_the_named_person(nlp: Language) -> None:
    text = (
        "Federal Chancellor Olaf Scholz met Premier Li Qiang in Berlin on Tuesday.\n\n"
        '"We expect real progress on trade," the Chancellor said.'
    )
    quotes = quotes_of(
        nlp, text, resolver=lambda span: None if span.root.lower_ == "chancellor" else resolve(span)
    )
    assert pairs(quotes) == [("Olaf Scholz", "We expect real progress on trade,")]
    assert quotes[0].rule.endswith("/title")


@pytest.mark.slow
def test_quotes_body_gets_its_full_noun_phrase(nlp: Language) -> None:
    seen: list[str] = []

    def recording(span: Span) -> str | None:
        seen.append(span.text)
        return resolve(span)

    text = 'The Chinese foreign ministry said in a statement that the curbs were "unlawful and unacceptable".'
    quotes = quotes_of(nlp, text, resolver=recording)
    assert seen == ["The Chinese foreign ministry"]
    assert pairs(quotes) == [("Chinese Foreign Ministry", "unlawful and unacceptable")]


@pytest.mark.slow
def test_quotes_spokesman_speaks_for_the_body(nlp: Language) -> None:
    text = 'A spokesman for the Japanese defence ministry said the launch was "a serious provocation".'
    assert pairs(quotes_of(nlp, text)) == [("Japanese Defence Ministry", "a serious provocation")]


@pytest.mark.slow
def test_quotes_unresolved_speaker_drops_the_quote(nlp: Language) -> None:
    text = '"The fund will support joint projects in the region," the document released at the forum said.'
    assert quotes_of(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Officials from both countries discussed the "Belt and Road" project on Friday.',
        'Lavrov said Moscow backs the so-called "peace formula" talks.',
        "Russia's envoy didn't say much, and the ministers' meeting ended early.",
    ],
)
def test_quotes_names_scare_quotes_and_apostrophes_are_not_quotes(nlp: Language, text: str) -> None:
    assert quotes_of(nlp, text) == []


@pytest.mark.slow
def test_quotes_single_quotes_inside_double_stay_in_the_text(nlp: Language) -> None:
    text = "\"They promised us 'never again' and we believed them,\" Lavrov said."
    assert pairs(quotes_of(nlp, text)) == [
        ("Sergei Lavrov", "They promised us 'never again' and we believed them,")
    ]


@pytest.mark.slow
def test_quotes_multi_paragraph_quote_is_one_quote(nlp: Language) -> None:
    text = '"The talks were useful.\n\n"More work is needed before the summit," Wang said.'
    assert pairs(quotes_of(nlp, text)) == [
        ("Wang Yi", "The talks were useful. More work is needed before the summit,")
    ]


@pytest.mark.slow
def test_quotes_headline_colon_names_the_speaker(nlp: Language) -> None:
    text = 'Lavrov: "We will respond to any new sanctions"\n\nMoscow reacted angrily on Friday.'
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [("Sergei Lavrov", "We will respond to any new sanctions")]
    assert quotes[0].rule == "headline-colon"


@pytest.mark.slow
def test_quotes_actor_from_resolver_is_kept(nlp: Language) -> None:
    lavrov = Actor("Sergei Lavrov", "RUS", "GOV", kind="person")
    quotes = quotes_of(nlp, '"Nothing has changed," Lavrov said.', resolver=lambda span: lavrov)
    assert [(q.speaker, q.speaker_actor) for q in quotes] == [("Sergei Lavrov", lavrov)]


@pytest.mark.slow
def test_quotes_attribution_does_not_cross_paragraphs(nlp: Language) -> None:
    text = '"We expect Beijing to act."\nPremier Li warned against "politicising trade".'
    quotes = quotes_of(nlp, text, resolver=lambda span: "Li Qiang" if "Li" in span.text else None)
    assert pairs(quotes) == [("Li Qiang", "politicising trade")]


@pytest.mark.slow
def test_quotes_statement_speaks_for_its_issuer(nlp: Language) -> None:
    text = "The army's statement said the operation had been 'carried out with precision'."
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [("Army", "carried out with precision")]
    assert quotes[0].rule == "partial/issuer"


@pytest.mark.slow
def test_quotes_bare_body_noun_refers_back_to_the_named_body(nlp: Language) -> None:
    text = (
        "Japan's defence ministry said a missile fell into the sea on Monday.\n\n"
        'The ministry described the launch as "reckless".'
    )
    quotes = quotes_of(nlp, text, resolver=lambda span: resolve(span) if span.ents else None)
    assert pairs(quotes) == [("Japan's Defence Ministry", "reckless")]
    assert quotes[0].rule == "partial/same-body"


@pytest.mark.slow
def test_quotes_named_person_governing_a_long_quote_without_speech_verb(nlp: Language) -> None:
    text = 'Sergei Lavrov hoped the visit would open "a new chapter in our relations".'
    quotes = quotes_of(nlp, text)
    assert pairs(quotes) == [("Sergei Lavrov", "a new chapter in our relations")]
    assert quotes[0].rule == "governing"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Lavrov visited the "frontline" town on Friday.',
        'The army has massed troops near "the border with its western neighbour".',
    ],
)
def test_quotes_no_speech_verb_no_named_person_is_no_quote(nlp: Language, text: str) -> None:
    assert quotes_of(nlp, text) == []


@pytest.mark.slow
def test_quotes_multi_sentence_quote_keeps_its_middle_sentence_in_a_pipeline_run():
    """Regression: the annotator parsed only sentences with a mark, so a quote lost its middle."""
    from datetime import date

    from eventwire.coding import code_text

    text = (
        "Sergei Lavrov spoke after the talks.\n\n"
        '"Our answer is clear. The weather was mild for weeks. We will respond," Lavrov said.'
    )
    (quote,) = code_text(text, published=date(2024, 5, 10)).quotes
    assert quote.text == "Our answer is clear. The weather was mild for weeks. We will respond,"
    assert quote.speaker == "Sergei Lavrov"
    assert quote.sentence_index == 1
