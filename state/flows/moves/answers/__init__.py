"""Replies to this flow's questions, typed or tapped, one module per question (the dispatcher,
`dispatch`, reads a reply as the answer to the question waiting, or says it is none).

    dispatch      which question waits, and what is read first whatever it is
    product       "Quel produit ?": a product among those offered, or several with their amounts
    quantity      "Riz : combien ?" and "2 cartons, ça fait combien de boîtes ?"
    more_lines    `3 et 2 riz` at "combien ?": the amount asked and more lines
    yes_no        a guess checked, an order arrived, a large quantity: a yes, a no, or a fix
    confirmation  "Enregistrer la vente … ?": a yes, a no, or a correction (`corrections`)
    which_line    "Quelle ligne modifier ?"
    oversold      "Il ne reste que 2 …": sell what is left, count the stock, or cancel
    stock_check   `stock riz ?` typed before answering: its stock above the same question
    replies       what a reply says, read alike by several questions
    taps          the buttons and list rows tapped
    amend         an order just asked, amended by what the same message adds
"""

from state.flows.moves.answers.amend import amend
from state.flows.moves.answers.dispatch import answer, drops_lines
from state.flows.moves.answers.taps import choose

__all__ = ["amend", "answer", "choose", "drops_lines"]
