"""shared.backend_client remembers a school's answer for a minute: a turn costs no backend
round trip, and a school known a moment ago stays known while the backend is briefly away.
Against a real backend on loopback."""
from __future__ import annotations

from shared import backend_client
from shared.client_settings import get_settings


async def test_a_known_and_an_unknown_school_are_remembered_when_the_backend_goes_away(backend):
    settings = get_settings()
    assert await backend_client.school_exists("demo", settings) is True
    assert await backend_client.school_exists("bestaat-niet", settings) is False
    regulation = await backend_client.school_regulation("demo", settings)
    assert regulation is not None

    await backend.close()  # the backend is away now
    assert await backend_client.school_exists("demo", settings) is True
    assert await backend_client.school_exists("bestaat-niet", settings) is False
    assert await backend_client.school_regulation("demo", settings) == regulation
    # A school never asked about cannot be known: "cannot tell now", not remembered.
    assert await backend_client.school_exists("andere", settings) is None
    assert ("andere" not in {slug for _, slug in backend_client._school_cache})


async def test_an_answer_older_than_a_minute_is_asked_again(backend, monkeypatch):
    settings = get_settings()
    assert await backend_client.school_exists("demo", settings) is True
    await backend.close()
    monkeypatch.setattr(backend_client, "SCHOOL_CACHE_SECONDS", 0.0)
    assert await backend_client.school_exists("demo", settings) is None
