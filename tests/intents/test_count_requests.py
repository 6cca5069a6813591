"""Stock counts read from a message: each reading of which number is the count, the words left
naming the product (`intents.requests.counts`)."""

from __future__ import annotations

from intents.requests import RequestKind, read_request


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
