"""Services: what a JSON endpoint (``backend.api``) and a dashboard page (``backend.web``) both
do, beyond one query: log in and out, send a message to the reporter, delete on request, load a
report, what a reporter reaches with their code. Views import these and the helper modules
(``backend.api.helpers``, ``backend.web.pages``), never another view
(``tests/unit/test_view_imports.py``).
"""
