"""Tests of the backend (API, dashboard, CLI, migrations)."""
