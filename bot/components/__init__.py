"""Custom Rasa NLU graph components, referenced by module path from ``bot/config.yml``."""
