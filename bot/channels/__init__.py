"""Custom Rasa input channels, referenced by class path from ``bot/credentials.yml``."""
