"""Pages for logged-in staff: login, the inbox and an intake's page (``dashboard``), the
user's own notices (``account``), signals and the yearly report for contact persons and boards
(``reports``), and the admin's transfer of a leaver's cases (``admin``)."""
