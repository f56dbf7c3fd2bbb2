from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The page of `items` asked for by `?page=`; a missing, malformed or out-of-range
    number gives the nearest page that exists instead of an error."""
    paginator = Paginator(items, per_page)
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))
