"""Extraction phenomena, each on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest


def claims(ex):
    return [c.to_json() for c in ex.claims]


def one(ex):
    got = claims(ex)
    assert len(got) == 1, got
    return got[0]


def qty(c):
    q = c["quantity"]
    return (q["qualifier"], q["value"], q["min"], q["max"])


# ---------------------------------------------------------------- mentions


def test_manufacturer_designation_nato_name_and_head_are_one_mention(run):
    c = one(run("Russia has flown six Sukhoi Su-27 Flanker interceptors to Latakia."))
    assert c["item_model"] == "Su-27"
    assert c["item_class"] == "FighterAircraft"
    assert c["item_text"] == "Sukhoi Su-27 Flanker interceptors"
    assert qty(c) == ("exact", 6, 6, 6)


def test_nato_name_needs_a_head_or_capital(run):
    c = one(run("Moscow has stationed eight Hind gunships in Tartus."))
    assert (c["item_model"], c["item_class"]) == ("Mi-24", "AttackHelicopter")
    # the ordinary word "hip" is not the helicopter
    assert run("The soldier hurt his hip in Tartus, where he was deployed.").claims == []


def test_generic_heads(run):
    got = claims(run("Britain has deployed tanks, artillery pieces and paratroopers to Estonia."))
    assert [c["item_class"] for c in got] == ["Tank", "Artillery", "Personnel"]
    assert all(c["country"] == "Estonia" for c in got)


def test_unknown_designation_is_classed_by_its_head(run):
    c = one(run("China has sent four Z-19 attack helicopters to the border, officials said."))
    assert c["item_class"] == "AttackHelicopter"
    assert c["item_model"] == "Z-19"


# ---------------------------------------------------------------- quantities


def test_number_words_and_approximations(run):
    got = claims(
        run(
            "Poland said about 1,500 American soldiers and two dozen Abrams tanks "
            "had been moved into Poland."
        )
    )
    assert [qty(c) for c in got] == [("approximate", 1500, None, None), ("exact", 24, 24, 24)]


def test_bounds_and_ranges(run):
    got = claims(
        run(
            "Russia has sent more than 30 tanks, as many as 600 troops and "
            "between 10 and 12 helicopters to Syria."
        )
    )
    assert [qty(c) for c in got] == [
        ("at_least", None, 31, None),
        ("at_most", None, None, 600),
        ("range", None, 10, 12),
    ]


def test_vague_and_unspecified(run):
    got = claims(run("Moscow has moved hundreds of troops to Crimea, along with artillery."))
    assert [c["quantity"]["qualifier"] for c in got] == ["vague", "unspecified"]


def test_a_vague_count_covers_two_joined_items(run):
    got = claims(run("Ankara sent dozens of tanks and howitzers across the border into Syria."))
    assert [c["quantity"]["qualifier"] for c in got] == ["vague", "vague"]


# ---------------------------------------------------------------- coordination


def test_each_item_keeps_its_count_and_shares_place_and_actor(run):
    got = claims(
        run(
            "The United States has deployed three F-16 fighter jets, two tanker aircraft "
            "and five drones at an air base in Poland."
        )
    )
    assert [c["quantity"]["value"] for c in got] == [3, 2, 5]
    assert {c["actor"] for c in got} == {"United States"}
    # a country alone is the country, not a location name
    assert {(c["location_name"], c["country"]) for c in got} == {(None, "Poland")}


# ---------------------------------------------------------------- places


def test_facility_near_a_city_and_references_back(run):
    ex = run(
        "Russia has built an air base near Latakia. "
        "Russia has also moved twelve tanks to the airfield. "
        "Four helicopters are already there, officials say."
    )
    got = claims(ex)
    assert [c["item_class"] for c in got] == ["Tank", "Helicopter"]
    for c in got:
        assert (c["location_name"], c["country"]) == ("Latakia", "Syria")
    assert got[0]["location_text"] == "the airfield"
    if got[0]["place_id"] is not None:
        assert got[0]["place_id"] != "latakia"  # the air base, not the city


# ---------------------------------------------------------------- actors


def test_actor_from_subject_adjective_and_discourse(run):
    ex = run(
        "Russia is expanding its presence in Syria. "
        "It has sent ten attack helicopters to Latakia. "
        "Some 300 American troops were deployed to Poland."
    )
    got = claims(ex)
    assert [c["actor"] for c in got] == ["Russia", "United States"]


# ---------------------------------------------------------------- attribution


def test_attribution_forms(run):
    a = one(run("Russia has sent 40 tanks to Syria, a senior NATO diplomat in Brussels said."))
    assert a["attributed_to"] == "a senior NATO diplomat"
    b = one(run("Two Russian warships have docked in Tartus, according to Turkish officials."))
    assert b["attributed_to"] == "Turkish officials"
    c = one(
        run("A British official told reporters that 150 British troops had arrived in Estonia.")
    )
    assert c["attributed_to"] == "A British official"


# ---------------------------------------------------------------- status


def test_statuses(run):
    assert one(run("Britain will send 100 soldiers to Estonia next month."))["status"] == "planned"
    assert one(run("Russia withdrew 30 tanks from Crimea on Monday."))["status"] == "withdrawn"
    assert one(run("Eight Russian bombers arrived in Syria on Tuesday."))["status"] == "arriving"
    assert one(run("Moscow denied that it had sent marines to Tartus."))["status"] == "denied"


def test_no_claim_for_negation_hypothesis_capacity_sale_loss_training(run):
    for text in (
        "Russia has not deployed any tanks to Syria.",
        "Washington could send 5,000 troops to Poland if the crisis deepens.",
        "Barracks have been built for as many as 3,000 personnel at the base in Tartus.",
        "Russia sold twelve Su-30 fighters to Syria last year.",
        "Two Russian helicopters were shot down over Syria.",
        "Only six of 50 rebels trained by the United States were still fighting in Syria.",
    ):
        assert run(text).claims == [], text


# ---------------------------------------------------------------- estimates, corroboration


def test_evolving_estimate_gives_two_linked_claims(run):
    ex = run(
        "A U.S. official said up to 900 Russian troops were now at the air base in Latakia, "
        "up from an earlier estimate of about 400."
    )
    later, earlier = ex.claims
    assert later.quantity.max == 900
    assert earlier.quantity.value == 400
    assert earlier.quantity.stated_as == "about 400"  # no sentence-final period
    assert earlier.superseded_by == 0
    assert earlier.valid_before == date(2021, 3, 12)


def test_corroboration_adds_an_attribution_not_a_claim(run):
    ex = run(
        "Russia has deployed four Su-24 attack jets to Latakia, a U.S. official said. "
        "A second official confirmed that the attack jets had been seen at the base."
    )
    assert len(ex.claims) == 1
    claim = ex.claims[0]
    assert [a.text for a in claim.attributions] == ["a U.S. official", "A second official"]
    assert claim.corroborations and "confirmed" in claim.corroborations[0].text


# ---------------------------------------------------------------- time and evidence


def test_relative_dates_resolve_against_publication(run):
    c = run("Russia sent six helicopters to Syria on Monday.", published=date(2021, 3, 12)).claims[
        0
    ]
    assert c.valid_at == date(2021, 3, 8)  # 12 March 2021 was a Friday
    unknown = run("Russia sent six helicopters to Syria on Monday.", published=None)
    assert unknown.claims[0].valid_at is None
    assert any("publication date unknown" in w for w in unknown.warnings)


def test_evidence_offsets_reproduce_the_text(run):
    ex = run(
        "Headline\n\nThe Kremlin says nothing. Russia has moved “modern” T-90 tanks and "
        "200 marines to Syria’s coast at Latakia, sources say."
    )
    text = ex.report.text
    assert ex.claims
    for c in ex.claims:
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
        assert text[c.mention.start : c.mention.end] == c.mention.text
        for a in c.attributions:
            assert text[a.span.start : a.span.end] == a.text


def test_unknown_proper_name_before_a_head_is_a_model(run):
    c = one(run("Paris has sent twelve Vextor armoured vehicles to Estonia."))
    assert (c["item_class"], c["item_model"], c["quantity"]["value"]) == ("Other", "Vextor", 12)


def test_a_unit_named_after_its_equipment_is_a_unit(run):
    c = one(run("Washington will move a Stryker squadron of about 900 troops to Romania."))
    assert (c["item_class"], c["quantity"]["value"]) == ("Personnel", 900)


def test_reported_would_is_a_plan_but_a_condition_is_not(run):
    c = one(run("Oslo said its allies would contribute 600 soldiers to the mission in Latvia."))
    assert c["status"] == "planned"
    assert run("Oslo said it would send 600 soldiers to Latvia if asked.").claims == []


def test_partitive_counts_the_part(run):
    c = one(run("Washington has withdrawn about 750 of its 1,000 troops from Niger."))
    assert (c["quantity"]["qualifier"], c["quantity"]["value"], c["status"]) == (
        "approximate",
        750,
        "withdrawn",
    )


def test_possession_with_a_place_is_presence(run):
    c = one(run("Paris now has between 2,500 and 2,900 soldiers in Mali."))
    assert (c["quantity"]["min"], c["quantity"]["max"], c["country"]) == (2500, 2900, "Mali")


def test_a_kind_of_base_is_not_an_item_and_once_is_a_condition(run):
    assert run("The Americans will leave a drone base near Agadez by August.").claims == []
    assert run("The force will shrink once the African troops are in place.").claims == []


def test_a_reference_that_changes_status_is_a_new_claim(run):
    ex = run(
        "Russia deployed six Tu-22M3 bombers to an air base near Hamadan. "
        "The ambassador confirmed that the bombers had left the airfield."
    )
    assert [c.status for c in ex.claims] == ["deployed", "withdrawn"]
    assert ex.claims[1].asset == ex.claims[0].asset


# ---------------------------------------------------------------- background, not deployments


@pytest.mark.parametrize(
    "text",
    [
        # force sizes and inventories: possession, no place
        "The Spanish army has roughly 75,000 active soldiers.",
        "Norway, which has only six working frigates, is buying more.",
        "The Italian navy's destroyers have 48 missile cells each.",
        # acquisitions and retirements
        "Greece has ordered 18 of the fighter jets and retired its oldest Mirage aircraft.",
        "Morocco leased three Heron drones from Israel in 2020.",
        # exercises, sorties, shows of force
        "Six Rafale jets took part in a NATO exercise over the Baltic last spring.",
        "Two Tu-95 bombers flew a 12-hour sortie over the Norwegian Sea.",
        "North Korea sent 30 warplanes around the peninsula during drills on Monday.",
        # composition, escorted vessels, home ports
        "Each flotilla is usually made up of three corvettes and a tanker.",
        "The Chinese navy's submarines are based at Sanya.",
        "The Egyptian navy operates four corvettes from Alexandria.",
    ],
)
def test_background_gives_no_claim(run, text):
    assert run(text).claims == [], text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The United States has about 900 troops in Syria.", 900),
        ("In Djibouti, Japan has some 180 personnel at its base.", 180),
        ("French Rafale jets are based at an air base in Jordan.", None),
        ("Britain has ordered 300 troops to move to Estonia.", 300),
    ],
)
def test_possession_and_basing_abroad_stay_claims(run, text, value):
    c = one(run(text))
    assert c["quantity"]["value"] == value


def test_escorted_vessels_are_not_the_deployed_escorts(run):
    got = claims(run("French frigates escorted Emirati tankers at Fujairah."))
    assert [c["item_text"] for c in got] == ["French frigates"]


def test_more_background_gives_no_claim(run):
    for text in (
        "Hungarian tank crews are still in training in Germany.",
        "The Americans left behind stocks of rifles and Humvees for the Iraqi army.",
    ):
        assert run(text).claims == [], text


def test_moscow_before_1992_is_the_soviet_union(run):
    text = "Moscow has sent 40 tanks to Hungary, Western diplomats said."
    assert one(run(text, published=date(1987, 5, 4)))["actor"] == "Soviet Union"
    assert one(run(text, published=date(2014, 5, 4)))["actor"] == "Russia"


def test_setting_out_from_home_soil_is_not_the_location(run):
    got = claims(
        run(
            "Twelve U.S. F-16 jets landed at Incirlik air base in Turkey on Monday. "
            "Another six F-16 jets flew nonstop from Shaw Air Force Base, refuelling twice."
        )
    )
    assert [c["location_name"] for c in got] == ["Incirlik", "Incirlik"]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Dutch officials have said the frigate will stay in the Baltic.", "Dutch officials"),
        (
            "Two Belgian F-16s landed in Lithuania, the Belgian air force said, "
            "marking the start of the rotation.",
            "the Belgian air force",
        ),
        (
            "Houthi forces have moved 20 launchers to the coast, a Saudi colonel was quoted "
            "as saying by the Al Arabiya channel on Sunday.",
            "a Saudi colonel",
        ),
        (
            "Four Su-34s are parked at the base, according to satellite photos reviewed by a "
            "Norwegian research institute.",
            "satellite photos reviewed by a Norwegian research institute",
        ),
        ("Ankara has denied that its commandos are in Idlib.", "Ankara"),
    ],
)
def test_attribution_variants(sentence, label):
    from kb.extract.attribution import find_attribution

    found = find_attribution(sentence)
    assert found is not None and found.label == label
    assert sentence[found.start : found.end] == label


def test_imagery_from_abroad_does_not_name_the_deployer(run):
    c = one(
        run(
            "Eight J-16 fighters are parked at an air base near Lhasa in China's Tibet region, "
            "according to satellite images analysed by an Indian research group."
        )
    )
    assert c["actor"] == "China"


def test_status_rules_for_participles_steaming_and_moving_off(run):
    got = claims(
        run(
            "Spain will send about 150 soldiers and six Leopard tanks to Latvia in May, "
            "joining the Canadian-led battlegroup at Adazi."
        )
    )
    assert [c["status"] for c in got] == ["planned", "planned"]
    ship = one(run("Two American destroyers are steaming toward the Black Sea."))
    assert ship["status"] == "arriving"
    ex = run("The Pentagon plans to move about 1,200 soldiers off Okinawa by 2027.")
    c = one(ex)
    assert (c["status"], c["location_name"]) == ("withdrawn", "Okinawa")


def test_a_distance_phrase_names_a_reference_point_not_the_location(run):
    got = claims(
        run(
            "Canada keeps about 1,000 troops at Adazi, some 30 kilometres north of Riga, "
            "together with Leopard 2 tanks."
        )
    )
    assert [c["location_name"] for c in got] == ["Adazi", "Adazi"]


def test_a_country_is_narrowed_by_a_place_inside_it_in_the_same_sentence(run):
    c = one(
        run(
            "Sweden will send about 200 soldiers to Romania in June, joining the "
            "multinational brigade at Constanta."
        )
    )
    assert (c["location_name"], c["country"]) == ("Constanta", "Romania")


def test_equipment_from_a_state_at_a_place_names_the_contributor(run):
    c = one(run("NATO keeps Patriot batteries from the Netherlands in Adana, in southern Turkey."))
    assert (c["actor"], c["location_name"]) == ("Netherlands", "Adana")
    moved = one(run("The United States moved two Patriot batteries from Germany to Poland."))
    assert moved["actor"] == "United States"


def test_objects_of_a_relative_clause_are_not_the_deployer(run):
    c = one(run("Eritrea, which borders Ethiopia, has massed about 20,000 troops near Badme."))
    assert c["actor"] == "Eritrea"


def test_a_place_set_out_from_is_not_carried_to_later_sentences(run):
    got = claims(
        run(
            "Ten U.S. F-15 fighters landed at Al Udeid air base in Qatar on Monday. "
            "Twelve more F-15 fighters flew nonstop from Seymour Johnson Air Force Base. "
            "Two KC-135 tankers arrived later."
        )
    )
    assert [c["location_name"] for c in got] == ["Al Udeid", "Al Udeid", "Al Udeid"]


def test_fighters_of_irregular_forces_are_people(run):
    c = one(run("The militia has sent about 2,000 fighters to the border town of Tal Abyad."))
    assert c["item_class"] == "Personnel"
    jets = one(run("Egypt has deployed eight fighters to an air base near Sidi Barrani."))
    assert jets["item_class"] == "FighterAircraft"


def test_scrambled_jets_are_a_reaction_not_a_deployment(run):
    assert run("Greece scrambled fighters in response to the incursion.").claims == []


def test_compound_compass_adjectives_and_coordinated_describing_words(run):
    c = one(
        run(
            "Germany has moved three Patriot air and missile defence batteries into south-eastern Slovakia."
        )
    )
    assert (c["item_text"], c["item_class"], c["country"]) == (
        "Patriot air and missile defence batteries",
        "AirDefenseSystem",
        "Slovakia",
    )
    assert c["quantity"]["value"] == 3


def test_possession_with_a_place_and_a_named_appositive_is_one_claim(run):
    c = one(run("France also has a frigate, FS Alsace, in the Gulf of Aden."))
    assert (c["item_class"], c["quantity"]["value"], c["location_name"]) == (
        "Ship",
        1,
        "Gulf of Aden",
    )


def test_a_coordinated_list_shares_a_narrowed_place_but_a_where_clause_does_not(run):
    got = claims(
        run(
            "Poland will send about 150 soldiers and four Leopard tanks to Romania, "
            "joining the multinational brigade at Constanta."
        )
    )
    assert [c["location_name"] for c in got] == ["Constanta", "Constanta"]
    c = claims(
        run(
            "Rome will keep about 300 soldiers in Romania, where its Eurofighter jets are "
            "based at Constanta."
        )
    )[0]
    assert (c["location_name"], c["country"]) == (None, "Romania")


def test_estimated_housing_is_presence_and_an_appositive_place_describes(run):
    c = one(run("The garrison is thought to house between 300 and 400 Russian soldiers."))
    assert (c["quantity"]["min"], c["quantity"]["max"]) == (300, 400)
    got = claims(
        run("About 1,500 U.S. airmen are at Incirlik, the largest NATO air base in Turkey.")
    )
    assert got[0]["location_name"] == "Incirlik"


def test_a_vague_part_of_a_stated_whole_leaves_the_whole_deployed(run):
    c = one(run("Canada plans to withdraw some of its roughly 500 soldiers from Latvia."))
    assert (c["status"], c["quantity"]["value"], c["country"]) == ("deployed", 500, "Latvia")
    part = one(run("Canada has withdrawn about 200 of its 500 soldiers from Latvia."))
    assert (part["status"], part["quantity"]["value"]) == ("withdrawn", 200)


def test_delivering_equipment_to_another_country_is_a_transfer(run):
    for text in (
        "The United States has delivered 31 Abrams tanks to Ukraine.",
        "Germany supplied two IRIS-T batteries to Kyiv last year.",
    ):
        assert run(text).claims == [], text


def test_a_reported_would_is_a_plan_even_when_the_speech_frame_opens_the_sentence(run):
    c = one(run("Spanish officials said between 300 and 400 marines would be in place by Friday."))
    assert (c["status"], c["quantity"]["min"], c["quantity"]["max"]) == ("planned", 300, 400)
    assert c["attributed_to"] == "Spanish officials"


def test_home_port_named_after_from_and_reduction_proposals_give_no_claim(run):
    for text in (
        "The Egyptian navy, separate from the coast guard, operates four Chinese-built "
        "corvettes from Alexandria.",
        "Moscow proposed cutting the number of SS-20s aimed at Asia to about 100.",
    ):
        assert run(text).claims == [], text


def test_a_running_total_and_operating_out_of_a_base(run):
    got = claims(
        run(
            "Italy has sent two more Tornado jets to Kuwait, bringing the number of "
            "Italian combat aircraft there to about eight, its ministry said."
        )
    )
    assert [c["quantity"]["value"] for c in got] == [2, 8]
    c = one(run("Four Dutch F-16 jets have been flying out of Siauliai since May."))
    assert c["status"] == "deployed"


@pytest.mark.parametrize(
    "text",
    [
        "The An-225 was the world's largest cargo plane and flew from Kyiv.",
        "The U.S. Army's 41st Field Artillery Command is stationed in Grafenwoehr.",
        "Washington left behind large stocks of arms for the Afghan army at Bagram, "
        "including Black Hawk helicopters and Humvees.",
    ],
)
def test_descriptions_unit_names_and_listed_handovers_give_no_item_claim(run, text):
    assert run(text).claims == [], text


def test_recruited_fighters_are_people(run):
    c = one(run("About 900 fighters recruited by Ankara have been flown to Tripoli."))
    assert c["item_class"] == "Personnel"
