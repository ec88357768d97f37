"""`deckgen serve`: the slides as LibreOffice draws them, in the browser, redrawn on each save."""

from .server import serve

__all__ = ["serve"]
