"""Media on S3-compatible storage when a bucket is configured, so several web nodes share the
uploads; local files otherwise. The bucket here is moto's in-process S3."""

import json
import os

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.helpers import run_python

BUCKET = "lumbar-media"
S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_REGION_NAME": "us-west-2",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}


def media_settings(**env):
    """The default storage and MEDIA_URL the settings choose, given the environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.STORAGES['default'], settings.MEDIA_URL]))"
    )
    result = run_python(
        "-c", script, env={**clean, "DJANGO_SETTINGS_MODULE": "clinic.settings.dev", **env}
    )
    return json.loads(result.stdout)


def test_without_a_bucket_media_are_local_files():
    storage, media_url = media_settings()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert media_url == "/media/"


def test_with_a_bucket_media_go_to_s3():
    storage, media_url = media_settings(**S3_ENV)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media_url == f"https://s3.example.net/{BUCKET}/"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "us-west-2"
    assert options["file_overwrite"] is False  # two uploads of one name keep both


@pytest.mark.parametrize(
    "env, media_url",
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.lumbar.example"}, "https://media.lumbar.example/"),
        ({"AWS_S3_ENDPOINT_URL": ""}, f"https://{BUCKET}.s3.amazonaws.com/"),
    ],
)
def test_media_url_is_where_the_storage_points_browsers(env, media_url):
    assert media_settings(**{**S3_ENV, **env})[1] == media_url


@pytest.fixture
def bucket(settings):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "access_key": "test-key-id",
                    "secret_key": "test-secret",
                    "custom_domain": "media.lumbar.example",
                    "file_overwrite": False,
                },
            },
        }
        settings.MEDIA_URL = "https://media.lumbar.example/"
        yield boto3.resource("s3", region_name="us-east-1").Bucket(BUCKET)


def stored(bucket):
    return {item.key for item in bucket.objects.all()}


@pytest.mark.django_db
def test_uploaded_photos_and_their_sizes_are_stored_in_the_bucket(admin_client, bucket):
    upload = SimpleUploadedFile(
        "spine.png", get_test_image_file("spine.png").file.getvalue(), content_type="image/png"
    )
    response = admin_client.post("/admin/images/add/", {"title": "Spine", "file": upload})
    assert response.status_code == 302

    image = Image.objects.get()
    assert f"original_images/{image.file.name.split('/')[-1]}" in stored(bucket)
    rendition = image.get_rendition("width-100")
    assert rendition.url.startswith("https://media.lumbar.example/images/")
    assert rendition.file.name in stored(bucket)

    # Patients' browsers may load it: the page's policy allows images from the bucket's domain.
    policy = client_policy(admin_client)
    assert "https://media.lumbar.example" in policy["img-src"]


@pytest.mark.django_db
def test_documents_in_the_bucket_are_still_served_through_django(admin_client, client, bucket):
    upload = SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 a leaflet")
    admin_client.post("/admin/documents/add/", {"title": "Leaflet", "file": upload})
    document = Document.objects.get()
    assert document.file.name in stored(bucket)

    response = client.get(document.url)
    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 a leaflet"


def client_policy(client):
    header = client.get("/").headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in header.split(";") if directive)
    }
