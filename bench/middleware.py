"""The benchmark's only addition to the production settings (see bench/settings.py)."""

from django.db import connection

QUERY_HEADER = "X-Bench-Queries"
# How many of those ran before the page's own serve(): Wagtail finding the Site and the page
# and checking its view restrictions (bench/wagtail_hooks.py notes the count).
ROUTING_QUERY_HEADER = "X-Bench-Queries-Routing"


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Says in a response header how many SQL queries the request ran, so the load
    generators can report queries per request from the real server. Outermost, so it counts
    everything, and so a page cache never stores the header with a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bench_queries = counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[QUERY_HEADER] = str(counter.count)
        routing = getattr(request, "bench_queries_before_serve", None)
        if routing is not None:
            response[ROUTING_QUERY_HEADER] = str(routing)
        return response
