"""What the backend writes for people to keep, and how a copy is checked later.

- ``reporter_texts``: everything the backend says to a reporter, one table per conversation
  language (the copy, the copy page, the verification page, the refusals, the status).
- ``reporter_copy``: the reporter's copy (regulation art. 9 lid 2) as text for the chat and as
  a PDF.
- ``verification``: the verification code and signature every copy carries, and the check of
  a pasted or uploaded copy.
- ``report_pdf``: the yearly anonymised report (``backend.rules.reports``) as an A4 PDF.

The one-time links to a copy are data (``backend.store.copy_links``); the records of the copies
made are ``backend.store.copies``.
"""
