"""What several of Wegwijzer's processes need, and so belongs to none of them.

The backend, the action server (``actions``) and Rasa (``bot``) are three processes that never
import one another (docs/architecture.md, "Layers"). What more than one of them uses lives here:
encryption at rest with the data keys (``shared.crypto``: the backend's columns, the action
server's outbox, Rasa's tracker store), the HTTP client for the backend and its settings
(``shared.backend_client``, ``shared.client_settings``: the actions and the Telegram channel),
and access to Rasa's tracker store with its settings readers (``shared.transcripts``: the
transcript sweep, the outbox's database, the privacy answer). It imports only the domain
(``wegwijzer``) and libraries.
"""
