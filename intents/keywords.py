"""Intent vocabulary: which words hint at which meaning, and tolerant detection of them.

A message is read as a set of *cues* (``Cue.SELL``, ``Cue.GREET``...); the matcher combines
cues with the products found to decide the intent, following the precedence of the guide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType

from intents.normalize import word_key, word_keys
from intents.units import UNIT_WORDS


class Cue(StrEnum):
    STOCK = "stock"  # stock, reste, combien, ñaata...
    LOOK = "look"  # voir, check, show: needs a product or "tout" to mean anything
    OVERVIEW = "overview"  # inventaire, bilan
    ALL = "all"  # tout, everything, lépp
    LIST = "list"
    GOODS = "goods"  # produits, articles
    LOW = "low"  # alerte, rupture, manque
    ORDER = "order"  # commander, racheter, jënd
    SELL = "sell"  # vendu, jaay
    CLIENT = "client"
    RECEIVE = "receive"  # reçu, arrivée, livraison
    HELP = "help"
    HOWTO = "howto"  # "comment on fait", "how do I"
    CANCEL = "cancel"
    YES = "yes"
    NO = "no"
    GREET = "greet"
    THANKS = "thanks"
    POLITE = "polite"
    WHAT = "what"  # quoi, quel, what, lan: turns "commander" into "what should I order"
    OFFTOPIC = "offtopic"  # prix, marché, "c'est combien": market talk is not a stock question


WORDS: Mapping[Cue, frozenset[str]] = MappingProxyType({
    Cue.STOCK: word_keys(
        "stock stok stoc stocks reste restant restants restante rester restent quantite niveau "
        "combien naata left remaining remain available disponible disponibles encore"
    ),
    Cue.LOOK: word_keys("voir verifier verifie check show montre montrer affiche afficher donne"),
    Cue.OVERVIEW: word_keys(
        "inventaire inventorier inventory overview bilan recap recapitulatif resume situation "
        "etat"
    ),
    Cue.ALL: word_keys(
        "tout tous toute toutes all everything lepp global globale general generale complet "
        "complete total entier entiere ensemble full whole entire boutique magasin shop"
    ),
    Cue.LIST: word_keys("liste list lister"),
    Cue.GOODS: word_keys("produits produit articles article marchandises products items"),
    Cue.LOW: word_keys(
        "alerte alertes alert alerts rupture ruptures manque manquent manquant manquants "
        "manquer epuise epuises critique critiques seuil shortage low bas faible jeex"
    ),
    Cue.ORDER: word_keys(
        "commander commande commandes commandez commandons recommander recommande racheter "
        "rachete rachat acheter achete achat reapprovisionner reapprovisionnement reappro appro "
        "approvisionner approvisionnement reassort reassortiment reassortir ravitailler "
        "ravitaillement precommande precommander order reorder restock restocking buy purchase "
        "jend jenda jenal komande komandeel besoin need"
    ),
    Cue.SELL: word_keys(
        "vente ventes vendre vendu vendus vendue vendues vend vends vendons vendez vendent "
        "sold sell sells selling sale sales jaay jaaye jaaynaa sorti sortie sorties ecoule"
    ),
    Cue.CLIENT: word_keys("client clients cliente customer"),
    Cue.RECEIVE: word_keys(
        "recu recus recue recues recevoir reception receptionne receptionner recois recevons "
        "arrive arrivee arrivees arrives arrivage arriver livraison livraisons livre livres "
        "livree entre entree entrant entrants rentre received receive receipt delivery delivered "
        "arrived arrival got ajoute ajouter ajout add added jot agsi dechargement decharge "
        "debarque depose deposee deposes fournisseur"
    ),
    Cue.HELP: word_keys(
        "aide aider aidez help ndimbal dimbali dimbal menu tuto tutoriel instruction "
        "instructions emploi utiliser utilise fonctionne fonctionnement explique expliquer "
        "explication guide keyword keywords syntaxe raccourci"
    ),
    Cue.CANCEL: word_keys(
        "annuler annule annulez annulation cancel stop stopper arrete arreter abandonne "
        "abandonner abandon oublie oublier forget nevermind quit quitter exit reset bayyi "
        "bayil baayil"
    ),
    Cue.YES: word_keys(
        "oui yes yep yeah yup ok daccord exact exactement voila confirme confirmer "
        "confirmation valide valider correct parfait waaw sure absolument affirmatif "
        "certainement"
    ),
    Cue.NO: word_keys("non no nope nan nah deet deedeet negatif incorrect faux jamais mukk"),
    Cue.GREET: word_keys(
        "bonjour bonsoir salut hello hi hey coucou salam salamalekum salamaleykoum "
        "salamaleikoum salamalekoum salamaleikum salamaleykum asalamalekum assalamalekum "
        "asalamaleykoum assalamaleykoum assalamualaikum assalamu alaykum aleykoum aleikum "
        "malekum maalekum nanga naka mangi jamm cava bye morning evening revoir ciao tchao "
        "bisous courage bientot tranquille alhamdoulillah alhamdulillah hamdoulillah "
        "hamdoulilah salamaleekum salaamaleekum asalaamaaleekum assalaamaaleekum maaleekum "
        "aleekum"
    ),
    Cue.THANKS: word_keys(
        "merci mercis thanks thank remercie remercier remerciement infiniment jerejef jerrejef "
        "jarajef"
    ),
    Cue.POLITE: word_keys("stp boss chef patron frere frero bro ami amie mister madame monsieur"),
    Cue.WHAT: word_keys(
        "quoi what which quel quels quelle quelles lesquels lesquelles lequel lan"
    ),
    Cue.OFFTOPIC: word_keys(
        "prix price coute couter coutent cout cost tarif tarifs marche market cher recette "
        "cuisine cuire sante meteo pluie match benefice fcfa cfa franc "
        # prices going up or down, cheap or dear (Wolof yomb, seer, njëg)
        "augmenter augmente augmentation hausse baisser baisse cheap cheaper expensive yomb "
        "seer njeg "
        # comparisons and opinions: "le coca est meilleur que le fanta ?"
        "meilleur meilleure pire mieux difference compare comparer comparaison better best "
        "qualite quality conseil "
        # someone else's business: "le numéro du fournisseur", Wolof kan (who)
        "numero telephone contact adresse kan"
    ),
})  # fmt: skip

# Phrases need every word, in order, with nothing in between.
_FINISHED = ("fini", "finie", "termine", "terminee", "epuise", "epuisee")
_DAYS = ("demain", "bientot", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
         "dimanche", "tantot")  # fmt: skip
_WISHES = ("courage", "continuation", "chance", "fete", "semaine", "weekend", "dimanche",
           "appetit", "matinee", "retour", "route", "travail")  # fmt: skip
_WILL = ("dinaa", "dina", "dinanu", "dinanou", "danuy", "danouy", "damay", "dinay", "dinanuy")
_PHRASES = MappingProxyType({
    Cue.ORDER: (
        ("il", "faut"),
        ("il", "me", "faut"),
        ("il", "nous", "faut"),
        # Wolof: what will be bought is an order ("dinaa jënd", "danuy jënd", "bëgg naa jënd")
        *((will, "jend") for will in _WILL),
        ("begg", "naa", "jend"),
        ("bugg", "naa", "jend"),
    ),
    # Wolof: what was bought came in ("jënd naa", "dama jënd", "jënd nanu"): a receipt
    Cue.RECEIVE: (
        *(("jend", done) for done in ("naa", "na", "nanu", "nanou", "nan")),
        *((done, "jend") for done in ("dama", "danu", "danou", "dafa")),
        ("jendoon", "naa"),
    ),
    Cue.STOCK: (("il", "y", "a"), ("how", "many"), ("how", "much"), ("en", "reste")),
    # "faire le point (du stock)", "le point sur le stock": the whole stock
    Cue.OVERVIEW: (
        ("faire", "le", "point"),
        ("le", "point", "sur"),
        *(("point", *link, "stock") for link in ((), ("du",), ("de",), ("des",))),
    ),
    Cue.LOW: (
        ("running", "out"),
        ("run", "out"),
        ("ran", "out"),
        ("out", "of", "stock"),
        ("almost", "out"),
        ("almost", "finished"),
        *((early, done) for early in ("presque", "bientot") for done in _FINISHED),
        *(("qui", verb, done) for verb in ("est", "sont", "va", "vont") for done in _FINISHED),
        ("qui", "va", "finir"),
        ("qui", "vont", "finir"),
        ("qui", "finit"),
        ("qui", "finissent"),
        ("reste", "peu"),
        ("restent", "peu"),
    ),
    Cue.HELP: (
        ("commande", "possible"),
        ("commande", "disponible"),
        ("liste", "de", "commande"),
        ("quelle", "commande"),
        ("quel", "commande"),
        ("que", "peux", "tu", "faire"),
        ("what", "can", "you", "do"),
        ("comprends", "pas"),
        ("comprends", "rien"),
        ("sais", "pas"),
        ("ca", "marche", "comment"),
        ("liste", "des", "commande"),
        ("what", "to", "type"),
        ("i", "type"),
        ("mot", "cle"),
        ("mot", "clef"),
        ("key", "word"),
        ("quel", "mot"),
        ("quels", "mot"),
        ("comment", "ca", "marche"),
        ("comment", "ca", "fonctionne"),
    ),
    Cue.CANCEL: (("laisse", "tomber"), ("laisse", "ca"), ("tant", "pis"), ("never", "mind")),
    Cue.YES: (
        ("c", "est", "ca"),
        ("c", "est", "bon"),
        ("c", "bon"),
        ("d", "accord"),
        ("d", "acc"),
        ("c", "est", "note"),
        ("ca", "marche"),
        ("vas", "y"),
        ("bien", "sur"),
        ("tout", "a", "fait"),
        ("go", "ahead"),
        ("of", "course"),
    ),
    Cue.NO: (
        ("pas", "besoin"),
        ("pas", "la", "peine"),
        ("pas", "ca"),
        ("pas", "du", "tout"),
        ("pas", "maintenant"),
        ("plus", "tard"),
        ("surtout", "pas"),
        ("pas", "question"),
        ("hors", "de", "question"),
        ("absolument", "pas"),
        ("certainement", "pas"),
        ("pas", "vraiment"),
        ("pas", "d", "accord"),
        ("no", "thanks"),
        ("no", "way"),
        ("not", "now"),
        ("not", "really"),
    ),
    Cue.GREET: (
        ("ca", "va"),
        ("nanga", "def"),
        ("na", "nga", "def"),
        ("comment", "va"),
        ("comment", "vas"),
        ("comment", "allez"),
        ("tu", "vas"),
        ("vas", "tu"),
        ("vous", "allez"),
        ("allez", "vous"),
        ("bonne", "journee"),
        ("bonne", "soiree"),
        ("bonne", "nuit"),
        ("au", "revoir"),
        # farewells and wishes: "à demain", "a+" (à plus), "bon courage", "bonne continuation"
        ("a", "plus"),
        ("a", "plus", "tard"),
        ("a", "toute"),
        ("a", "tout", "a", "l", "heure"),
        ("a", "la", "prochaine"),
        *(("a", day) for day in _DAYS),
        ("a", "ce", "soir"),
        *((good, wish) for good in ("bon", "bonne") for wish in _WISHES),
        ("bon", "week", "end"),
        ("bon", "apres", "midi"),
        ("bonne", "apres", "midi"),
        ("ca", "roule"),
        ("on", "dit", "quoi"),
        ("ca", "dit", "quoi"),
        ("quoi", "de", "neuf"),
        ("how", "are", "you"),
        ("good", "morning"),
        ("good", "afternoon"),
        ("good", "evening"),
        ("good", "night"),
        ("good", "day"),
        ("nice", "day"),
        ("see", "you"),
        ("on", "se", "voit"),
        ("on", "se", "parle"),
        ("take", "care"),
        # Wolof: ba beneen (yoon) = until next time, ba suba = until tomorrow
        ("ba", "beneen"),
        ("ba", "beneen", "yoon"),
        ("ba", "suba"),
        ("ba", "ci", "kanam"),
        ("maa", "ngi", "fi"),
    ),
    Cue.WHAT: (("qu", "est"),),
    # price questions: "c'est combien le sac ?" (and see _asks_price); opinions ("c'est bon
    # pour les enfants", "ça vaut le coup"); who sells and where to buy
    Cue.OFFTOPIC: (
        ("c", "est", "combien"),
        ("ca", "fait", "combien"),
        ("bon", "pour"),
        ("ca", "vaut"),
        ("vaut", "le", "coup"),
        ("qui", "vend"),
        ("qui", "vendent"),
        ("ou", "trouver"),
        ("ou", "acheter"),
        ("who", "sell"),
        ("where", "to", "buy"),
        ("where", "can", "i", "buy"),
        # Wolof fan (where): "fan lañu jaaye ceeb ?"
        *(("fan", who) for who in ("la", "lanu", "lay", "nga", "ngay", "mu", "muy")),
    ),
})  # fmt: skip
PHRASES: Mapping[Cue, tuple[tuple[str, ...], ...]] = MappingProxyType({
    cue: tuple(tuple(word_key(w) for w in phrase) for phrase in phrases)
    for cue, phrases in _PHRASES.items()
})  # fmt: skip


# Every word of a phrase: a word written another way may be respelled into one of them.
PHRASE_WORDS = frozenset(word for phrases in PHRASES.values() for p in phrases for word in p)


def _phrases_by_first() -> Mapping[str, tuple[tuple[Cue, tuple[str, ...]], ...]]:
    by_first: dict[str, list[tuple[Cue, tuple[str, ...]]]] = defaultdict(list)
    for cue, phrases in PHRASES.items():
        for phrase in phrases:
            by_first[phrase[0]].append((cue, phrase))
    return MappingProxyType({first: tuple(entries) for first, entries in by_first.items()})


_PHRASES_BY_FIRST = _phrases_by_first()

# "comment" / "how" asks how to do something when a verb follows ("comment signaler une
# vente", "comment on fait"), possibly after a subject or modal ("comment est-ce qu'on
# ajoute", "comment je peux voir"); "comment tu vas" and "comment ça va" are greetings.
HOWTO_STARTERS = word_keys("comment how")
_HOWTO_SUBJECTS = word_keys("on je j nous")  # "comment (est-ce qu')on ...": always a how-to
_HOWTO_SKIPPED = word_keys(
    "est ce que qu faut il tu vous puis peux peut pourrais pourrait dois doit se s pour"
)
_HOWTO_VERBS = word_keys(
    "fait fais faites faire marche fonctionne procede utilise voir lire dire mettre remettre "
    "prendre vendre rendre ecrire inscrire recevoir savoir joindre"
)
_NOT_INFINITIVES = word_keys(
    "aller hier premier dernier papier panier cahier quartier janvier fevrier super soir"
)
_ENGLISH_HOWTO = word_keys("do does did to can could should i")
# "koi taper pour voir le stock", "qu'est-ce que je tape", "what do I write": asking what to
# type is asking how to use the bot.
TYPING_VERBS = word_keys(
    "taper tape tapes tapez tapons tapper tappe ecrire ecris ecrit ecrivez ecrivons envoyer "
    "envoie envoies envoyez write send"
)

_QUESTION_WORDS = word_keys("quoi quel quels quelle quelles comment what which how")


def _asks_what_to_type(keys: Sequence[str]) -> bool:
    """A question word with the typing verb: ``quoi``/``quel``/``comment``/``what``, or
    ``qu'est-ce que`` / a leading ``que`` ("que taper"), not the relative "ce que"."""
    return (
        keys[0] == "que"
        or any(k in _QUESTION_WORDS for k in keys)
        or any(k == "qu" and n == "est" for k, n in zip(keys, keys[1:], strict=False))
    )


