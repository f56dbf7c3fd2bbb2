"""Editors can upload photos and documents, but nothing that can carry a script, and
nothing too large for a clinic's pages."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name, size=(64, 64)):
    return SimpleUploadedFile(
        name, get_test_image_file(name, size=size).file.getvalue(), content_type="image/png"
    )


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb(name="bomb.png", width=100_000, height=100_000):
    """A few bytes of PNG whose header declares ten billion pixels (Pillow's own limit is
    about 179 million): decoding it would take tens of gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    data = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + png_chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, data, content_type="image/png")


def upload_image(admin_client, upload):
    return admin_client.post("/admin/images/add/", {"title": "Upload", "file": upload})


def test_a_photo_uploads(admin_client, media):
    response = upload_image(admin_client, png("spine.png"))
    assert response.status_code == 302
    assert Image.objects.filter(title="Upload").exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
        SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html"),
    ],
)
def test_svg_and_html_are_refused_as_images(admin_client, media, upload):
    response = upload_image(admin_client, upload)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client, media, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(admin_client, png("huge.png", size=(200, 200)))
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_a_decompression_bomb_gets_the_upload_forms_error(admin_client, media):
    response = upload_image(admin_client, decompression_bomb())
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_a_decompression_bomb_among_several_uploads_gets_the_uploaders_error(admin_client, media):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": decompression_bomb()},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert not answer["success"] and "too many pixels" in answer["error_message"]
    assert not Image.objects.exists()


def test_a_too_large_image_file_is_refused(admin_client, media, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = upload_image(admin_client, png("big.png"))
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_html_documents_are_refused(admin_client, media):
    upload = SimpleUploadedFile("leaflet.html", b"<script>alert(1)</script>")
    response = admin_client.post("/admin/documents/add/", {"title": "Leaflet", "file": upload})
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_documents_are_served_through_django(admin_client, client, media):
    upload = SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 a leaflet")
    admin_client.post("/admin/documents/add/", {"title": "Leaflet", "file": upload})
    document = Document.objects.get()
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 a leaflet"
