from __future__ import annotations

import pytest

from kb.extract.quantities import parse_quantity


@pytest.mark.parametrize(
    ("phrase", "qualifier", "value", "lo", "hi"),
    [
        ("seven", "exact", 7, 7, 7),
        ("Three hundred", "exact", 300, 300, 300),
        ("2,400", "exact", 2400, 2400, 2400),
        ("a dozen", "exact", 12, 12, 12),
        ("a pair of", "exact", 2, 2, 2),
        ("three dozen", "exact", 36, 36, 36),
        ("four thousand two hundred", "exact", 4200, 4200, 4200),
        ("thirty-six", "exact", 36, 36, 36),
        ("about 350", "approximate", 350, None, None),
        ("some 90", "approximate", 90, None, None),
        ("an estimated 7,000", "approximate", 7000, None, None),
        ("nearly 60", "approximate", 60, None, None),
        ("around forty", "approximate", 40, None, None),
        ("as many as 800", "at_most", None, None, 800),
        ("up to 16", "at_most", None, None, 16),
        ("fewer than 30", "at_most", None, None, 29),
        ("at least 12", "at_least", 12, 12, None),
        ("more than 40", "at_least", None, 41, None),
        ("over 1,000", "at_least", None, 1001, None),
        ("six or seven", "range", None, 6, 7),
        ("between 30 and 35", "range", None, 30, 35),
        ("200-250", "range", None, 200, 250),
        ("from 8 to 10", "range", None, 8, 10),
        ("several", "vague", None, None, None),
        ("dozens of", "vague", None, None, None),
        ("hundreds of", "vague", None, None, None),
        ("thousands of", "vague", None, None, None),
        ("several thousand more", "vague", None, None, None),
        ("1,200 additional", "exact", 1200, 1200, 1200),
        ("a fifth", "exact", 1, 1, 1),
        ("", "unspecified", None, None, None),
        ("the", "unspecified", None, None, None),
    ],
)
def test_count_phrases(phrase, qualifier, value, lo, hi):
    q = parse_quantity(phrase)
    assert (q.qualifier, q.value, q.min, q.max) == (qualifier, value, lo, hi)


def test_stated_as_keeps_the_words():
    assert parse_quantity("roughly 1,200").stated_as == "roughly 1,200"
