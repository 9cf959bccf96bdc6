"""ICU's order and transliteration, as the dashboard, the country lists and the ZIP use them."""

from youthpass_site.lib.collation import plain_letters, search_text, sort_key


def in_order(words, language):
    return sorted(words, key=lambda word: sort_key(word, language))


def test_latvian_order():
    words = ["Čada", "ASV", "Zariņš", "Centrālāfrikas Republika", "Ģirts Ķēniņš", "Afganistāna"]
    assert in_order(words, "lv") == [
        "Afganistāna",
        "ASV",
        "Centrālāfrikas Republika",
        "Čada",
        "Ģirts Ķēniņš",
        "Zariņš",
    ]
    assert in_order(["Hugo", "Ģirts", "Gatis"], "lv") == ["Gatis", "Ģirts", "Hugo"]


def test_english_order():
    words = ["Čada", "ASV", "Zariņš", "Centrālāfrikas Republika", "Ģirts Ķēniņš", "Afganistāna"]
    assert in_order(words, "en") == [
        "Afganistāna",
        "ASV",
        "Čada",
        "Centrālāfrikas Republika",
        "Ģirts Ķēniņš",
        "Zariņš",
    ]


def test_a_language_without_a_collation_of_its_own_sorts_by_the_root_order():
    assert in_order(["Zoe", "Émile", "eve"], "xx") == ["Émile", "eve", "Zoe"]


def test_plain_letters_and_search_text():
    assert plain_letters("Ελένη Νικολάου") == "Eleni Nikolaou"
    assert plain_letters("Ģirts Ķēniņš") == "Girts Kenins"
    assert plain_letters("Юлія Łukasz Straße") == "Ulia Lukasz Strasse"
    assert search_text("ΕΛΕΝΗ") == search_text("elenī") == search_text("Ελένη") == "eleni"
