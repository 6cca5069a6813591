"""Fakes of the outside world for tests: servers on 127.0.0.1, never the real providers."""
