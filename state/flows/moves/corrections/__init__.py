"""Corrections of what the bot offered: `non c'est 4`, `plutôt 4`, `l'autre`, `c'est le riz
parfumé`, the same command restated with another quantity, which line to change, lines added
(`2 sucre aussi`, `rajoute 1 savon`) or removed (`enlève le café et le savon`); the same action
is then offered again, corrected.

    correct    one correction applied to the line it is about
    itemwise   a correction read item by item as the action's command (`non 1 savon et 4 café`)
    additions  lines added to the draft waiting, or right after one was recorded
    removals   lines named removed (`enlève le savon`, `sans le riz`)
    siblings   the products near a line's: `l'autre`, `le 12`, `c'est le bidon`
    lines      which line of the draft words designate
    editing    "Quelle ligne modifier ?" asked, and the line picked changed
"""

from state.flows.moves.corrections.additions import adding, adds_to_draft, more_of
from state.flows.moves.corrections.itemwise import commanded
from state.flows.moves.corrections.siblings import (
    packed_sibling,
    sibling_among,
    sibling_meant,
    sibling_named,
)

__all__ = [
    "adding",
    "adds_to_draft",
    "commanded",
    "more_of",
    "packed_sibling",
    "sibling_meant",
    "sibling_among",
    "sibling_named",
]
