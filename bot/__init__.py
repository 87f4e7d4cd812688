"""The Rasa project's configuration lives here as YAML; Python code only in ``bot.components``."""
