"""The words that hint at each meaning (*cues*): ``vendu`` sells, ``reste`` asks about stock.

One word, one cue: a word listed under two cues keeps the first (``SINGLE_WORD_CUES``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from types import MappingProxyType

from intents.normalize import word_keys


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
    RETURN = "return"  # retour, rendu, returned: goods a customer brings back come in
    BROUGHT = "brought"  # ramené, rapporté, back: a return only with a customer named
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
        "manquer epuise epuises critique critiques seuil shortage low bas faible jeex finishing"
    ),
    Cue.ORDER: word_keys(
        "commander commande commandes commandez commandons recommander recommande racheter "
        "rachete rachat acheter achete achat reapprovisionner reapprovisionnement reappro appro "
        "approvisionner approvisionnement reassort reassortiment reassortir ravitailler "
        "ravitaillement precommande precommander order reorder restock restocking buy purchase "
        "bought jend jenda jenal komande komandeel besoin need"
    ),
    Cue.SELL: word_keys(
        "vente ventes vendre vendu vendus vendue vendues vend vends vendons vendez vendent "
        "sold sell sells selling sale sales jaay jaaye jaaynaa sorti sortie sorties ecoule"
    ),
    Cue.CLIENT: word_keys("client clients cliente clt clts customer kiliyaan kiliyan"),
    Cue.RETURN: word_keys(
        "retour retours retourne retournes retournee retournees rendu rendus rendue rendues "
        "returned return returns refund refunded rembourse remboursement delloo"
    ),
    # "le client a ramené 2 savons" is a return, "j'ai ramené 20 sacs du marché" a purchase,
    # "le camion a amené 5 cartons", "the truck brought 5 cartons" an arrival
    Cue.BROUGHT: word_keys(
        "rapporte rapportes rapportee rapportees rapporter ramene ramenes ramenee ramenees "
        "ramener back apporte apportes apportee apportees amene amenes amenee amenees brought "
        # Wolof: `indi nañu 10 carton` (they brought 10 cartons), `indil ma` (bring me)
        "indi indil"
    ),
    Cue.RECEIVE: word_keys(
        "recu recus recue recues recevoir reception receptionne receptionner recois recevons "
        "arrive arrivee arrivees arrives arrivage arriver livraison livraisons livre livres "
        "livree entre entree entrant entrants rentre received receive receipt delivery delivered "
        "arrived arrival came got ajoute ajouter ajout add added yokk yokkal yokal jot agsi "
        "dechargement decharge debarque depose deposee deposes fournisseur supplier dugal duggal "
        # `5 carton enter today`, Wolof `dugg na` (it came in)
        "enter entered dugg"
    ),
    Cue.HELP: word_keys(
        "aide aider aidez help ndimbal dimbali dimbal menu tuto tutoriel instruction "
        "instructions emploi utiliser utilise fonctionne fonctionnement explique expliquer "
        "explication guide keyword keywords syntaxe raccourci"
    ),
    Cue.CANCEL: word_keys(
        "annuler annule annulez annulation cancel stop stopper arrete arreter abandonne "
        "abandonner abandon oublie oublier forget nevermind quit quitter exit reset undo bayyi "
        "bayil baayil"
    ),
    Cue.YES: word_keys(
        "oui yes yep yeah yup ok daccord exact exactement voila confirme confirmer "
        "confirmation valide valider correct parfait waaw sure absolument affirmatif "
        "certainement vasy"
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
    # `abeg` (Pidgin: please), `oga` (boss)
    Cue.POLITE: word_keys(
        "stp boss chef patron frere frero bro ami amie mister madame monsieur abeg"
    ),
    Cue.WHAT: word_keys(
        "quoi what wetin which quel quels quelle quelles lesquels lesquelles lequel lan"
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


def _single_word_cues() -> Mapping[str, Cue]:
    cues: dict[str, Cue] = {}
    for cue, words in WORDS.items():
        for word in words:
            cues.setdefault(word, cue)  # a word listed under two cues keeps the first
    return MappingProxyType(cues)


SINGLE_WORD_CUES = _single_word_cues()
KEYWORD_VOCABULARY = frozenset(SINGLE_WORD_CUES)
# Asking to change what the bot is about to record (`modifier`, `edit`, Wolof `soppi`): no
# command, an answer to a confirmation (`state/`). Known words: `edit` is not a typo of `exit`.
EDIT_WORDS = word_keys("modifier modifie changer change corriger corrige edit autre other soppi")
# Words that surround a command without being one ("bonjour", "stp", "merci", "oui").
COURTESY = frozenset({Cue.GREET, Cue.THANKS, Cue.POLITE, Cue.YES, Cue.NO})


# Taking back or removing (`annule`, `supprime le sucre`, `remove the rice`, Wolof `dindi`): an
# undo's verbs, which also cancel an order and drop a line of a draft.
UNDO_VERBS = word_keys(
    "annule annuler annulez annulle annul supprime supprimer supprimez efface effacer effacez "
    "retire retirer enleve enlever cancel undo delete remove erase neenal dindi dindil far "
    "comot"  # Pidgin: `comot am` (take it out)
)


# Who brings goods in when it is not a customer (`le fournisseur a ramené 20 sacs`).
SUPPLIER_WORDS = word_keys("fournisseur fournisseurs supplier suppliers grossiste grossistes")


def says_return(found: Collection[Cue]) -> bool:
    """Goods a customer brings back: a return word (`rendu`, `retour`, `returned`), or a
    bringing word with a customer (`le client a ramené 2 savons`, `customer brought back 1`)."""
    return Cue.RETURN in found or (Cue.BROUGHT in found and Cue.CLIENT in found)
