"""An editor schedules a page; `publish_scheduled` (what the scheduler runs) publishes it."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from education.models import SymptomArticlePage

pytestmark = pytest.mark.django_db


def scheduled_article_form(go_live_at):
    return nested_form_data(
        {
            "title": "Sciatica",
            "slug": "sciatica",
            "summary": "Pain that runs down the leg from the lower back.",
            "body": streamfield([]),
            "signs": "",
            "causes": "",
            "treatment_links": inline_formset([]),
            "urgent_help": rich_text("<p>Leg weakness that spreads needs urgent care.</p>"),
            "prevention": "",
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M"),
            "expire_at": "",
            "action-publish": "publish",
        }
    )


def test_scheduled_article_goes_live_when_the_scheduler_runs(admin_client, client, clinic_site):
    go_live_at = timezone.localtime() + datetime.timedelta(hours=2)
    url = f"/admin/pages/add/education/symptomarticlepage/{clinic_site.symptom_index.pk}/"
    assert admin_client.post(url, scheduled_article_form(go_live_at)).status_code == 302

    article = SymptomArticlePage.objects.get(slug="sciatica")
    assert not article.live
    assert client.get("/symptoms/sciatica/").status_code == 404

    call_command("publish_scheduled")
    assert client.get("/symptoms/sciatica/").status_code == 404

    three_hours_later = timezone.now() + datetime.timedelta(hours=3)
    with mock.patch.object(timezone, "now", return_value=three_hours_later):
        call_command("publish_scheduled")

    assert client.get("/symptoms/sciatica/").status_code == 200
    assert "/symptoms/sciatica/" in client.get("/symptoms/").content.decode()
