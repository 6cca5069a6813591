from __future__ import annotations

import pytest

from intents import answers
from intents.normalize import NameNumbers, Token, fold, singular, tokenize, word_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thé", "the"),
        ("RIZ PARFUMÉ", "riz parfume"),
        ("ñaata", "naata"),
        ("jërëjëf", "jerejef"),
        ("Kirène", "kirene"),
        ("œuf", "oeuf"),
    ],
)
def test_fold_lowercases_and_strips_accents(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("sacs", "sac"), ("bidons", "bidon"), ("bouteilles", "bouteille"), ("eaux", "eau"),
     ("riz", "riz"), ("gaz", "gaz"), ("pas", "pas"), ("stress", "stress")],
)  # fmt: skip
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("STOCK RIZ", ["stock", "riz"]),
        ("l'huile", ["l", "huile"]),
        ("huile 5L", ["huile", "5l"]),
        ("huile 5 litres", ["huile", "5l"]),
        ("gaz de 6 kilos", ["gaz", "de", "6kg"]),
        ("gaz 12 kg", ["gaz", "12kg"]),
        ("café 250g", ["cafe", "250g"]),
        ("20sacs", ["20", "sac"]),
        ("cb de sacs stp", ["combien", "de", "sac", "stp"]),
        ("g vendu", ["j", "ai", "vendu"]),
        ("slt", ["salut"]),
        ("bjr", ["bonjour"]),
        ("mrc", ["merci"]),
        ("svp", ["stp"]),
        ("vingt-cinq", ["vingt", "cinq"]),
        ("👍", ["ok"]),
        ("merciiii", ["merci"]),
        ("nooon", ["non"]),
        ("ceeb waaw", ["ceeb", "waaw"]),
        ("🤔🤔", []),
        ("", []),
        ("\x00\x07\n\t", []),
        # a decimal is one word, and a size when a unit follows
        ("3.5 sacs", ["3.5", "sac"]),
        ("1,5 sac", ["1.5", "sac"]),
        ("Kirène 1,5L", ["kirene", "1.5l"]),
        ("eau 1.50 litre", ["eau", "1.5l"]),
        ("15.000 f", ["15000", "f"]),  # a thousands dot
        ("riz,3 sacs", ["riz", "3", "sac"]),
        ("10aine", ["10", "aine"]),
    ],
)
def test_tokenize(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("inventaire fleur 11 280", ["inventaire", "fleur", "11", "280"]),
        ("Fleur 11 1 280", ["fleur", "11", "1280"]),  # the next groups are joined still
        ("fer de 10 140", ["fer", "de", "10", "140"]),  # "fer de 10" is the name "fer 10"
        ("riz 11 280", ["riz", "11280"]),  # not a name's number: thousands
        ("fleur 11.280", ["fleur", "11280"]),  # a dot joins: no name is written so
        ("fleur 11 000", ["fleur", "11000"]),  # 000 is no count: the thousands of 11
        ("fer 10 050 sacs", ["fer", "10050", "sac"]),
    ],
)
def test_a_names_number_is_not_the_thousands_of_the_next(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text, frozenset({("fleur", "11"), ("fer", "10")}))] == keys


def test_tokenize_remembers_accents() -> None:
    tokens = tokenize("thé the")
    assert [(t.key, t.accented) for t in tokens] == [("the", True), ("the", False)]


def test_other_scripts_become_unknown_words() -> None:
    assert [t.key for t in tokenize("рис 米")] == ["?", "?"]


def test_long_text_is_cut() -> None:
    assert len(tokenize("riz " * 5000)) < 1000


def test_g_after_a_number_is_grams_not_j_ai() -> None:
    assert [t.key for t in tokenize("500 g vendu")] == ["500g", "vendu"]


def test_word_key_matches_tokenize() -> None:
    assert word_key("Bouteilles") == tokenize("Bouteilles")[0].key


def test_lookup_tables_are_read_only() -> None:
    from intents.normalize import SHORTHAND, SIZE_UNITS
    from intents.numbers import NUMBER_WORDS, VAGUE_WORDS
    from intents.units import UNITS

    for table in (SHORTHAND, SIZE_UNITS, NUMBER_WORDS, UNITS):
        with pytest.raises(TypeError):
            table["x"] = "y"  # type: ignore[index]
    assert isinstance(VAGUE_WORDS, frozenset)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # lengths and sections are sizes too, glued or after a space, comma or dot decimals
        ("fil électrique 1,5 mm", ["fil", "electrique", "1.5mm"]),
        ("Fil électrique 1.5mm²", ["fil", "electrique", "1.5mm"]),
        ("fer 12mm", ["fer", "12mm"]),
        ("fer de 12 millimètres", ["fer", "de", "12mm"]),
        ("tuyau 3 mètres", ["tuyau", "3m"]),
        ("carreau 60 cm", ["carreau", "60cm"]),
        # "a+" / "@+" is "à plus"
        ("a+", ["a", "plu"]),
        ("merci @+", ["merci", "a", "plu"]),
        ("À+ boss", ["a", "plu", "boss"]),
        ("c+", ["c"]),
    ],
)
def test_tokenize_sizes_in_length_units_and_a_plus(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys


@pytest.mark.parametrize(
    ("key", "size"),
    [("1.5mm", True), ("12mm", True), ("60cm", True), ("3m", True), ("5l", True),
     ("12", False), ("mm", False), ("1.5", False)],
)  # fmt: skip
def test_is_size_knows_length_units(key: str, size: bool) -> None:
    from intents.normalize import is_size

    assert is_size(key) is size


def test_a_messages_keys_are_tokenized_once_and_each_caller_gets_its_own_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Requests, answers and corrections each ask for the keys of the same message: its words
    are tokenized once; a caller changing its list changes nobody else's."""
    calls: list[str] = []
    real = answers.tokenize

    def counted(text: str, name_numbers: NameNumbers = frozenset()) -> list[Token]:
        calls.append(text)
        return real(text, name_numbers)

    monkeypatch.setattr(answers, "tokenize", counted)
    answers._keys.cache_clear()
    text = "non c'est 4 sacs de riz (tokenized once)"
    first = answers.keys_of(text)
    first.append("changed")
    again = answers.keys_of(text)
    assert again == [t.key for t in real(text)] and "changed" not in again
    assert calls == [text]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("vendu ½ riz", ["vendu", "1/2", "riz"]),
        ("vendu 1½ riz", ["vendu", "1", "1/2", "riz"]),
        ("¾", ["3/4"]),
        ("1⁄2", ["1/2"]),
    ],
)
def test_vulgar_fractions_are_read_as_fractions(text: str, keys: list[str]) -> None:
    assert [token.key for token in tokenize(text)] == keys
