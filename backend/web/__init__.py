"""Server-rendered HTML pages for contact persons (login and dashboard)."""
