"""The ``wegwijzer`` command-line tool (``cli.main``), in a package of its own because it is the
one part that drives all the others: the backend's database, the action server's outbox and the
transcript sweep of Rasa's tracker store. Nothing imports it (docs/architecture.md, "Layers").
"""
