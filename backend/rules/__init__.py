"""The pure rules of the backend, without I/O (no database, no HTTP, no files): views, the
store and the jobs call them with what they read.

- ``casework``: the status workflow and the checks on what a user types (reasons, notes, next
  steps, messages), the labels of statuses, flags and languages.
- ``schemas``: the incoming intake record checked against ``wegwijzer.vocab``, and its JSON.
- ``intake_detail``: the staff JSON of one intake with its casework (the API, the privacy
  export).
- ``signals``: a signal without a complaint, checked (the dashboard's form, ``/api/signals``).
- ``reports``: the yearly anonymised report: counting and small-count suppression.
"""
