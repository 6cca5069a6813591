"""What the operator of a stockbot deployment watches and runs: the WhatsApp account's events and
templates, the health of the live setup, usage and cost. Service functions over a session, callable
from the CLI, the web app and the back office alike."""
