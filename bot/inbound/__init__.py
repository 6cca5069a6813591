"""Everything stockbot receives: typed inbound messages and delivery statuses."""
