"""The site as the browser tests serve it: Django, plus the editors' uploads from MEDIA_ROOT.

Django serves media only with DEBUG on; in production they come from object storage at an
address of their own. Here WhiteNoise serves them, looking for new files on each request
(renditions are made while a page renders).
"""

from django.conf import settings
from whitenoise import WhiteNoise

from clinic.wsgi import application as django_application

application = WhiteNoise(
    django_application, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
)
