"""Wegwijzer's custom actions for the Rasa action server (rasa-sdk).

Actions coordinate: they read the tracker, call the domain logic in ``wegwijzer`` and the
backend client in ``shared.backend_client``, and answer with responses from the domain.
"""