def _is_infinitive(key: str) -> bool:
    return len(key) >= 5 and key.endswith(("er", "ir")) and key not in _NOT_INFINITIVES


def _asks_how(keys: Sequence[str], index: int) -> bool:
    following = keys[index + 1 : index + 5]
    if not following:
        return False
    if keys[index] == "how":
        return following[0] in _ENGLISH_HOWTO
    for key in following:
        if key in _HOWTO_SUBJECTS:
            return True
        if key not in _HOWTO_SKIPPED:
            return key in _HOWTO_VERBS or _is_infinitive(key)
    return False


# Function words of French, English and Wolof: never products, never fuzzy-corrected.
STOPWORDS = word_keys(
    "je j tu il elle on nous vous ils elles me moi te toi se s le la les l un une de d du des "
    "au aux a et ou en y ce c ca cet cette ces mon ma mes ton ta tes son sa ses notre nos "
    "votre vos leur leurs est es suis sont ai as avons avez ont avoir etre pas ne n plus pour "
    "par sur dans avec sans qui que qu si t bien tres trop deja aujourd hui maintenant ici "
    "faire fait fais veux voudrais voulais voudrait peux peut dois doit faut va vais vas "
    "allez aller mettre mets met passe passer donner dit dire svp comme alors donc mais "
    "juste seulement aussi encore svp quand combien comment pourquoi ou oui non vers bon "
    "mal quelqu chose rien tous fois "
    "the a an of to in on for is are was were do does did i we you my our it this that "
    "have has had how what some any there much many me can need want with at from by "
    "naa na nga bi bu ba yi ak ci ko dafa am amna lan nu mu ma li yu ngay dama sama sa "
    "ngi def dina dinaa laa la bii boobu ni nii rek sax war "
    # everyday short words: a typo of nothing ("dis moi" is not the oil alias "diw")
    "dis dit di gars lui eux ceci cela celui celle ceux vos nos mes tes ses cet car puis donc ni "
    "meme autre tel dont chez sous apres avant depuis vite tard tot hier soir matin jour nuit "
    "mois ans ben bah bof hein quoi voila voici sait sais vois voit mis pris font vont ete "
    "etait sera "
    "and but not get let see say out put new why who its his her him she they them then "
    "than when will just also only very here your yes too off per "
    # English small talk around a greeting: "good evening, hope the day went well"
    "hope hoping well fine great nice today day went going doing everyone family guys "
    "yow man maa moo mooy nun yeen loo kay rekk waay moom foofu fii fi fa"
)
# Words that are stopwords in English only: "the" must not become "thé" in English text.
ENGLISH_MARKERS = word_keys(
    "the what how is are of many much do does i we my have has left sold bought received "
    "please any there all show need order want can you from for with at to it this that our "
    "your be"
)


