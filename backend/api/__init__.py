"""JSON API under /api: intakes, authentication, schools."""
