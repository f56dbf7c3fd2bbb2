"""The benchmark's only addition to the production settings (see bench/settings.py)."""

from django.db import connection

QUERY_HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """Says in a response header how many SQL queries the request ran, so the load
    generators can report queries per request from the real server. Outermost, so it counts
    everything, and so a page cache never stores the header with a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[QUERY_HEADER] = str(count)
        return response
