"""The production profile (prod.py) and the configuration templates it renders."""
