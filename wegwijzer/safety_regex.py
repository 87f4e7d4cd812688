"""Small builders for the crisis patterns of ``wegwijzer.safety_talen`` and
``wegwijzer.safety_talen_uk_ar`` (regular expressions over normalised text)."""
from __future__ import annotations


def near(first: str, second: str, window: int = 40) -> str:
    """Both patterns in either order, at most `window` characters apart."""
    return rf"(?:(?:{first}).{{0,{window}}}(?:{second})|(?:{second}).{{0,{window}}}(?:{first}))"


def only_with(context: str, pattern: str) -> str:
    """`pattern`, only in a message that also has `context` somewhere."""
    return rf"^(?=.*(?:{context})).*?(?:{pattern})"
