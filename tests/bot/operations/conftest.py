"""The event tests' app, demo store and delivery helper, for the operations tests too."""

from tests.bot.events.conftest import bot, client, demo  # noqa: F401
