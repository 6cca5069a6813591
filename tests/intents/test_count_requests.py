"""Stock counts read from a message: each reading of which number is the count, the words left
naming the product (`intents.requests.counts`)."""

from __future__ import annotations

from intents.requests import RequestKind, read_counts, read_request


def test_each_reading_leaves_the_product_words_without_pronouns() -> None:
    # "we … of" left in the words made them an English sentence, no product named.
    request = read_request("we counted 280 kg of fleur 11 seed")
    assert request is not None and request.kind is RequestKind.COUNT
    assert request.options == (("280kg of fleur seed", 11), ("of fleur 11 seed", 280))


def test_a_number_of_the_name_stays_with_the_name() -> None:
    request = read_request("inventaire fer de 10 : 140")
    assert request is not None and request.kind is RequestKind.COUNT
    assert ("fer de 10", 140) in request.options
    request = read_request("we counted 18 rolls of 1.5 cable")
    assert request is not None and request.options == (("roll of 1.5 cable", 18),)


def test_a_count_typed_as_a_whole_size_of_a_product_sold_by_that_measure() -> None:
    # "52 m" and "15 kg" are sizes to the tokenizer: with no other number the count was lost and
    # the message read as a stock question.
    for text, counted, words in (
        ("jai compte 52 m de durite essence", 52, "de durite essence"),
        ("we counted 15 kg of grease", 15, "of grease"),
        ("compté 30 metres", 30, ""),
    ):
        request = read_request(text)
        assert request is not None and request.kind is RequestKind.COUNT, text
        assert request.options == ((words, counted),), text


def test_a_size_that_names_the_product_is_no_count() -> None:
    assert read_request("inventaire huile 5l") is None


def test_a_count_of_several_products_reads_each() -> None:
    for text in (
        "inventaire riz 40 et savon 12",
        "j'ai compté 40 riz et 12 savon",
        "inventaire riz 40, savon 12",
        "inventaire\n- riz 40\n- savon 12",
        "we counted 40 rice and 12 soap",
        "lim naa 40 riz ak 12 savon",
    ):
        request = read_request(text)
        assert request is not None and request.kind is RequestKind.COUNT, text
        counts = [readings[0] for readings in request.counts]
        assert [counted for _, counted in counts] == [40, 12], text
        assert request.options == request.counts[0], text


def test_a_piece_without_a_number_stays_with_a_count() -> None:
    # the words around a separator name one product: `riz, 40 sacs`, `sel et poivre 12`
    for text, words, counted in (
        ("inventaire riz, 40 sacs", "riz sac", 40),
        ("inventaire sel et poivre 12", "sel poivre", 12),
        ("inventaire vingt et un riz", "riz", 21),
    ):
        request = read_request(text)
        assert request is not None and request.counts == (((words, counted),),), text


def test_counts_read_without_a_count_word() -> None:
    assert read_counts("riz 40 et savon 12") == ((("riz", 40),), (("savon", 12),))
    assert read_counts("40 boîtes") == ((("boite", 40),),)
    assert read_counts("ok merci") == ()


def test_a_count_said_relative_to_the_stock_reads_the_change() -> None:
    # `inventaire riz 2 de plus` was a count of 2 (the stock of 42 set to 2).
    for text, words, change in (
        ("inventaire riz 2 de plus", "riz", 2),
        ("compte huile 3 de moins", "huile", -3),
        ("count rice 2 more", "rice", 2),
        ("inventaire savon deux de moins", "savon", -2),
        ("riz il y a 2 sacs de plus que prévu", "riz sac", 2),
        ("j'ai compté 2 sacs de riz en plus", "sac riz", 2),
        ("we counted 4 bags of rice less than expected", "bag rice", -4),
        ("inventaire riz il en manque 3", "riz", -3),
    ):
        request = read_request(text)
        assert request is not None and request.kind is RequestKind.COUNT, text
        assert request.change, text
        assert request.options == ((words, change),), text


def test_an_absolute_count_is_no_change() -> None:
    request = read_request("inventaire riz 42")
    assert request is not None and not request.change
    assert request.options == (("riz", 42),)
    request = read_request("il y a 30 sacs de riz finalement")  # `finalement`: actually
    assert request is not None and request.kind is RequestKind.COUNT and not request.change
    assert read_request("vendu 2 riz de plus") is None or (
        read_request("vendu 2 riz de plus").kind is not RequestKind.COUNT  # type: ignore[union-attr]
    )
