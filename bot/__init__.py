"""Counterpoint: debate practice against an article's own counterarguments.

The core package. Nothing in ``bot`` except ``bot.client`` imports Discord.
"""

__version__ = "0.1.0"
