"""Hand-curated actor data for the deploykb catalog: adjectives, names, alliances, armed forces.

States are generated from the GeoNames country list (one state per sovereign country); this
module adds what no package has: the adjectives news uses ("Russian", "U.S."), extra names,
which GeoNames entries are dependent territories rather than states, alliances with their
members, and the armed forces and their services.
"""

from __future__ import annotations

from typing import Any

#: ISO code -> adjectives (first = main). Only sovereign states (and Taiwan, Palestine, Kosovo).
ADJECTIVES: dict[str, list[str]] = {
    "AD": ["Andorran"], "AE": ["Emirati", "UAE"], "AF": ["Afghan"], "AG": ["Antiguan"],
    "AL": ["Albanian"], "AM": ["Armenian"], "AO": ["Angolan"], "AR": ["Argentine", "Argentinian"],
    "AT": ["Austrian"], "AU": ["Australian"], "AZ": ["Azerbaijani", "Azeri"], "BA": ["Bosnian"],
    "BB": ["Barbadian"], "BD": ["Bangladeshi"], "BE": ["Belgian"], "BF": ["Burkinabe"],
    "BG": ["Bulgarian"], "BH": ["Bahraini"], "BI": ["Burundian"], "BJ": ["Beninese"],
    "BN": ["Bruneian"], "BO": ["Bolivian"], "BR": ["Brazilian"], "BS": ["Bahamian"],
    "BT": ["Bhutanese"], "BW": ["Botswanan", "Motswana"], "BY": ["Belarusian", "Belarussian"],
    "BZ": ["Belizean"], "CA": ["Canadian"], "CD": ["Congolese"], "CF": ["Central African"],
    "CG": ["Congolese"], "CH": ["Swiss"], "CI": ["Ivorian"], "CL": ["Chilean"],
    "CM": ["Cameroonian"], "CN": ["Chinese"], "CO": ["Colombian"], "CR": ["Costa Rican"],
    "CU": ["Cuban"], "CV": ["Cape Verdean"], "CY": ["Cypriot"], "CZ": ["Czech"],
    "DE": ["German"], "DJ": ["Djiboutian"], "DK": ["Danish"], "DM": [],
    "DO": ["Dominican"], "DZ": ["Algerian"], "EC": ["Ecuadorian"], "EE": ["Estonian"],
    "EG": ["Egyptian"], "ER": ["Eritrean"], "ES": ["Spanish"], "ET": ["Ethiopian"],
    "FI": ["Finnish"], "FJ": ["Fijian"], "FM": ["Micronesian"], "FR": ["French"],
    "GA": ["Gabonese"], "GB": ["British", "U.K.", "UK"], "GD": ["Grenadian"], "GE": ["Georgian"],
    "GH": ["Ghanaian"], "GM": ["Gambian"], "GN": ["Guinean"], "GQ": ["Equatorial Guinean"],
    "GR": ["Greek"], "GT": ["Guatemalan"], "GW": ["Bissau-Guinean"], "GY": ["Guyanese"],
    "HN": ["Honduran"], "HR": ["Croatian"], "HT": ["Haitian"], "HU": ["Hungarian"],
    "ID": ["Indonesian"], "IE": ["Irish"], "IL": ["Israeli"], "IN": ["Indian"],
    "IQ": ["Iraqi"], "IR": ["Iranian"], "IS": ["Icelandic"], "IT": ["Italian"],
    "JM": ["Jamaican"], "JO": ["Jordanian"], "JP": ["Japanese"], "KE": ["Kenyan"],
    "KG": ["Kyrgyz"], "KH": ["Cambodian"], "KI": ["I-Kiribati"], "KM": ["Comoran"],
    "KN": ["Kittitian"], "KP": ["North Korean"], "KR": ["South Korean"], "KW": ["Kuwaiti"],
    "KZ": ["Kazakh", "Kazakhstani"], "LA": ["Lao", "Laotian"], "LB": ["Lebanese"],
    "LC": ["Saint Lucian"], "LI": ["Liechtensteiner"], "LK": ["Sri Lankan"], "LR": ["Liberian"],
    "LS": ["Basotho"], "LT": ["Lithuanian"], "LU": ["Luxembourgish"], "LV": ["Latvian"],
    "LY": ["Libyan"], "MA": ["Moroccan"], "MC": ["Monegasque"], "MD": ["Moldovan"],
    "ME": ["Montenegrin"], "MG": ["Malagasy"], "MH": ["Marshallese"], "MK": ["North Macedonian", "Macedonian"],
    "ML": ["Malian"], "MM": ["Myanmar", "Burmese"], "MN": ["Mongolian"], "MR": ["Mauritanian"],
    "MT": ["Maltese"], "MU": ["Mauritian"], "MV": ["Maldivian"], "MW": ["Malawian"],
    "MX": ["Mexican"], "MY": ["Malaysian"], "MZ": ["Mozambican"], "NA": ["Namibian"],
    "NE": ["Nigerien"], "NG": ["Nigerian"], "NI": ["Nicaraguan"], "NL": ["Dutch"],
    "NO": ["Norwegian"], "NP": ["Nepali", "Nepalese"], "NR": ["Nauruan"], "NZ": ["New Zealand"],
    "OM": ["Omani"], "PA": ["Panamanian"], "PE": ["Peruvian"], "PG": ["Papua New Guinean"],
    "PH": ["Philippine", "Filipino"], "PK": ["Pakistani"], "PL": ["Polish"], "PS": ["Palestinian"],
    "PT": ["Portuguese"], "PW": ["Palauan"], "PY": ["Paraguayan"], "QA": ["Qatari"],
    "RO": ["Romanian"], "RS": ["Serbian"], "RU": ["Russian"], "RW": ["Rwandan"],
    "SA": ["Saudi", "Saudi Arabian"], "SB": ["Solomon Islander"], "SC": ["Seychellois"],
    "SD": ["Sudanese"], "SE": ["Swedish"], "SG": ["Singaporean"], "SI": ["Slovenian"],
    "SK": ["Slovak"], "SL": ["Sierra Leonean"], "SM": ["Sammarinese"], "SN": ["Senegalese"],
    "SO": ["Somali"], "SR": ["Surinamese"], "SS": ["South Sudanese"], "ST": ["Santomean"],
    "SV": ["Salvadoran"], "SY": ["Syrian"], "SZ": ["Swazi", "Eswatini"], "TD": ["Chadian"],
    "TG": ["Togolese"], "TH": ["Thai"], "TJ": ["Tajik"], "TL": ["Timorese"],
    "TM": ["Turkmen"], "TN": ["Tunisian"], "TO": ["Tongan"], "TR": ["Turkish"],
    "TT": ["Trinidadian"], "TV": ["Tuvaluan"], "TW": ["Taiwanese"], "TZ": ["Tanzanian"],
    "UA": ["Ukrainian"], "UG": ["Ugandan"], "US": ["U.S.", "US", "American", "United States"],
    "UY": ["Uruguayan"], "UZ": ["Uzbek"], "VA": ["Vatican"], "VC": ["Vincentian"],
    "VE": ["Venezuelan"], "VN": ["Vietnamese"], "VU": ["Ni-Vanuatu"], "WS": ["Samoan"],
    "XK": ["Kosovar"], "YE": ["Yemeni"], "ZA": ["South African"], "ZM": ["Zambian"],
    "ZW": ["Zimbabwean"],
}

