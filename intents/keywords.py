"""Intent vocabulary: which words hint at which meaning, and tolerant detection of them.

A message is read as a set of *cues* (``Cue.SELL``, ``Cue.GREET``...); the matcher combines
cues with the products found to decide the intent, following the precedence of the guide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from intents.normalize import word_key, word_keys


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
    WHAT = "what"  # quoi, quel, what: turns "commander" into "what should I order"
    OFFTOPIC = "offtopic"  # prix, marché: market talk is not a stock question


WORDS: dict[Cue, frozenset[str]] = {
    Cue.STOCK: word_keys(
        "stock stok stoc stocks reste restant restants restante rester restent quantite niveau "
        "combien naata left remaining remain available disponible disponibles encore"
    ),
    Cue.LOOK: word_keys("voir verifier verifie check show montre montrer affiche afficher donne"),
    Cue.OVERVIEW: word_keys(
        "inventaire inventory overview bilan recap recapitulatif resume situation etat"
    ),
    Cue.ALL: word_keys("tout tous toute toutes all everything lepp global complet total entier"),
    Cue.LIST: word_keys("liste list lister"),
    Cue.GOODS: word_keys("produits produit articles article marchandises products items"),
    Cue.LOW: word_keys(
        "alerte alertes alert alerts rupture ruptures manque manquent manquant manquants "
        "epuise epuises critique critiques seuil shortage low bas faible jeex"
    ),
    Cue.ORDER: word_keys(
        "commander commande commandes commandez commandons recommander recommande racheter "
        "rachete acheter achete achat reapprovisionner reappro appro approvisionner "
        "ravitailler order reorder restock buy purchase jend jenda jenal besoin need"
    ),
    Cue.SELL: word_keys(
        "vente ventes vendre vendu vendus vendue vendues vend vends vendons vendez vendent "
        "sold sell sells selling sale sales jaay jaaye jaaynaa sorti sortie sorties ecoule"
    ),
    Cue.CLIENT: word_keys("client clients cliente customer"),
    Cue.RECEIVE: word_keys(
        "recu recus recue recues recevoir reception recois recevons arrive arrivee arrivees "
        "arrives arrivage arriver livraison livraisons livre livres livree entree rentre "
        "received receive receipt delivery delivered arrived arrival ajoute ajouter ajout "
        "add added jot agsi dechargement decharge debarque"
    ),
    Cue.HELP: word_keys(
        "aide aider aidez help ndimbal dimbali dimbal menu tuto tutoriel instruction "
        "instructions emploi utiliser utilise fonctionne fonctionnement explique expliquer "
        "explication guide"
    ),
    Cue.CANCEL: word_keys(
        "annuler annule annulez annulation cancel stop stopper arrete arreter abandonne "
        "abandonner abandon oublie oublier forget nevermind quit quitter exit reset bayyi "
        "bayil baayil"
    ),
    Cue.YES: word_keys(
        "oui yes yep yeah yup ok daccord exact exactement voila confirme confirmer "
        "confirmation valide valider correct parfait waaw waw sure absolument affirmatif "
        "certainement"
    ),
    Cue.NO: word_keys("non no nope nan nah deet dedet deedeet negatif incorrect faux"),
    Cue.GREET: word_keys(
        "bonjour bonsoir salut hello hi hey coucou salam salamalekum salamaleykoum "
        "salamaleikoum assalamu alaykum aleykoum nanga naka mangi jamm cava bye morning "
        "evening revoir"
    ),
    Cue.THANKS: word_keys("merci thanks thank jerejef jerrejef jarajef dieuredieuf dieureudieuf"),
    Cue.POLITE: word_keys("stp boss chef patron frere frero bro ami amie mister madame monsieur"),
    Cue.WHAT: word_keys("quoi what which quel quels quelle quelles lesquels lesquelles lequel"),
    Cue.OFFTOPIC: word_keys(
        "prix price coute couter coutent cout cost tarif tarifs marche market cher recette "
        "cuisine cuire sante meteo pluie match benefice fcfa cfa franc"
    ),
}

# Phrases need every word, in order, with nothing in between.
PHRASES: dict[Cue, tuple[tuple[str, ...], ...]] = {
    Cue.ORDER: (("il", "faut"), ("il", "me", "faut"), ("il", "nous", "faut")),
    Cue.STOCK: (("il", "y", "a"), ("how", "many"), ("how", "much"), ("en", "reste")),
    Cue.LOW: (("running", "out"), ("out", "of", "stock"), ("presque", "fini")),
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
        ("comment", "ca", "marche"),
        ("comment", "ca", "fonctionne"),
    ),
    Cue.CANCEL: (("laisse", "tomber"), ("laisse", "ca"), ("tant", "pis"), ("never", "mind")),
    Cue.YES: (
        ("c", "est", "ca"),
        ("c", "est", "bon"),
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
        ("pas", "maintenant"),
        ("plus", "tard"),
        ("no", "thanks"),
        ("not", "now"),
    ),
    Cue.GREET: (
        ("ca", "va"),
        ("nanga", "def"),
        ("bonne", "journee"),
        ("bonne", "soiree"),
        ("bonne", "nuit"),
        ("au", "revoir"),
        ("a", "plus"),
        ("how", "are", "you"),
        ("good", "morning"),
    ),
    Cue.WHAT: (("qu", "est"),),
}
PHRASES = {
    cue: tuple(tuple(word_key(w) for w in phrase) for phrase in phrases)
    for cue, phrases in PHRASES.items()
}

# Words after "comment"/"how" that make a how-to question (and not "comment ça va").
HOWTO_STARTERS = word_keys("comment how")
HOWTO_FOLLOWERS = word_keys(
    "faire fait fais on je j to do does can puis peux peut dois doit utiliser ajouter "
    "enregistrer marche fonctionne commander vendre passer mettre saisir"
)

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
    "ngi def dina dinaa laa la bii boobu ni nii rek sax"
)
# Words that are stopwords in English only: "the" must not become "thé" in English text.
ENGLISH_MARKERS = word_keys(
    "the what how is are of many much do does i we my have has left sold bought received "
    "please any there all show need order want can you"
)

SINGLE_WORD_CUES: dict[str, Cue] = {}
for _cue, _words in WORDS.items():
    for _word in _words:
        SINGLE_WORD_CUES.setdefault(_word, _cue)
KEYWORD_VOCABULARY = frozenset(SINGLE_WORD_CUES)


@dataclass(frozen=True, slots=True)
class Cues:
    """Cues found in a message, the positions they use, and whether any needed a typo fix."""

    found: frozenset[Cue]
    positions: frozenset[int]
    fuzzy: bool

    def __contains__(self, cue: object) -> bool:
        return cue in self.found


def _phrase_hits(keys: Sequence[str]) -> list[tuple[Cue, range]]:
    hits: list[tuple[Cue, range]] = []
    for cue, phrases in PHRASES.items():
        for phrase in phrases:
            size = len(phrase)
            for start in range(len(keys) - size + 1):
                if tuple(keys[start : start + size]) == phrase:
                    hits.append((cue, range(start, start + size)))
    return hits


_WHAT_FOLLOWERS = word_keys("dois doit faut je on il commander recommander manque reste")


def _asks_what(keys: Sequence[str], index: int) -> bool:
    """``ce que je dois commander`` asks *what*; ``est-ce que je peux`` does not."""
    before = tuple(keys[max(0, index - 2) : index])
    if before[-2:] == ("est", "ce"):
        return False
    if before[-1:] == ("ce",):
        return True
    return index + 1 < len(keys) and keys[index + 1] in _WHAT_FOLLOWERS


def detect_cues(keys: Sequence[str], corrections: dict[int, str]) -> Cues:
    """Find cues; ``corrections`` maps positions of unknown words to a corrected keyword."""
    found: set[Cue] = set()
    positions: set[int] = set()
    for cue, span in _phrase_hits(keys):
        found.add(cue)
        positions.update(span)
    for index, key in enumerate(keys):
        if index in positions:  # a phrase already explains this word ("pas besoin")
            continue
        word = corrections.get(index, key)
        single = SINGLE_WORD_CUES.get(word)
        if single is not None:
            found.add(single)
            positions.add(index)
        elif key in HOWTO_STARTERS and index + 1 < len(keys):
            if keys[index + 1] in HOWTO_FOLLOWERS:
                found.add(Cue.HOWTO)
                positions.update((index, index + 1))
        elif key in {"que", "qui"} and _asks_what(keys, index):
            found.add(Cue.WHAT)
    # Wolof "des" (remains) only right before "na"/"?" end, never the French article.
    for index, key in enumerate(keys):
        if key == "des" and (index + 1 == len(keys) or keys[index + 1] in {"na", "nanu"}):
            found.add(Cue.STOCK)
            positions.add(index)
    return Cues(frozenset(found), frozenset(positions), fuzzy=bool(corrections))
