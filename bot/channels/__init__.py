"""Custom Rasa input channels, referenced by class path from ``bot/credentials.yml``.

Importing this package (Rasa does, at start) also installs ``bot.rasa_speedups``.
"""
from bot import rasa_speedups

rasa_speedups.install()
