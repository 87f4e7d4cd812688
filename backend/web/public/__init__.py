"""Pages for anyone, without logging in: the web widget and the demo page (``widget``), a
school's route page (``schools``), the reporter's copy behind a one-time link or the receipt
code (``kopie``) and the check whether a copy is genuine (``verification``)."""
