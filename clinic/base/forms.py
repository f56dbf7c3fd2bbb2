"""The Wagtail admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), for every upload view."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL.Image import DecompressionBombError
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def full_clean(self):
        # Pillow refuses to read the size of an image declaring over twice its own pixel
        # limit, before Wagtail's pixel check can answer; remove once Wagtail catches it
        # itself: https://github.com/wagtail/wagtail/pull/14225
        try:
            super().full_clean()
        except DecompressionBombError:
            message = _("This file has too many pixels. Maximum pixels %(max_pixels_count)s.")
            self.add_error(
                "file",
                ValidationError(
                    message % {"max_pixels_count": self.fields["file"].max_image_pixels},
                    code="file_too_many_pixels",
                ),
            )
