"""Wegwijzer backend: the API the action server hands intakes to and the contact persons' dashboard."""
