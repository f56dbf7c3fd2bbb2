"""A Redis that just failed is left alone for a while, so no request waits on it.

django-redis serves pages without Redis when it fails (IGNORE_EXCEPTIONS), but each cache
call first waits out its socket timeout. A Redis that refuses connections fails at once; one
that accepts them and never answers (a dead host, dropped packets, a managed Redis failing
over) would hold every request for a timeout per cache call, and a few workers would be
enough to take the site down. So once a call to a Redis fails to reach it, this process
stops asking that Redis for REST_SECONDS: its calls fail at once, as a refused connection
does, and pages are served without it. The first call after the rest asks again.
"""

import weakref
from time import monotonic

from redis import Redis, exceptions

REST_SECONDS = 30

# When each Redis may be asked again, by connection pool: django-redis keeps one pool per
# address per process, so what one request learnt spares the next ones.
asked_again_at = weakref.WeakKeyDictionary()


class CircuitBreakingRedis(Redis):
    """The Redis client django-redis talks through (its REDIS_CLIENT_CLASS option).

    Every command goes through ``execute_command`` but a pipeline's, which only django-redis's
    set_many and delete_pattern use, and the site neither.
    """

    def execute_command(self, *args, **options):
        pool = self.connection_pool
        if monotonic() < asked_again_at.get(pool, float("-inf")):
            raise exceptions.ConnectionError(f"not asked: it failed less than {REST_SECONDS} s ago")
        try:
            return super().execute_command(*args, **options)
        except (exceptions.ConnectionError, exceptions.TimeoutError):
            # Not a ResponseError (a full Redis refusing a write): that one answered.
            asked_again_at[pool] = monotonic() + REST_SECONDS
            raise