def _single_word_cues() -> Mapping[str, Cue]:
    cues: dict[str, Cue] = {}
    for cue, words in WORDS.items():
        for word in words:
            cues.setdefault(word, cue)  # a word listed under two cues keeps the first
    return MappingProxyType(cues)


SINGLE_WORD_CUES = _single_word_cues()
KEYWORD_VOCABULARY = frozenset(SINGLE_WORD_CUES)

# How firmly a word says that stock moved; when a message holds several transaction words,
# the firmest decides, then the earliest ("commande 20 sacs, livraison demain" is an order).
_DONE = word_keys(  # a movement that happened: "la commande est arrivée" is a receipt
    "recu recue recus recues arrive arrivee arrivees livre livree livrees received delivered "
    "arrived got rentre entre depose deposee decharge debarque receptionne vendu vendue vendus "
    "vendues sold ecoule sorti"
)
# Who, not what: "le fournisseur a déposé 10 sacs", but "le numéro du fournisseur de riz"
# reports nothing: a hint makes a transaction only with an amount.
_HINTS = word_keys("fournisseur")
# Words that are everyday words too ("le livre", "j'arrive", "il est sorti", "got it", "besoin
# d'un chauffeur"): they make a transaction only with a product or an amount behind them, as
# typo-corrected words do.
_EVERYDAY = _HINTS | word_keys("livre arrive rentre entre sorti sortie got besoin need")
TRANSACTION_CUES = (Cue.RECEIVE, Cue.SELL, Cue.ORDER)
# Infinitives of transaction verbs: "pour livrer", "à vendre" may serve another verb.
INFINITIVES = word_keys(
    "commander recommander racheter acheter reapprovisionner approvisionner ravitailler "
    "reassortir precommander vendre recevoir receptionner arriver livrer ajouter decharger "
    "deposer sortir ecouler rentrer entrer"
)
_STOCK_NOUNS = word_keys("stock stok stoc")


