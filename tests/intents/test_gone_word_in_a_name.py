"""Pidgin `get` and `finish` read as movements only when they are no product's name and the
message tells rather than asks: `did we get 10 bags rice` is a question, `we get 10 rice for
store` says what the store holds, and the `finish` of « Finish tablets » names the product
(`2 finish` was a sale of 2 Finish tablets, `we get 10 finish` a sale of 10)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, read_products

# A cleaning and provisions kiosk: one brand named by a word that also says "gone".
_KIOSK = """sku,name,aliases,unit
FIN-Q,Finish Quantum tablets,finish|quantum,packet
OMO-1,Omo washing powder 1kg,omo,packet
RICE-25,Rice 25kg,rice,bag
MILO-400,Milo tin 400g,milo,tin
SUGAR-1,Sugar 1kg,sugar,bag"""


@pytest.fixture(scope="module")
def kiosk() -> IntentMatcher:
    return IntentMatcher(read_products(_KIOSK.splitlines()))


@pytest.mark.parametrize(
    "text",
    [
        "did we get 10 bags rice",
        "do we get 4 milo",
        "Did we get 5 omo",
        "we get 10 bags rice for store",
        "i get 4 milo for my shop",
        "we get 6 sugar in the store",
        "we don get 3 omo for shop",
    ],
)
def test_asked_or_kept_is_no_arrival(kiosk: IntentMatcher, text: str) -> None:
    assert kiosk.parse(text).intent is not Intent.RECEIPT, kiosk.parse(text)


@pytest.mark.parametrize(
    ("text", "intent", "sku", "quantity"),
    [
        ("we get 10 finish", Intent.RECEIPT, "FIN-Q", 10),
        ("i don get 3 packets finish", Intent.RECEIPT, "FIN-Q", 3),
        ("2 finish", Intent.STOCK_QUERY, "FIN-Q", None),
        ("4 packets of finish", Intent.STOCK_QUERY, "FIN-Q", None),
        # a gone word besides the name still says they went
        ("3 finish gone", Intent.SALE, "FIN-Q", 3),
        ("we get 10 bags rice", Intent.RECEIPT, "RICE-25", 10),
    ],
)
def test_a_word_of_the_name_is_no_verb(
    kiosk: IntentMatcher, text: str, intent: Intent, sku: str, quantity: int | None
) -> None:
    parsed = kiosk.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (intent, sku, quantity), parsed
