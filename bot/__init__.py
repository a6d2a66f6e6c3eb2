"""Counterpoint: debate practice against an article's own counterarguments.

The core package. Nothing in ``bot`` except ``bot.client`` imports Discord.
"""

__version__ = "0.1.0"


def _one_malloc_arena() -> None:
    """Ask glibc for a single malloc arena (by default it makes up to eight per core).

    The scorer's models allocate their scratch memory in the scoring thread and the
    database works in its own; with an arena per thread, memory freed in one is not
    reused by the other and the process grows (benchmarks/load.py with the judged
    scorer: 395 MB peak with glibc's default, about 305 MB with one arena, no slower).
    Done at import, before any thread starts. A no-op where the C library is not glibc.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 1)  # -8: M_ARENA_MAX
    except (OSError, AttributeError):
        pass


_one_malloc_arena()
