"""Function words of French, English and Wolof, and the words that mark English text."""

from __future__ import annotations

from intents.normalize import word_keys

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
    "have has had how what some any there much many me can could need want with at from by "
    "naa na nga bi bu ba yi ak ci ko dafa am amna lan nu mu ma li lu yu ngay dama sama sa "
    "ngi def dina dinaa laa la bii boobu ni nii rek sax war begg bugg "
    # Wolof words around an amount (`lii 3`: this, 3; `xam 3`, `ndax 3`), `sèlman` (seulement)
    "lii xam ndax selman "
    # everyday short words: a typo of nothing ("dis moi" is not the oil alias "diw")
    "dis dit di gars lui eux ceci cela celui celle ceux vos nos mes tes ses cet car puis donc ni "
    "meme autre tel dont chez sous apres avant depuis vite tard tot hier soir matin jour nuit "
    "mois ans ben bah bof hein quoi voila voici sait sais vois voit mis pris font vont ete moment "
    "voir verra verrai verrais verrons "
    "etait sera "
    # `vendu 3 au lieu de 2`, `sold 3 instead of 2`: the number replaced, no product « lieu »
    "lieu instead "
    # interjections: `oups c'était une livraison` names no product « oups »
    "euh heu oups oops "
    # a customer's exchange (`échangé 1 huile 5l contre 1 huile 20l`): no product's word
    "echange echangee echanger echangent "
    "and but not get let see say out put new why who its his her him she they them then came "
    "than when will just also only very here your yes too off per still now "
    # English small talk around a greeting: "good evening, hope the day went well"
    "hope hoping well fine great nice today day went going doing everyone family guys "
    "yow man maa moo mooy nun yeen loo kay rekk waay moom foofu fii fi fa "
    # Nigerian and Ghanaian Pidgin: "rice don finish?", "oga, i don sell 3"
    "don dey oga"
)
# Words that are stopwords in English only: "the" must not become "thé" in English text.
ENGLISH_MARKERS = word_keys(
    "the what how is are of many much do does i we my have has left sold bought received "
    "please any there all show need order want can could you from for with at to it this that our "
    "your be one ones big small customer customers returned brought took bring back swapped swap "
    "exchanged exchange traded supplier suppliers delivered deliver delivery truck driver came "
    "arrived"
)
# Articles and links dropped on both sides of a product name: "eau de javel" == "eau javel",
# "ceeb bi" == "ceeb".
LINK_WORDS = word_keys("de d du des l la le les en a au aux of bi bu yi ba")
# The "of" between an amount or a container and what it holds (`4 kg de thiof`, `2 cartons de
# 24`, `un carton d'huile`), and inside a supplier's name (`Sow et fils`).
OF_WORDS = word_keys("de du des d of")
