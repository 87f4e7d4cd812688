"""JSON API under /api, one route table per feature (what they share: ``helpers.py``).

Kept flat, not split by audience as ``backend/web/`` is: several tables serve more than one
(``intakes``: the action server stores an intake, staff handle it; ``privacy``: staff export and
delete, an admin hands over). By audience:

- anyone: ``health``, ``openapi``; the bot and the widget: ``schools``;
- the reporter, with the receipt code only: ``public`` (copy, copy link, status, reply);
- the action server and the Telegram channel (service token): ``intakes`` (``POST``),
  ``telegram``;
- staff (session): ``auth``, ``intakes``, ``signals``, ``reports``, ``privacy``.
"""
