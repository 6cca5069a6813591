"""HTTP endpoints the messaging providers call: verify, check signatures, store, acknowledge."""
