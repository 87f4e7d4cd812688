"""Dates in Dutch words, one table for every process: the month names, the Dutch time zone, and
``3 december 2026`` / ``3 december 2026 om 14:05`` (the chat, the dashboard, the copy, the
yearly report); and in English for a conversation held in English (issue 17):
``3 December 2026`` / ``3 December 2026 at 14:05``, still in Dutch time."""
from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: tzinfo = ZoneInfo("Europe/Amsterdam")
except Exception:  # no tz database on this machine: UTC rather than fail
    LOCAL_TZ = timezone.utc


def dutch_date(day: date) -> str:
    """``date(2026, 12, 3)`` → ``3 december 2026`` (a datetime: its own calendar day)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def dutch_datetime(moment: datetime) -> str:
    """``3 december 2026 om 14:05``, in Dutch time when ``moment`` knows its zone."""
    local = moment.astimezone(LOCAL_TZ) if moment.tzinfo else moment
    return f"{dutch_date(local)} om {local:%H:%M}"


def english_date(day: date) -> str:
    """``date(2026, 12, 3)`` → ``3 December 2026`` (British order: the school is in Europe)."""
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def english_datetime(moment: datetime) -> str:
    """``3 December 2026 at 14:05``, in Dutch time when ``moment`` knows its zone."""
    local = moment.astimezone(LOCAL_TZ) if moment.tzinfo else moment
    return f"{english_date(local)} at {local:%H:%M}"
