"""Wegwijzer's domain logic: plain Python that knows nothing of Rasa or aiohttp.

The bot's actions and the backend both import from here, so the vocabulary of the product
contract (``docs/contract.md``) and the regulation's rules live in one place.
"""
