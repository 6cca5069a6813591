"""Intent words in French, English and Wolof, SMS shorthand and misspellings."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher
from intents.fuzzy import truncated_first
from intents.keywords import Cue, detect_cues
from intents.normalize import tokenize

CASES = [
    # stock_query
    ("stock", "riz", "stock_query"),
    ("stok", "riz", "stock_query"),
    ("stoc", "riz", "stock_query"),
    ("cb il reste", "riz", "stock_query"),
    # SMS "rest" / "rst" is "reste", never "reset" (a cancel)
    ("il rest cb", "riz", "stock_query"),
    ("cb de sac il rest", "riz", "stock_query"),
    ("rst", "riz", "stock_query"),
    ("ñaata la des", "ceeb", "stock_query"),
    ("how much is left", "rice", "stock_query"),
    ("disponible ?", "farine", "stock_query"),
    # sale
    ("vente", "riz 3", "sale"),
    ("vendu", "3 riz", "sale"),
    ("vandu", "3 riz", "sale"),
    ("g vendu", "3 riz", "sale"),
    ("jaay naa", "3 riz", "sale"),
    ("sold", "3 rice", "sale"),
    # receipt
    ("reçu", "3 riz", "receipt"),
    ("recu", "3 riz", "receipt"),
    ("arrivé", "3 riz", "receipt"),
    ("arrivée de", "3 riz", "receipt"),
    ("livraison", "3 riz", "receipt"),
    ("livrason", "3 riz", "receipt"),
    ("received", "3 rice", "receipt"),
    # restock
    ("commander", "riz 3", "restock"),
    ("comander", "riz 3", "restock"),
    ("racheter", "3 riz", "restock"),
    ("jënd", "3 riz", "restock"),
    ("order", "3 rice", "restock"),
    ("réapprovisionner", "riz 3", "restock"),
]


@pytest.mark.parametrize(("verb", "rest", "intent"), CASES)
def test_intent_words(store: IntentMatcher, verb: str, rest: str, intent: str) -> None:
    result = store.parse(f"{verb} {rest}")
    assert result.intent == intent
    assert result.product is not None


ALONE = [
    ("inventaire", "stock_overview"),
    ("invantaire", "stock_overview"),
    ("inventory", "stock_overview"),
    ("alertes", "low_stock"),
    ("ruptures", "low_stock"),
    ("aide", "help"),
    ("aidde", "help"),
    ("ndimbal", "help"),
    ("annuler", "cancel"),
    ("anuler", "cancel"),
    ("laisse tomber", "cancel"),
    ("waaw", "yes"),
    ("ouais", "yes"),
    ("wi", "yes"),
    ("déet", "no"),
    ("nope", "no"),
    ("ouii", "yes"),
    ("d'acc", "yes"),
    ("lan moo jeex ?", "low_stock"),
    ("nanga def", "greeting"),
    ("slt", "greeting"),
    ("bjr", "greeting"),
    ("mrc", "greeting"),
    ("jërëjëf", "greeting"),
    ("salamalekum", "greeting"),
    # one typo in a long greeting that starts with a shorter one (`salam`): the long one
    ("salamaalekum", "greeting"),
    ("asalaamalekum", "greeting"),
    ("salamaleikoumm chef", "greeting"),
    ("hamdoulilaah", "greeting"),
    # a word typed short is read as the keyword it starts (not "sale", "reçois")
    ("salu", "greeting"),
    ("au revoi", "greeting"),
]


@pytest.mark.parametrize(("text", "intent"), ALONE)
def test_words_alone(store: IntentMatcher, text: str, intent: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, None, None)


@pytest.mark.parametrize("text", ["edit", "modifier", "change", "corriger", "soppi"])
def test_asking_to_change_is_no_command(store: IntentMatcher, text: str) -> None:
    """An answer to a confirmation, read there: `edit` is no typo of `exit` (a cancel)."""
    assert store.parse(text).intent == "unknown"
    assert store.parse("exit").intent == "cancel"


def test_typo_read_as_the_word_it_starts() -> None:
    """Two keywords as close as each other: a word typed short is the one it is the start of
    (SMS drops the end: ``rest`` is ``reste``, not ``reset``)."""
    assert truncated_first("rest", ("reset", "reste")) == "reste"
    assert truncated_first("rset", ("reset", "reste")) == "reset"


def test_typo_lowers_the_score(store: IntentMatcher) -> None:
    assert store.parse("sttock riz").score < store.parse("stock riz").score


def test_wolof_des_is_remain_only_at_the_end() -> None:
    assert Cue.STOCK in detect_cues(["ceeb", "des", "na"], {})
    assert Cue.STOCK not in detect_cues(["des", "sac"], {})


@pytest.mark.parametrize(
    ("text", "asks_what"),
    [
        ("qu'est-ce que je dois commander", True),
        ("ce que je dois commander", True),
        ("est-ce que je peux commander", False),
    ],
)
def test_what_questions(text: str, asks_what: bool) -> None:
    keys = [t.key for t in tokenize(text)]
    assert (Cue.WHAT in detect_cues(keys, {})) is asks_what


def test_phrase_hides_its_words() -> None:
    cues = detect_cues([t.key for t in tokenize("pas besoin")], {})
    assert Cue.NO in cues
    assert Cue.ORDER not in cues


HOW_TO = [
    # "comment" + a verb asks how to use the bot, whatever the verb
    ("comment signaler une vente", "help"),
    ("comment déclarer une livraison ?", "help"),
    ("comment modifier une commande", "help"),
    ("comment consulter le stock", "help"),
    ("comment est-ce qu'on ajoute un produit", "help"),
    ("comment je peux voir le stock", "help"),
    ("comment faire pour commander", "help"),
    ("how do I record a sale", "help"),
    # "comment" + how someone is: small talk
    ("comment tu vas", "greeting"),
    ("comment ça va", "greeting"),
    ("comment vous allez ?", "greeting"),
    ("bonjour comment allez-vous", "greeting"),
    ("comment va la famille", "greeting"),
]


@pytest.mark.parametrize(("text", "intent"), HOW_TO)
def test_how_to_needs_a_verb(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


FALSE_FRIENDS = [
    "le livreur est en retard",  # livre + ur
    "le vendeur est parti",  # vend + eur
    "on se voit vendredi",  # vendre + di
    "où est le commandant ?",  # two typos from commandons, and nothing to order
    "comment va la famille",  # two typos from faible
    "le livre est sur la table",  # livré without its accent, and nothing delivered
    "j'arrive",
    "le patron est sorti",
    "je rentre à la maison",
    "appelle le fournisseur",
    "ok got it",
]


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_everyday_words_are_not_commands(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert result.intent not in {"receipt", "sale", "restock", "low_stock", "stock_query"}
    assert (result.product, result.candidates, result.quantity) == (None, [], None)


TYPOS = [
    ("aletres", "low_stock"),  # two letters swapped: one edit
    ("vendut 2 riz", "sale"),  # vendu + one letter is still a typo
    ("commandée 10 sacs de riz", "restock"),
    ("annulée", "cancel"),
    ("commnader 3 sacs de riz", "restock"),
    ("alrtes", "low_stock"),
]


@pytest.mark.parametrize(("text", "intent"), TYPOS)
def test_typos_of_keywords_still_work(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


def test_a_corrected_word_with_nothing_behind_it_is_no_transaction(store: IntentMatcher) -> None:
    assert store.parse("comander 3 riz").intent == "restock"
    assert store.parse("comander").intent != "restock"


VOCABULARY = [
    ("we got 20 bags of rice today", "receipt"),
    ("le fournisseur a déposé 10 sacs de riz", "receipt"),
    ("stock entrant 40 sacs de sucre", "receipt"),
    ("réceptionné 10 sacs de farine", "receipt"),
    ("pas du tout", "no"),
    ("na nga def", "greeting"),
    ("asalamalekum", "greeting"),
    ("salamalekoum boss", "greeting"),
    ("lan laa war jënd?", "low_stock"),
    # a price question naming a product is off-topic, a count is not
    ("c'est combien le sac de riz", "unknown"),
    ("le sac de riz est à combien", "unknown"),
    ("combien la bouteille de gaz 6kg", "unknown"),
    ("il y a combien de sacs de riz", "stock_query"),
    ("on a combien de riz", "stock_query"),
    # "how much" with the stock named asks the quantity held, a price word still asks a price
    ("c'est combien le stock de riz", "stock_query"),
    ("c est combien le stock de sucre", "stock_query"),
    ("ca fait combien le stock de riz", "stock_query"),
    ("prix du stock de riz", "unknown"),
    # someone else who bought is a customer: a sale; what the manager bought came in (as
    # Wolof `jënd naa`); what must be bought, an order
    ("un monsieur a acheté 2 sacs de riz", "sale"),
    ("elle a achete 3 cartons de savon", "sale"),
    ("une dame a acheté 2 bouteilles de gaz 12kg", "sale"),
    ("j'ai acheté 10 sacs de riz", "receipt"),
    ("il faut acheter 10 sacs de riz", "restock"),
    ("on a acheté 10 sacs de sucre", "receipt"),
    ("j'achète 10 sacs de riz", "restock"),
]


@pytest.mark.parametrize(("text", "intent"), VOCABULARY)
def test_vocabulary(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


def test_keyword_tables_are_read_only() -> None:
    from intents.keywords import PHRASES, SINGLE_WORD_CUES, WORDS

    with pytest.raises(TypeError):
        WORDS[Cue.SELL] = frozenset()  # type: ignore[index]
    with pytest.raises(TypeError):
        PHRASES[Cue.NO] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        SINGLE_WORD_CUES["vendu"] = Cue.ORDER  # type: ignore[index]
    assert isinstance(WORDS[Cue.SELL], frozenset)


SMALL_TALK = [
    # farewells and wishes
    ("bon courage à toi", "greeting"),
    ("bon courage boss", "greeting"),
    ("à demain", "greeting"),
    ("a demain", "greeting"),
    ("à plus", "greeting"),
    ("a+", "greeting"),
    ("à plus tard", "greeting"),  # not the "plus tard" of a deferred answer
    ("à bientôt", "greeting"),
    ("à tout à l'heure", "greeting"),
    ("à la prochaine", "greeting"),
    ("bonne journée", "greeting"),
    ("bonne soirée chef", "greeting"),
    ("bonne nuit", "greeting"),
    ("bonne continuation", "greeting"),
    ("bon week-end", "greeting"),
    ("ciao", "greeting"),
    ("see you", "greeting"),
    ("good night", "greeting"),
    # how is it going, and its answers
    ("on dit quoi", "greeting"),
    ("ça roule ?", "greeting"),
    ("quoi de neuf", "greeting"),
    ("ça va aller", "greeting"),
    ("tranquille", "greeting"),
    ("alhamdoulillah", "greeting"),
    # thanks
    ("merci beaucoup", "greeting"),
    ("merci infiniment", "greeting"),
    ("je vous remercie", "greeting"),
    # Wolof: until next time, thanks, I am here
    ("ba beneen", "greeting"),
    ("ba beneen yoon", "greeting"),
    ("salamaleekum", "greeting"),
    ("ba suba", "greeting"),
    ("jërëjëf", "greeting"),
    ("mangi fi", "greeting"),
    ("maa ngi fi rek", "greeting"),
    # a command still wins over the small talk around it
    ("bon courage, vendu 3 sacs de riz", "sale"),
    ("ça roule ? stock riz stp", "stock_query"),
]


@pytest.mark.parametrize(("text", "intent"), SMALL_TALK)
def test_small_talk_and_farewells(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


NEGATIONS = [
    "surtout pas",
    "jamais",
    "non jamais",
    "pas question",
    "hors de question",
    "absolument pas",  # not the "absolument" of a yes
    "certainement pas",
    "pas d'accord",  # not the "d'accord" of a yes
    "no way",
]


@pytest.mark.parametrize("text", NEGATIONS)
def test_negations(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == ("no", None, None)


def test_a_phrase_inside_a_longer_one_is_its_words() -> None:
    cues = detect_cues([t.key for t in tokenize("à plus tard")], {})
    assert Cue.GREET in cues
    assert Cue.NO not in cues
    cues = detect_cues([t.key for t in tokenize("absolument pas")], {})
    assert (Cue.NO in cues, Cue.YES in cues) == (True, False)


NOUN_FORMS = [
    # the noun of a command word is the command
    ("réapprovisionnement huile 20 litres 8 bidons", "restock", "HUILE-20L", 8),
    ("reapprovisionnement riz 10 sacs", "restock", "RIZ-BRISE-50", 10),
    ("approvisionnement 10 sacs de riz", "restock", "RIZ-BRISE-50", 10),
    ("réappro 5 sacs de farine", "restock", "FARINE-50", 5),
    ("réassort riz 10 sacs", "restock", "RIZ-BRISE-50", 10),
    ("ravitaillement 12 sacs de sucre", "restock", "SUCRE-50", 12),
    ("rachat 3 cartons de pâtes", "restock", "PATES-500", 3),
    ("achat 3 cartons de pâtes", "restock", "PATES-500", 3),
    ("commande 10 sacs de riz", "restock", "RIZ-BRISE-50", 10),
    ("vente 3 sacs de riz", "sale", "RIZ-BRISE-50", 3),
    ("vendu 3 sacs de riz", "sale", "RIZ-BRISE-50", 3),
    ("sortie 3 sacs de riz", "sale", "RIZ-BRISE-50", 3),
    ("livraison 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
    ("livré 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
    ("arrivage 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
    ("arrivée 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
    ("réception 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
    ("entrée 10 sacs de riz", "receipt", "RIZ-BRISE-50", 10),
]


@pytest.mark.parametrize(("text", "intent", "sku", "quantity"), NOUN_FORMS)
def test_noun_and_verb_forms_of_commands(
    store: IntentMatcher, text: str, intent: str, sku: str, quantity: int
) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, sku, quantity)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("réapprovisionnement", "restock"), ("approvisionnement", "restock"),
     ("inventorier", "stock_overview"), ("inventaire", "stock_overview")],
)  # fmt: skip
def test_noun_forms_alone(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


WHOLE_STOCK = [
    "STOCK GÉNÉRAL",
    "stock general",
    "full stock please",
    "stock complet",
    "tout le stock",
    "état du stock",
    "all stock",
    "whole stock",
    "stock total",
    "l'ensemble du stock",
    "le point sur le stock",
    "faire le point du stock",
    "stock de la boutique",
    "tous les produits",
    "mes produits",
]


@pytest.mark.parametrize("text", WHOLE_STOCK)
def test_whole_stock_phrasings(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.candidates) == ("stock_overview", None, [])


LOW_STOCK = [
    "ce qui est bientôt fini",
    "dis moi ce qui va manquer",
    "ce qui manque",
    "les ruptures",
    "what is running out",
    "qu'est-ce qui est fini",
    "qu'est-ce qui va finir",
    "ce qui est presque épuisé",
    "ce qui reste peu",
    "what ran out",
]


@pytest.mark.parametrize("text", LOW_STOCK)
def test_low_stock_phrasings(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.candidates) == ("low_stock", None, [])


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("le riz est bientôt fini ?", "stock_query"),  # about one product: its stock
        ("c'est fini", "unknown"),  # done, not out of stock
        ("j'ai fini", "unknown"),
    ],
)
def test_finished_needs_a_what_or_a_product(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


WHAT_TO_TYPE = [
    "koi taper pour voir le stock",
    "quoi taper pour voir le stock",
    "que taper pour vendre",
    "qu'est-ce que je tape",
    "qu'est-ce que je dois taper pour commander",
    "je tape quoi pour le stock du riz",
    "on écrit quoi pour une livraison",
    "comment écrire une vente",
    "what do I type",
    "c'est quoi les mots clés ?",
    "les mots-clés",
    "les commandes ?",
    "vos commandes",
    "c quoi les commandes",
    "liste des commandes",
]


@pytest.mark.parametrize("text", WHAT_TO_TYPE)
def test_what_to_type_is_help(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == ("help", None, None)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("tape stock riz", "stock_query"),  # a typing verb without a question is no how-to
        ("envoie moi ce qu'il reste", "stock_overview"),  # "ce que" is not a question
        ("les commandes de riz", "restock"),
        ("commander", "restock"),
    ],
)
def test_typing_verbs_and_commands_otherwise(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


def test_short_off_topic_words_are_no_typo_targets(store: IntentMatcher) -> None:
    # "pies" is a typo of "piles", not of "pire"; "poire" is not "pire" either
    assert store.parse("stok pies aa").product == "PILES-AA"
    assert store.parse("stock poire").intent == "stock_query"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("vandou 2 riz", Intent.SALE),
        ("vandu 2 riz", Intent.SALE),
        ("komander 10 riz", Intent.RESTOCK),
        ("resu 5 riz", Intent.RECEIPT),
    ],
)
def test_verbs_spelled_as_heard(store: IntentMatcher, text: str, intent: Intent) -> None:
    """Further than the typos forgiven, but sounding like the verb: asked about, not lost."""
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product) == (intent, "RIZ-BRISE-50")


def test_spelled_as_heard_groups_words_of_one_meaning() -> None:
    from intents.sounds import by_sound, sound

    assert sound("vandou") == sound("vendu") == sound("vendus")
    heard = by_sound({"commande": "order", "commander": "order", "vente": "a", "vante": "b"})
    assert heard[sound("komander")] in {"commande", "commander"}
    assert sound("vente") not in heard  # two meanings, one sound: neither
