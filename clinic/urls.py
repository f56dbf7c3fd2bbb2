from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from clinic.base import page_types_admin
from clinic.base import views as base_views
from clinic.base.sitemaps import SITEMAPS
from clinic.locations import views as location_views
from clinic.search import views as search_views
from clinic.web import health

# A database outage gets a 503 "back shortly" page instead of the 500 (clinic/web/views.py).
handler500 = "clinic.web.views.server_error"

urlpatterns = [
    # Load-balancer probes: exact paths, no trailing slash (no APPEND_SLASH redirect).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The admin's sign-out and "Forgotten password?" pages, ahead of Wagtail's at the same
    # addresses (clinic/staff/views.py says why).
    path("admin/", include("clinic.staff.urls")),
    # "Add child page" where nothing can go says so plainly (clinic/base/page_types_admin.py).
    path(
        "admin/pages/<int:parent_page_id>/add_subpage/",
        page_types_admin.add_subpage,
        name="clinic_add_subpage",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("appointments/", include("clinic.appointments.urls")),
    path("search/", search_views.search, name="search"),
    path("contact/", location_views.contact, name="contact"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", base_views.robots_txt, name="robots_txt"),
    path("favicon.ico", base_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
