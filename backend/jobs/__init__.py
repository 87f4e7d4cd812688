"""What the backend sends in the background, never in the way of a request.

- ``notify``: the notification outbox: contact persons hear of a new intake and of an overdue
  next step on Telegram and by e-mail; ``NotifyJob`` runs on the job base ``shared.jobs``
  (inside the backend, or ``wegwijzer notify run-once`` for cron).
- ``chat_push``: "new message" in the reporter's chat after a contact person wrote to them
  (Rasa's ``trigger_intent``), a short task the app awaits when it stops.
"""
