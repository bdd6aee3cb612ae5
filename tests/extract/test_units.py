"""Small components on their own: time expressions, attribution frames, tokens."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract.attribution import find_attribution
from kb.extract.dates import resolve_time
from kb.extract.tokens import tokenize

FRIDAY = date(2021, 3, 12)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the jets arrived on Friday", date(2021, 3, 12)),
        ("the jets arrived on Tuesday", date(2021, 3, 9)),
        ("they landed yesterday", date(2021, 3, 11)),
        ("ships docked three days ago", date(2021, 3, 9)),
        ("troops moved in last week", date(2021, 3, 5)),
        ("bombers flew in last month", date(2021, 2, 1)),
        ("on Feb. 27 the convoy crossed", date(2021, 2, 27)),
        ("on December 3 the unit arrived", date(2020, 12, 3)),  # no future dates
        ("on May 9, 2019 the parade", date(2019, 5, 9)),
        ("in the past 10 days", None),
    ],
)
def test_time_expressions(phrase, expected):
    assert resolve_time(phrase, FRIDAY) == expected


def test_time_needs_a_publication_date_unless_absolute():
    assert resolve_time("on Monday", None) is None
    assert resolve_time("on May 9, 2019", None) == date(2019, 5, 9)


@pytest.mark.parametrize(
    ("sentence", "label", "anonymous"),
    [
        (
            "Ten tanks crossed, a senior Western diplomat in Vienna said.",
            "a senior Western diplomat",
            True,
        ),
        (
            "Ten tanks crossed, said a spokeswoman for the ministry.",
            "a spokeswoman for the ministry",
            True,
        ),
        ("Japanese officials say 300 troops landed.", "Japanese officials", True),
        (
            "A Polish general told Reuters on Monday that 40 tanks had arrived.",
            "A Polish general",
            True,
        ),
        (
            "Twelve jets landed, according to the Lithuanian Defence Ministry.",
            "the Lithuanian Defence Ministry",
            False,
        ),
        (
            "Two ships docked, Navy spokesman Tom Brady said, and more are due.",
            "Navy spokesman Tom Brady",
            False,
        ),
    ],
)
def test_attribution_frames(sentence, label, anonymous):
    found = find_attribution(sentence)
    assert found is not None and found.label == label
    assert sentence[found.start : found.end] == label
    assert found.anonymous is anonymous


def test_no_attribution_without_a_speaker():
    assert find_attribution("Russia has deployed 40 tanks to the border.") is None
    assert find_attribution("It said nothing, and the tanks stayed.") is None


def test_tokens_keep_designations_numbers_and_possessives_apart():
    words = [
        t.text for t in tokenize("Russia's 1,500 Su-27s and F/A-18 jets, U.S. officials said.")
    ]
    assert words == [
        "Russia",
        "'s",
        "1,500",
        "Su-27s",
        "and",
        "F/A-18",
        "jets",
        ",",
        "U.S.",
        "officials",
        "said",
        ".",
    ]
    keys = [t.key for t in tokenize("SU-27 Su27 su-27")]
    assert keys == ["su27", "su27", "su27"]


def test_a_past_year_is_not_the_publication_date(run):
    past = run("Moscow moved Iskander missile systems to Kaliningrad in 2018.").claims[0]
    assert past.valid_at is None
    now = run("Moscow moved Iskander missile systems to Kaliningrad on Monday.").claims[0]
    assert now.valid_at == date(2021, 3, 8)
