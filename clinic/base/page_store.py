"""What requests derive from the content, kept for every worker: the request's Site, the
clinic settings, the treatments a patient can choose, the appointment pages rendered once.

Two levels. The page store (the "pages" cache: Redis in production) is shared by the
workers, and publishing, or any other change patients could see, empties it whole
(page_cache.clear_page_cache): the rule that keeps cached pages current. Each worker also
keeps what it read in its own memory, which saves a round trip to the store for each of
these on every request, but would not notice another worker's publish. So everything is
filed under the store's *generation*, a number kept in the store itself: a request reads it
once (SiteMiddleware), and emptying the store starts a new one, which makes every worker
drop what it remembers. A value worked out from old rows while the store is being emptied
is filed under the old generation, where nobody looks again.

A store that fails is no reason to fail a page: values are then worked out on each use.
"""

import contextvars
import logging

from django.core.cache import caches

from .cache_versions import current_version

STORE = "pages"
GENERATION_KEY = "generation"
# A clinic's site needs a few dozen values; the cap only guards against a bug that makes
# keys without end.
MAX_REMEMBERED = 500

# Where django-redis reports a cache that is down; rate-limited to a line a minute.
logger = logging.getLogger("clinic.cache")

# The generation the current request read; None outside requests (commands, the scheduler),
# which read the store on every use.
_request_generation = contextvars.ContextVar("page_store_generation", default=None)


class _Memory:
    """This worker's copies of the current generation's values."""

    generation = None
    values = {}


def _store_failed(error):
    logger.warning("Page store unavailable (%s)", type(error).__name__)


def current_generation():
    """The store's generation, starting one if it was emptied (or its hour is up)."""
    return current_version(caches[STORE], GENERATION_KEY)


def begin_request():
    """Read the generation for this request: until end_request(), cached() answers from this
    worker's memory whatever it already read under that generation."""
    try:
        generation = current_generation()
    except Exception as error:
        _store_failed(error)
        generation = None
    _request_generation.set(generation)


def end_request():
    _request_generation.set(None)


def cached(key, find):
    """What the page store holds under `key`, else `find()`, kept there (None is not kept)."""
    generation = _request_generation.get()
    if generation is not None and _Memory.generation == generation and key in _Memory.values:
        return _Memory.values[key]
    store = caches[STORE]
    try:
        version = generation if generation is not None else current_generation()
        value = store.get(key, version=version)
    except Exception as error:
        _store_failed(error)
        return find()
    if value is None:
        value = find()
        if value is None:
            return None
        try:
            store.set(key, value, version=version)
        except Exception as error:
            _store_failed(error)
    if generation is not None:
        _remember(generation, key, value)
    return value


def _remember(generation, key, value):
    if _Memory.generation != generation or len(_Memory.values) >= MAX_REMEMBERED:
        _Memory.generation = generation
        _Memory.values = {}
    _Memory.values[key] = value
