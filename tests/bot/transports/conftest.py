"""Fixtures of the transports tests."""

from tests.fakes.graph import fake_graph  # noqa: F401
