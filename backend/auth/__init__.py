"""Who someone is and what they may do: the credentials, the sessions, the rights, the limits.

- ``security``: password hashing (argon2), receipt codes, Telegram link codes, CSRF tokens.
- ``codes``: the receipt code is the reporter's alone; the backend keeps a keyed hash of it,
  and of the one-time copy links' tokens.
- ``sessions``: server-side login sessions (the cookie alone keeps no one logged in).
- ``access``: who may see and do what with intakes, by role: the one place that decides it.
- ``throttle``: the limits on attempts (logins, codes, copies), kept in the database.

The middlewares (``backend.middlewares``) ask these modules on every request; the store filters
with ``access`` and hashes with ``codes``.
"""