#: demonyms that are not "<adjective>s"
DEMONYM_OVERRIDES: dict[str, str] = {
    "GB": "Britons", "FR": "French", "NL": "Dutch", "CH": "Swiss", "IE": "Irish", "DK": "Danes",
    "SE": "Swedes", "FI": "Finns", "PL": "Poles", "TR": "Turks", "ES": "Spaniards",
    "US": "Americans", "CN": "Chinese", "JP": "Japanese", "LB": "Lebanese", "SD": "Sudanese",
    "TH": "Thai", "VN": "Vietnamese", "PT": "Portuguese", "SN": "Senegalese", "NZ": "New Zealanders",
    "PH": "Filipinos", "IS": "Icelanders", "LU": "Luxembourgers", "SK": "Slovaks", "CZ": "Czechs",
    "MM": "Burmese", "LA": "Lao", "KZ": "Kazakhs", "KG": "Kyrgyz", "TM": "Turkmens",
    "CD": "Congolese", "DM": "Dominicans", "BW": "Batswana", "LS": "Basotho", "MG": "Malagasy",
    "SC": "Seychellois", "SZ": "Swazis", "VA": "Vatican citizens", "AE": "Emiratis", "SA": "Saudis",
    "KP": "North Koreans", "KR": "South Koreans", "MK": "North Macedonians", "NP": "Nepalis",
}

