"""Phenomena that span names, facilities and sentences, on sentences written for these tests."""

from __future__ import annotations

from kb.extract.pipeline import _candidate
from kb.extract.sentences import split_sentences


def rows(ex):
    return [c.to_json() for c in ex.claims]


def test_named_vessel_is_one_ship_of_its_navy(run):
    got = rows(run("HMS Defender has sailed into the port of Odessa, the Royal Navy said."))
    assert len(got) == 1
    c = got[0]
    assert (c["item_class"], c["quantity"]["value"], c["actor"]) == ("Ship", 1, "United Kingdom")
    assert c["item_text"] == "HMS Defender"


def test_class_noun_followed_by_a_ship_name(run):
    c = rows(run("The Indian frigate Talwar arrived in the Gulf of Aden on Friday."))[0]
    assert (c["item_class"], c["quantity"]["qualifier"], c["quantity"]["value"]) == (
        "Ship",
        "exact",
        1,
    )
    assert c["actor"] == "India"


def test_unknown_named_facility_keeps_its_toponym(run):
    c = rows(run("Eighty Canadian soldiers arrived at Zorvana Air Base in Latvia on Monday."))[0]
    assert (c["location_name"], c["country"]) == ("Zorvana", "Latvia")


def test_coordinated_nationalities_give_one_claim_each(run):
    got = rows(run("Polish and Czech troops were sent to Latvia in the spring."))
    assert sorted(c["actor"] for c in got) == ["Czechia", "Poland"] or sorted(
        c["actor"] for c in got
    ) == ["Czech Republic", "Poland"]


def test_coordinated_places_give_one_claim_each(run):
    got = rows(run("Russia keeps S-400 launchers at Hmeimim and at its naval facility in Tartus."))
    assert [c["location_name"] for c in got] == ["Hmeimim", "Tartus"]


def test_a_unit_of_soldiers_is_a_personnel_claim(run):
    got = rows(run("Berlin will station a brigade of about 4,500 soldiers in Lithuania."))
    assert [(c["item_class"], c["quantity"]["value"]) for c in got] == [("Personnel", 4500)]
    units = rows(run("Moscow has moved three battalion tactical groups to Crimea."))
    assert [(c["item_class"], c["quantity"]["value"]) for c in units] == [("Unit", 3)]


def test_headline_gives_no_claim(run):
    from datetime import date

    from kb.document import document_from_text
    from kb.extract import extract

    text = "Russia sends 50 tanks to Crimea\n\nThe move worried diplomats in Kyiv."
    report = document_from_text(text, "h", {"published": date(2021, 4, 1)})
    assert report.title == "Russia sends 50 tanks to Crimea"
    assert extract(report).claims == []


def test_place_and_status_carry_to_the_next_sentence(run):
    got = rows(
        run(
            "Six Rafale jets landed at an air base near Constanta on Monday. "
            "Flight data showed an A400M transport plane alongside them."
        )
    )
    assert [c["location_name"] for c in got] == ["Constanta", "Constanta"]
    assert [c["status"] for c in got] == ["arriving", "arriving"]


def test_no_claim_for_fired_munitions_requests_or_alerts(run):
    for text in (
        "Iran fired about 200 ballistic missiles at targets in Israel.",
        "Kyiv renewed its request for fighter jets and tanks from its allies.",
        "Some 2,000 paratroopers in Italy were put on alert for a possible move.",
    ):
        assert run(text).claims == [], text


def test_a_later_definite_reference_at_a_new_place_is_a_new_claim(run):
    ex = run(
        "Two THAAD launchers arrived at Osan Air Base on Monday. "
        "The battery will later be set up in Seongju."
    )
    got = rows(ex)
    assert [c["location_name"] for c in got] == ["Osan", "Seongju"]
    assert got[1]["status"] == "planned"


def test_sentence_splitter_keeps_abbreviations():
    text = "U.S. officials said Gen. Smith met Mr. Ivanov on Sept. 12 in Washington. It rained."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "U.S. officials said Gen. Smith met Mr. Ivanov on Sept. 12 in Washington.",
        "It rained.",
    ]


def test_prefilter_skips_sentences_without_items(catalog):
    from kb.extract import lexicon_for

    lex = lexicon_for(catalog)
    assert _candidate("Russia has deployed T-90 tanks.", lex)
    assert _candidate("Four Su-34s flew in.", lex)
    assert not _candidate("The minister met his counterpart in the capital on Friday.", lex)


def test_run_on_text_stays_fast_and_offsets_hold(run):
    """A 100 KB "sentence" (a pasted table, a list) is cut into bounded pieces."""
    import time

    text = "Russia deployed 40 tanks, " * 4000 + "and 12 jets to Latakia."
    t0 = time.perf_counter()
    ex = run(text)
    assert time.perf_counter() - t0 < 20  # quadratic behaviour would take minutes
    assert ex.claims
    for c in ex.claims:
        assert ex.report.text[c.sentence.start : c.sentence.end] == c.sentence.text
        assert len(c.sentence.text) <= 1000


def test_possessive_owner_of_a_base_is_the_actor_not_the_country(run):
    c = rows(
        run("Beijing's naval base near the port of Doraleh houses about 400 Chinese personnel.")
    )[0]
    assert c["actor"] == "China"
    assert c["location_name"] == "Doraleh"


def test_speakers_are_not_deployers(run):
    got = rows(
        run(
            "Russia has sent eight Il-76 transport planes to Crimea. "
            "Ukrainian border guards said six more helicopters had crossed into Crimea."
        )
    )
    assert [c["actor"] for c in got] == ["Russia", "Russia"]


def test_the_story_keeps_the_first_name_of_a_facility(run):
    got = rows(
        run(
            "Russia has moved 20 jets to an air base near Latakia. "
            "State television showed the base, which Moscow calls Hmeimim. "
            "Four helicopters are also at the airfield."
        )
    )
    assert [c["location_name"] for c in got] == ["Latakia", "Latakia"]


def test_ordered_to_a_place_is_a_deployment_and_two_named_ships_stay_two(run):
    got = rows(
        run(
            "The defence secretary ordered the aircraft carrier USS Dwight D. Eisenhower to the "
            "eastern Mediterranean, where it will join the USS Gerald R. Ford, officials said."
        )
    )
    assert [c["item_text"] for c in got] == [
        "aircraft carrier USS Dwight D. Eisenhower",
        "USS Gerald R. Ford",
    ]
    assert {c["actor"] for c in got} == {"United States"}


def test_withdrawal_with_a_describing_participle_and_a_conveyance(run):
    got = rows(
        run(
            "The last of France's 1,500 soldiers stationed in Niger left the country on Friday. "
            "The final 150 troops flew out of Niamey aboard an A400M transport aircraft."
        )
    )
    assert [(c["item_text"], c["status"]) for c in got] == [
        ("soldiers", "withdrawn"),
        ("troops", "withdrawn"),
    ]
    assert got[1]["location_name"] == "Niamey"


def test_plural_names_landings_and_compass_places(run):
    got = rows(run("Some 1,700 Marines waded ashore on beaches south of Beirut on Tuesday."))
    assert [(c["quantity"]["value"], c["location_name"], c["status"]) for c in got] == [
        (1700, "Beirut", "arriving")
    ]
    tornados = rows(run("Germany moved six Tornados to Al Azraq air base in Jordan."))
    assert [(c["item_model"], c["quantity"]["value"]) for c in tornados] == [("Tornado", 6)]
