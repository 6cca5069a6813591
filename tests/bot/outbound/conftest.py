"""Fixtures of the outbound tests."""

from tests.fakes.graph import fake_graph  # noqa: F401
