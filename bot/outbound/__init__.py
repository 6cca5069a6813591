"""Everything stockbot sends: message values, the durable outbox and its worker."""
