"""The Rasa project: configuration as YAML; Python in ``bot.components`` (our NLU components)
and ``bot.channels`` / ``socketio_channel`` (input channels)."""