#: extra names of countries (and their states), by ISO code
COUNTRY_ALT_NAMES: dict[str, list[str]] = {
    "US": ["United States of America", "USA", "U.S.A.", "U.S.", "US", "America"],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland"],
    "RU": ["Russian Federation", "Moscow"],
    "CN": ["People's Republic of China", "PRC", "Beijing"],
    "KP": ["Democratic People's Republic of Korea", "DPRK", "Pyongyang"],
    "KR": ["Republic of Korea", "ROK", "Seoul"],
    "IR": ["Islamic Republic of Iran", "Tehran", "Persia"],
    "SY": ["Syrian Arab Republic", "Damascus"],
    "TW": ["Republic of China (Taiwan)", "Taipei"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey", "Ankara"],
    "UA": ["Kyiv", "Kiev"],
    "IL": ["State of Israel"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "CZ": ["Czech Republic"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "MM": ["Burma"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Congo"],
    "NL": ["Netherlands", "Holland"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "VA": ["Holy See", "Vatican City"],
    "AE": ["UAE", "Emirates"],
    "SA": ["KSA", "Kingdom of Saudi Arabia"],
    "BA": ["Bosnia"],
    "FM": ["Federated States of Micronesia"],
    "LA": ["Lao PDR"],
    "VN": ["Viet Nam"],
    "MD": ["Republic of Moldova"],
    "BY": ["Byelorussia"],
}

#: capital-city metonyms are ambiguous with the city itself; only these are kept on the state
#: (the capital stays a City place with its own id)
METONYM_NAMES = {"Moscow", "Beijing", "Pyongyang", "Seoul", "Tehran", "Damascus", "Taipei", "Ankara", "Kyiv", "Kiev"}

ALLIANCES: list[dict[str, Any]] = [
    {"slug": "nato", "label": "NATO", "alt": ["North Atlantic Treaty Organization", "North Atlantic Alliance", "Atlantic alliance", "the alliance"],
     "adjectives": ["NATO"],
     "members": "AL BE BG CA HR CZ DK EE FI FR DE GR HU IS IT LV LT LU ME NL MK NO PL PT RO SK SI ES SE TR GB US"},
    {"slug": "european-union", "label": "European Union", "alt": ["EU", "E.U."], "adjectives": ["EU", "E.U."],
     "members": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"},
    {"slug": "csto", "label": "Collective Security Treaty Organization", "alt": ["CSTO"], "adjectives": ["CSTO"],
     "members": "AM BY KZ KG RU TJ"},
    {"slug": "us-led-coalition", "label": "U.S.-led coalition", "alt": ["US-led coalition", "American-led coalition", "international coalition", "anti-ISIS coalition",
     "Combined Joint Task Force - Operation Inherent Resolve", "CJTF-OIR", "Global Coalition against Daesh", "coalition forces"],
     "adjectives": ["coalition"], "members": ""},
    {"slug": "saudi-led-coalition", "label": "Saudi-led coalition", "alt": ["Arab coalition", "Saudi-led military coalition"], "adjectives": [],
     "members": ""},
    {"slug": "african-union", "label": "African Union", "alt": ["AU"], "adjectives": ["African Union"], "members": ""},
    {"slug": "united-nations", "label": "United Nations", "alt": ["UN", "U.N."], "adjectives": ["UN", "U.N."], "members": "",
     "note": "not an alliance; typed dkb:Alliance so that UN peacekeeping contingents have an actor"},
]

# Armed forces and their services. "state" is the ISO code of the state they belong to.
ARMED_FORCES: list[dict[str, Any]] = [
    # Russia
    {"slug": "russian-armed-forces", "state": "RU", "label": "Armed Forces of the Russian Federation", "alt": ["Russian Armed Forces", "Russian military", "Russian forces"]},
    {"slug": "russian-ground-forces", "state": "RU", "label": "Russian Ground Forces", "alt": ["Russian Army", "Russian army"], "parent": "russian-armed-forces"},
    {"slug": "russian-navy", "state": "RU", "label": "Russian Navy", "alt": ["Russian navy"], "parent": "russian-armed-forces"},
    {"slug": "russian-black-sea-fleet", "state": "RU", "label": "Black Sea Fleet", "alt": ["Russia's Black Sea Fleet", "Russian Black Sea Fleet"], "parent": "russian-navy"},
    {"slug": "russian-northern-fleet", "state": "RU", "label": "Northern Fleet", "alt": ["Russia's Northern Fleet", "Russian Northern Fleet"], "parent": "russian-navy"},
    {"slug": "russian-baltic-fleet", "state": "RU", "label": "Baltic Fleet", "alt": ["Russia's Baltic Fleet", "Russian Baltic Fleet"], "parent": "russian-navy"},
    {"slug": "russian-pacific-fleet", "state": "RU", "label": "Pacific Fleet", "alt": ["Russia's Pacific Fleet", "Russian Pacific Fleet"], "parent": "russian-navy"},
    {"slug": "russian-aerospace-forces", "state": "RU", "label": "Russian Aerospace Forces", "alt": ["VKS", "Russian Air Force", "Russian air force"], "parent": "russian-armed-forces"},
    {"slug": "russian-airborne-forces", "state": "RU", "label": "Russian Airborne Forces", "alt": ["VDV", "Russian airborne forces"], "parent": "russian-armed-forces"},
    {"slug": "russian-strategic-rocket-forces", "state": "RU", "label": "Strategic Rocket Forces", "alt": ["Russian Strategic Rocket Forces", "RVSN"], "parent": "russian-armed-forces"},
    # United States
    {"slug": "us-armed-forces", "state": "US", "label": "United States Armed Forces", "alt": ["U.S. military", "US military", "American military", "U.S. Armed Forces", "U.S. forces", "American forces", "Pentagon"]},
    {"slug": "us-army", "state": "US", "label": "United States Army", "alt": ["U.S. Army", "US Army", "American army"], "parent": "us-armed-forces"},
    {"slug": "us-navy", "state": "US", "label": "United States Navy", "alt": ["U.S. Navy", "US Navy", "American navy"], "parent": "us-armed-forces"},
    {"slug": "us-air-force", "state": "US", "label": "United States Air Force", "alt": ["U.S. Air Force", "US Air Force", "USAF", "American air force"], "parent": "us-armed-forces"},
    {"slug": "us-marine-corps", "state": "US", "label": "United States Marine Corps", "alt": ["U.S. Marine Corps", "US Marine Corps", "USMC", "Marine Corps"], "parent": "us-armed-forces"},
    {"slug": "us-space-force", "state": "US", "label": "United States Space Force", "alt": ["U.S. Space Force", "Space Force"], "parent": "us-armed-forces"},
    {"slug": "us-national-guard", "state": "US", "label": "National Guard", "alt": ["U.S. National Guard", "Army National Guard", "Air National Guard"], "parent": "us-armed-forces"},
    {"slug": "us-central-command", "state": "US", "label": "United States Central Command", "alt": ["CENTCOM", "U.S. Central Command"], "parent": "us-armed-forces"},
    {"slug": "us-european-command", "state": "US", "label": "United States European Command", "alt": ["EUCOM", "U.S. European Command"], "parent": "us-armed-forces"},
    {"slug": "us-indo-pacific-command", "state": "US", "label": "United States Indo-Pacific Command", "alt": ["INDOPACOM", "U.S. Indo-Pacific Command"], "parent": "us-armed-forces"},
    {"slug": "us-africa-command", "state": "US", "label": "United States Africa Command", "alt": ["AFRICOM", "U.S. Africa Command"], "parent": "us-armed-forces"},
    {"slug": "us-sixth-fleet", "state": "US", "label": "U.S. Sixth Fleet", "alt": ["Sixth Fleet", "6th Fleet"], "parent": "us-navy"},
    {"slug": "us-fifth-fleet", "state": "US", "label": "U.S. Fifth Fleet", "alt": ["Fifth Fleet", "5th Fleet"], "parent": "us-navy"},
    {"slug": "us-seventh-fleet", "state": "US", "label": "U.S. Seventh Fleet", "alt": ["Seventh Fleet", "7th Fleet"], "parent": "us-navy"},
    # China
    {"slug": "peoples-liberation-army", "state": "CN", "label": "People's Liberation Army", "alt": ["PLA", "Chinese military", "Chinese armed forces"]},
    {"slug": "pla-navy", "state": "CN", "label": "People's Liberation Army Navy", "alt": ["PLA Navy", "PLAN", "Chinese navy"], "parent": "peoples-liberation-army"},
    {"slug": "pla-air-force", "state": "CN", "label": "People's Liberation Army Air Force", "alt": ["PLA Air Force", "PLAAF", "Chinese air force"], "parent": "peoples-liberation-army"},
    {"slug": "pla-rocket-force", "state": "CN", "label": "People's Liberation Army Rocket Force", "alt": ["PLA Rocket Force", "PLARF"], "parent": "peoples-liberation-army"},
    # United Kingdom
    {"slug": "british-armed-forces", "state": "GB", "label": "British Armed Forces", "alt": ["British military", "UK armed forces"]},
    {"slug": "british-army", "state": "GB", "label": "British Army", "alt": [], "parent": "british-armed-forces"},
    {"slug": "royal-navy", "state": "GB", "label": "Royal Navy", "alt": [], "parent": "british-armed-forces"},
    {"slug": "royal-air-force", "state": "GB", "label": "Royal Air Force", "alt": ["RAF"], "parent": "british-armed-forces"},
    {"slug": "royal-marines", "state": "GB", "label": "Royal Marines", "alt": [], "parent": "royal-navy"},
    # France
    {"slug": "french-armed-forces", "state": "FR", "label": "French Armed Forces", "alt": ["French military", "French forces"]},
    {"slug": "french-army", "state": "FR", "label": "French Army", "alt": [], "parent": "french-armed-forces"},
    {"slug": "french-navy", "state": "FR", "label": "French Navy", "alt": ["Marine nationale"], "parent": "french-armed-forces"},
    {"slug": "french-air-and-space-force", "state": "FR", "label": "French Air and Space Force", "alt": ["French Air Force"], "parent": "french-armed-forces"},
    {"slug": "french-foreign-legion", "state": "FR", "label": "French Foreign Legion", "alt": ["Foreign Legion"], "parent": "french-army"},
    # Germany
    {"slug": "bundeswehr", "state": "DE", "label": "Bundeswehr", "alt": ["German armed forces", "German military"]},
    # Ukraine
    {"slug": "ukrainian-armed-forces", "state": "UA", "label": "Armed Forces of Ukraine", "alt": ["Ukrainian Armed Forces", "Ukrainian military", "Ukrainian forces", "ZSU"]},
    {"slug": "ukrainian-navy", "state": "UA", "label": "Ukrainian Navy", "alt": [], "parent": "ukrainian-armed-forces"},
    {"slug": "ukrainian-air-force", "state": "UA", "label": "Ukrainian Air Force", "alt": [], "parent": "ukrainian-armed-forces"},
    # Middle East
    {"slug": "israel-defense-forces", "state": "IL", "label": "Israel Defense Forces", "alt": ["IDF", "Israeli military", "Israeli army", "Israeli Defence Forces"]},
    {"slug": "israeli-air-force", "state": "IL", "label": "Israeli Air Force", "alt": ["IAF"], "parent": "israel-defense-forces"},
    {"slug": "israeli-navy", "state": "IL", "label": "Israeli Navy", "alt": [], "parent": "israel-defense-forces"},
    {"slug": "syrian-arab-army", "state": "SY", "label": "Syrian Arab Army", "alt": ["Syrian army", "Syrian military", "Syrian government forces", "regime forces"]},
    {"slug": "syrian-air-force", "state": "SY", "label": "Syrian Arab Air Force", "alt": ["Syrian air force"], "parent": "syrian-arab-army"},
    {"slug": "iranian-armed-forces", "state": "IR", "label": "Islamic Republic of Iran Armed Forces", "alt": ["Iranian military", "Iranian armed forces"]},
    {"slug": "islamic-revolutionary-guard-corps", "state": "IR", "label": "Islamic Revolutionary Guard Corps", "alt": ["IRGC", "Revolutionary Guards", "Revolutionary Guard", "Iran's Revolutionary Guards", "Sepah"], "parent": "iranian-armed-forces"},
    {"slug": "quds-force", "state": "IR", "label": "Quds Force", "alt": ["IRGC Quds Force", "Qods Force"], "parent": "islamic-revolutionary-guard-corps"},
    {"slug": "iraqi-security-forces", "state": "IQ", "label": "Iraqi Security Forces", "alt": ["Iraqi army", "Iraqi military", "Iraqi forces"]},
    {"slug": "peshmerga", "state": "IQ", "label": "Peshmerga", "alt": ["Kurdish Peshmerga", "Peshmerga forces"]},
    {"slug": "turkish-armed-forces", "state": "TR", "label": "Turkish Armed Forces", "alt": ["Turkish military", "TSK"]},
    {"slug": "saudi-armed-forces", "state": "SA", "label": "Saudi Arabian Armed Forces", "alt": ["Saudi military", "Saudi forces"]},
    # Asia-Pacific
    {"slug": "japan-self-defense-forces", "state": "JP", "label": "Japan Self-Defense Forces", "alt": ["JSDF", "Self-Defense Forces", "Japanese military"]},
    {"slug": "republic-of-korea-armed-forces", "state": "KR", "label": "Republic of Korea Armed Forces", "alt": ["South Korean military", "ROK military"]},
    {"slug": "korean-peoples-army", "state": "KP", "label": "Korean People's Army", "alt": ["KPA", "North Korean army", "North Korean military", "North Korean troops"]},
    {"slug": "taiwan-armed-forces", "state": "TW", "label": "Republic of China Armed Forces", "alt": ["Taiwanese military", "Taiwan's armed forces"]},
    {"slug": "indian-armed-forces", "state": "IN", "label": "Indian Armed Forces", "alt": ["Indian military", "Indian army"]},
    {"slug": "pakistan-armed-forces", "state": "PK", "label": "Pakistan Armed Forces", "alt": ["Pakistani military", "Pakistani army"]},
    # Europe (others)
    {"slug": "polish-armed-forces", "state": "PL", "label": "Polish Armed Forces", "alt": ["Polish military"]},
    {"slug": "belarusian-armed-forces", "state": "BY", "label": "Armed Forces of Belarus", "alt": ["Belarusian military", "Belarusian army"]},
    {"slug": "italian-armed-forces", "state": "IT", "label": "Italian Armed Forces", "alt": ["Italian military"]},
    {"slug": "spanish-armed-forces", "state": "ES", "label": "Spanish Armed Forces", "alt": ["Spanish military"]},
    {"slug": "canadian-armed-forces", "state": "CA", "label": "Canadian Armed Forces", "alt": ["Canadian military", "CAF"]},
    {"slug": "australian-defence-force", "state": "AU", "label": "Australian Defence Force", "alt": ["ADF", "Australian military"]},
]

# Armed groups that are not the forces of a state. The ontology has no class for them yet, so they
# are typed dkb:ArmedForce without dkb:armedForceOf; "sponsor" is informational (not emitted).
NON_STATE_GROUPS: list[dict[str, Any]] = [
    {"slug": "wagner-group", "label": "Wagner Group", "alt": ["Wagner", "PMC Wagner", "Wagner mercenaries", "Africa Corps"], "adjectives": []},
    {"slug": "hezbollah", "label": "Hezbollah", "alt": ["Hizbollah", "Hizballah"], "adjectives": []},
    {"slug": "hamas", "label": "Hamas", "alt": ["Qassam Brigades", "Izz ad-Din al-Qassam Brigades"], "adjectives": []},
    {"slug": "houthis", "label": "Houthis", "alt": ["Houthi movement", "Ansar Allah", "Houthi rebels", "Houthi"], "adjectives": ["Houthi"]},
    {"slug": "islamic-state", "label": "Islamic State", "alt": ["ISIS", "ISIL", "Daesh", "IS", "Islamic State of Iraq and Syria"], "adjectives": []},
    {"slug": "syrian-democratic-forces", "label": "Syrian Democratic Forces", "alt": ["SDF"], "adjectives": []},
    {"slug": "hayat-tahrir-al-sham", "label": "Hayat Tahrir al-Sham", "alt": ["HTS"], "adjectives": []},
    {"slug": "popular-mobilization-forces", "label": "Popular Mobilization Forces", "alt": ["PMF", "Hashd al-Shaabi", "Popular Mobilization Units"], "adjectives": []},
    {"slug": "rapid-support-forces", "label": "Rapid Support Forces", "alt": ["RSF"], "adjectives": []},
    {"slug": "al-shabaab", "label": "al-Shabaab", "alt": ["Al-Shabab", "Harakat al-Shabaab al-Mujahideen"], "adjectives": []},
    {"slug": "taliban", "label": "Taliban", "alt": ["the Taliban"], "adjectives": []},
]
