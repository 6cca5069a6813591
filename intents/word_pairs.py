"""Common shop words in French and English, so a product named in one language is found by a
message in the other: `sold 5 cards 2000` about "Carte de recharge 2000", `vendu 2 savon` about
"Soap Lux". Units are `intents.units`' (`bags` is a `sac` already); sizes, brands and words the
same in both languages (`cable`, `sardine`) need no pair.

A word is read as its counterpart only when the catalog does not have it itself and has the
counterpart (`ProductIndex.word_matches`). Function words and command words are never
translated (`the` is an article, not the folded `thé`; `stock` asks about the stock).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from intents.cue_words import KEYWORD_VOCABULARY
from intents.normalize import word_key
from intents.stopwords import STOPWORDS

# French word: its English words (one line each; plurals come from the keys, `cards` is `card`).
_PAIRS = """
carte card
recharge refill
savon soap
riz rice
sucre sugar
huile oil
lait milk
farine flour
the tea
cafe coffee
sel salt
poivre pepper
oignon onion
tomate tomato
pomme apple
banane banana
citron lemon
eau water
pain bread
beurre butter
fromage cheese
oeuf egg
poulet chicken
poisson fish
viande meat
thon tuna
jus juice
boisson drink
bonbon candy sweet
chocolat chocolate
confiture jam
miel honey
yaourt yogurt yoghurt
vinaigre vinegar
moutarde mustard
arachide peanut groundnut
haricot bean
lentille lentil
ble wheat
mil millet
pate pasta
poudre powder
morceau cube
concentre paste concentrate
lessive detergent
javel bleach
dentifrice toothpaste
brosse brush
mouchoir tissue
couche diaper nappy
lingette wipe
taille size
rasoir razor
lame blade
serviette towel
parfum perfume
creme cream
pommade ointment
shampooing shampoo
medicament medicine
pile battery
batterie battery
chargeur charger
ecouteur earphone headphone
telephone phone
ampoule bulb
bougie candle
allumette match
gaz gas
charbon charcoal
ciment cement
fer iron
clou nail
vis screw
peinture paint
sable sand
bois wood
tuyau pipe hose
robinet tap faucet
cadenas padlock
corde rope
balai broom
natte mat
cahier notebook
stylo pen
crayon pencil
papier paper
engrais fertilizer fertiliser
semence seed
graine seed
aliment feed food
brouette wheelbarrow
pneu tyre tire
blanc white
noir black
rouge red
bleu blue
vert green
jaune yellow
tissu fabric cloth
dentelle lace
fil thread
bouton button
fermeture zipper zip
biere beer
coca coke
"""


def _table() -> Mapping[str, tuple[str, ...]]:
    """Each word's counterparts, both ways (`card`: `carte`; `carte`: `card`)."""
    found: dict[str, list[str]] = defaultdict(list)
    for line in _PAIRS.split("\n"):
        words = [word_key(w) for w in line.split()]
        if len(words) < 2:
            continue
        french, english = words[0], words[1:]
        for word in english:
            found[word].append(french)
            found[french].append(word)
    never = STOPWORDS | KEYWORD_VOCABULARY
    return MappingProxyType(
        {
            word: tuple(dict.fromkeys(w for w in others if w != word))
            for word, others in found.items()
            if word not in never
        }
    )


COUNTERPARTS = _table()


def _side(index: slice) -> frozenset[str]:
    lines = (line.split() for line in _PAIRS.split("\n"))
    return frozenset(word_key(w) for words in lines for w in words[index]) - frozenset(STOPWORDS)


# The shop words of each side (`riz`, `rice`), for telling the language of a message.
FRENCH_WORDS = _side(slice(0, 1))
ENGLISH_WORDS = _side(slice(1, None))


def counterparts(key: str) -> tuple[str, ...]:
    """The words `key` (a word key) means in the other language; () when none is listed."""
    return COUNTERPARTS.get(key, ())
