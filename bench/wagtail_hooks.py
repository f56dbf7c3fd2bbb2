"""Notes how many queries a page view ran before the page's own serve(): what Wagtail spends
finding the Site and the page and checking its view restrictions (an on_serve_page hook of
its own). bench/middleware.py reports the count beside the request's total."""

from wagtail import hooks


# Hooks run in order, each wrapping the ones after it: the highest order is innermost, so
# this runs after Wagtail's view-restriction check and just before Page.serve().
@hooks.register("on_serve_page", order=1000)
def note_queries_before_serve(serve):
    def inner(page, request, serve_args, serve_kwargs):
        counter = getattr(request, "bench_queries", None)
        if counter is not None:
            request.bench_queries_before_serve = counter.count
        return serve(page, request, serve_args, serve_kwargs)

    return inner
