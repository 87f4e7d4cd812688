"""The one month table and date formatter (wegwijzer.dates) and the one reader of number and
address settings (shared.settings) that every process uses."""
from datetime import date, datetime, timezone

import pytest

from shared.client_settings import get_settings
from shared.settings import (
    SettingsError, backend_url_from_env, number_from_env, public_url_from_env,
)
from wegwijzer.dates import MONTHS, dutch_date, dutch_datetime


def test_dutch_dates():
    assert len(MONTHS) == 12 and MONTHS[0] == "januari" and MONTHS[-1] == "december"
    assert dutch_date(date(2026, 3, 1)) == "1 maart 2026"
    # 23:30 UTC on 31 December is New Year's Day in Amsterdam (winter time, +1).
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)
    assert dutch_datetime(moment) == "1 januari 2027 om 00:30"
    assert dutch_datetime(datetime(2026, 5, 4, 9, 5)) == "4 mei 2026 om 09:05"  # naive: as is


def test_number_settings():
    assert number_from_env({}, "X", 7) == 7
    assert number_from_env({"X": " "}, "X", 7) == 7
    assert number_from_env({"X": "2.5"}, "X", 7, kind=float) == 2.5
    with pytest.raises(SettingsError, match="X must be a number, not 'een uur'"):
        number_from_env({"X": "een uur"}, "X", 7)
    with pytest.raises(SettingsError, match="X must be at least 1, not 0"):
        number_from_env({"X": "0"}, "X", 7, minimum=1)
    with pytest.raises(ValueError):  # SettingsError is a ValueError: old callers still catch it
        number_from_env({"X": "-1"}, "X", 7)


def test_backend_and_public_url_are_read_in_one_place():
    assert backend_url_from_env({}) == "http://127.0.0.1:8000"
    assert backend_url_from_env({"BACKEND_PORT": "8123"}) == "http://127.0.0.1:8123"
    assert backend_url_from_env({"BACKEND_URL": "http://b:1/"}) == "http://b:1"
    assert public_url_from_env({"BACKEND_URL": "http://b:1"}) == "http://b:1"
    assert public_url_from_env({"WEGWIJZER_PUBLIC_URL": "https://w.nl/"}) == "https://w.nl"
    assert public_url_from_env({}, fallback="") == ""
    settings = get_settings({"WEGWIJZER_PUBLIC_URL": "https://w.nl/", "BACKEND_PORT": "9"})
    assert (settings.backend_url, settings.public_url) == ("http://127.0.0.1:9", "https://w.nl")