class Strength(IntEnum):
    """Lower is firmer."""

    DONE = 0
    ACT = 1
    HINT = 2
    CORRECTED = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue word (or phrase): where, which keyword, and whether it was a corrected typo."""

    cue: Cue
    position: int
    word: str
    corrected: bool

    @property
    def strength(self) -> Strength:
        if self.corrected:
            return Strength.CORRECTED
        if self.word in _HINTS:
            return Strength.HINT
        return Strength.DONE if self.word in _DONE else Strength.ACT

    @property
    def needs_backing(self) -> bool:
        """A typo fixed or an everyday word: a transaction only with something behind it."""
        return self.corrected or self.word in _EVERYDAY


@dataclass(frozen=True, slots=True)
class Cues:
    """Cues found in a message, the positions they use, and the single-word hits."""

    found: frozenset[Cue]
    positions: frozenset[int]
    hits: tuple[Hit, ...]

    def __contains__(self, cue: object) -> bool:
        return cue in self.found

    @property
    def fuzzy(self) -> bool:
        """Some cue rests on a typo-corrected word."""
        return any(hit.corrected for hit in self.hits)

    @property
    def asks_stock(self) -> bool:
        """A stock question (``il reste``, ``combien``, ``ñaata``), not the noun ``en stock``."""
        return any(hit.cue is Cue.STOCK and hit.word not in _STOCK_NOUNS for hit in self.hits)

    def transaction(self, counts: Callable[[Hit], bool] = lambda _hit: True) -> Hit | None:
        """The transaction word that decides: firmest first, then earliest, among the hits
        that ``counts``."""
        hits = [hit for hit in self.hits if hit.cue in TRANSACTION_CUES and counts(hit)]
        return min(hits, key=lambda hit: (hit.strength, hit.position), default=None)


def _phrase_hits(keys: Sequence[str]) -> list[tuple[Cue, range]]:
    """Phrases found; one inside a longer one is that one's words ("à plus tard" is a
    farewell, not "plus tard"; "absolument pas" is a no, not "absolument")."""
    hits: list[tuple[Cue, range]] = []
    for start, key in enumerate(keys):
        for cue, phrase in _PHRASES_BY_FIRST.get(key, ()):
            end = start + len(phrase)
            if tuple(keys[start:end]) == phrase:
                hits.append((cue, range(start, end)))
    if len(hits) < 2:
        return hits
    return [
        (cue, span)
        for cue, span in hits
        if not any(
            len(other) > len(span) and other.start <= span.start and span.stop <= other.stop
            for _, other in hits
        )
    ]


_WHAT_FOLLOWERS = word_keys("dois doit faut je on il commander recommander manque reste")
_DEFINITE = word_keys("le la l les")


def _asks_what(keys: Sequence[str], index: int) -> bool:
    """``ce que je dois commander`` asks *what*; ``est-ce que je peux`` does not."""
    before = tuple(keys[max(0, index - 2) : index])
    if before[-2:] == ("est", "ce"):
        return False
    if before[-1:] == ("ce",):
        return True
    return index + 1 < len(keys) and keys[index + 1] in _WHAT_FOLLOWERS


_PRICE_MOVES = word_keys("augmenter augmente augmentation hausse baisser baisse")
_HAVE_SUBJECTS = word_keys("y on il elle qui en")  # "il y a combien", "on a combien": a count


def _asks_price(keys: Sequence[str], index: int) -> bool:
    """``combien le sac ?`` (the price of one unit, not a count) and ``à combien`` (``le sac
    est à combien``, ``à combien tu vends le riz``), but not ``il y a combien``."""
    if index and keys[index - 1] == "a":
        return index == 1 or keys[index - 2] not in _HAVE_SUBJECTS
    following = keys[index + 1 : index + 3]
    return len(following) == 2 and following[0] in _DEFINITE and following[1] in UNIT_WORDS


def detect_cues(keys: Sequence[str], corrections: Mapping[int, str]) -> Cues:
    """Find cues; ``corrections`` maps positions of unknown words to a corrected keyword."""
    found: set[Cue] = set()
    positions: set[int] = set()
    hits: list[Hit] = []
    for cue, span in _phrase_hits(keys):
        found.add(cue)
        positions.update(span)
        hits.append(Hit(cue, span.start, " ".join(keys[span.start : span.stop]), corrected=False))
    for index, key in enumerate(keys):
        if index in positions:  # a phrase already explains this word ("pas besoin")
            continue
        word = corrections.get(index, key)
        single = SINGLE_WORD_CUES.get(word)
        if key == "combien" and _asks_price(keys, index):
            found.add(Cue.OFFTOPIC)
            positions.add(index)
        elif single is not None:
            if (
                single is Cue.OFFTOPIC
                and key in _PRICE_MOVES
                and any(k in _STOCK_NOUNS for k in keys)
            ):
                continue  # "le stock de riz a augmenté" is about stock, not prices
            found.add(single)
            positions.add(index)
            hits.append(Hit(single, index, word, corrected=index in corrections))
        elif key in HOWTO_STARTERS and _asks_how(keys, index):
            found.add(Cue.HOWTO)
            positions.update((index, index + 1))
        elif key in {"que", "qui"} and _asks_what(keys, index):
            found.add(Cue.WHAT)
        if key in TYPING_VERBS and _asks_what_to_type(keys):
            found.add(Cue.HOWTO)
            positions.add(index)
    # Wolof "des" (remains) only right before "na"/"?" end, never the French article.
    for index, key in enumerate(keys):
        if key == "des" and (index + 1 == len(keys) or keys[index + 1] in {"na", "nanu"}):
            found.add(Cue.STOCK)
            positions.add(index)
            hits.append(Hit(Cue.STOCK, index, key, corrected=False))
    return Cues(frozenset(found), frozenset(positions), tuple(hits))
