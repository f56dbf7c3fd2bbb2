"""The site as the browser tests serve it: Django, plus the editors' uploads from MEDIA_ROOT,
and errors in the log.

Django serves media only with DEBUG on; in production they come from object storage at an
address of their own. Here WhiteNoise serves them, looking for new files on each request
(renditions are made while a page renders).
"""

import logging

from django.conf import settings
from whitenoise import WhiteNoise

from clinic.wsgi import application as django_application

# Errors reach the server's log (with DEBUG off Django only emails them), so a failing test
# shows the traceback.
logging.getLogger("django").addHandler(logging.StreamHandler())

application = WhiteNoise(
    django_application, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
)
