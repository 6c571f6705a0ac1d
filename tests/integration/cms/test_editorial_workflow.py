"""The editorial workflow (cms migration 0007): editors draft, moderators approve, publishers publish; the beat
publishes scheduled pages."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from marketplace.cms import tasks
from marketplace.cms.editorial import (
    EDITORIAL_WORKFLOW,
    EDITORS_GROUP,
    MODERATORS_GROUP,
    PUBLISHERS_GROUP,
)
from marketplace.cms.models import HomePage, NewsArticlePage

pytestmark = pytest.mark.django_db

MEDIA_PERMISSIONS = {
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
}


def _member(group_name: str, email: str):
    user = get_user_model().objects.create_user(email, email, "mat-khau-2026")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _article_form(*, title: str, slug: str, **actions) -> dict:
    return nested_form_data({
        "title": title,
        "slug": slug,
        "date": "2026-11-20",
        "author_name": "Đỗ Thị Thanh Tâm",
        "summary": "Hội chợ OCOP Thanh Hóa mở cửa tại quảng trường Lam Sơn.",
        "body": streamfield([]),
        "tags": "",
        "related_products": inline_formset([]),
        "comments": inline_formset([]),
        **actions,
    })


@pytest.fixture
def news_index():
    return HomePage.objects.get().get_children().get(slug="tin-tuc")


def test_the_three_editorial_groups_hold_exactly_their_permissions():
    home = HomePage.objects.get()
    expected_pages = {
        EDITORS_GROUP: {"add_page", "change_page"},
        MODERATORS_GROUP: {"add_page", "change_page", "lock_page", "publish_page"},
        PUBLISHERS_GROUP: {"add_page", "change_page", "lock_page", "unlock_page", "publish_page"},
    }
    for name, page_codenames in expected_pages.items():
        group = Group.objects.get(name=name)
        # Wagtail admin access and submitting pages for translation (migration 0008), nothing else site-wide
        # (no Django admin, no shop dashboard)
        assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
            ("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation"),
        }
        # Page permissions on the home page only, so on every page below it
        page_permissions = GroupPagePermission.objects.filter(group=group)
        assert set(page_permissions.values_list("page_id", flat=True)) == {home.pk}
        assert set(page_permissions.values_list("permission__codename", flat=True)) == page_codenames
        # Images and documents of the root collection
        collection_permissions = GroupCollectionPermission.objects.filter(group=group)
        assert set(collection_permissions.values_list("collection__depth", flat=True)) == {1}
        assert set(collection_permissions.values_list(
            "permission__content_type__app_label", "permission__codename")) == MEDIA_PERMISSIONS


def test_the_home_page_goes_through_the_review_workflow_approved_by_moderators_and_publishers(news_index):
    workflow = Workflow.objects.get(name=EDITORIAL_WORKFLOW)
    tasks_ = [task.specific for task in workflow.tasks]

    assert workflow.active is True
    assert [task.name for task in tasks_] == ["Kiểm duyệt trước khi xuất bản"]
    assert sorted(tasks_[0].groups.values_list("name", flat=True)) == sorted([MODERATORS_GROUP, PUBLISHERS_GROUP])
    # Every page below the home page uses it (the closest workflow wins over the root's default)
    assert HomePage.objects.get().get_workflow() == workflow
    assert news_index.get_workflow() == workflow


def test_an_editor_cannot_publish_submits_for_review_and_a_moderator_approval_publishes(client, news_index):
    editor = _member(EDITORS_GROUP, "bientap.test@ocop.vn")
    moderator = _member(MODERATORS_GROUP, "kiemduyet.test@ocop.vn")
    add_url = f"/cms/pages/add/cms/newsarticlepage/{news_index.pk}/"
    client.force_login(editor)

    # When the editor asks to publish a new article
    response = client.post(add_url, _article_form(
        title="Khai mạc hội chợ OCOP", slug="khai-mac-hoi-cho-ocop", **{"action-publish": "action-publish"}))

    # Then Wagtail saves a draft only: not live, no revision published, nothing reachable anonymously
    assert response.status_code == 302
    draft = NewsArticlePage.objects.get(slug="khai-mac-hoi-cho-ocop")
    assert (draft.live, draft.has_unpublished_changes, draft.first_published_at) == (False, True, None)
    assert draft.owner == editor
    client.logout()
    assert client.get("/tin-tuc/khai-mac-hoi-cho-ocop/").status_code == 404

    # When the editor writes another article and submits it for moderation
    client.force_login(editor)
    response = client.post(add_url, _article_form(
        title="Hội chợ OCOP ngày thứ hai", slug="hoi-cho-ocop-ngay-thu-hai", **{"action-submit": "action-submit"}))

    # Then the workflow is in progress on its first task, and the page is still not live
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="hoi-cho-ocop-ngay-thu-hai")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert (state.status, state.workflow.name, state.requested_by) == (
        WorkflowState.STATUS_IN_PROGRESS, EDITORIAL_WORKFLOW, editor)
    assert article.live is False
    client.logout()
    assert client.get("/tin-tuc/hoi-cho-ocop-ngay-thu-hai/").status_code == 404

    # And the editor cannot approve their own submission
    client.force_login(editor)
    task_state = state.current_task_state
    approve_url = f"/cms/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    refused = client.post(approve_url, {"comment": ""})
    state.refresh_from_db()
    # Wagtail answers a refused permission by sending the user back to the dashboard
    assert (refused.status_code, refused.url, state.status) == (302, "/cms/", WorkflowState.STATUS_IN_PROGRESS)
    assert task_state.task.specific.get_actions(article, editor) == []

    # When a moderator approves the task through the admin's "Phê chuẩn" button
    client.force_login(moderator)
    response = client.post(approve_url, {"comment": ""})
    assert (response.status_code, response.url) == (302, f"/cms/pages/{article.pk}/edit/")

    # Then the workflow is approved and the article is live, reachable anonymously at its URL
    state.refresh_from_db()
    article.refresh_from_db()
    assert (state.status, article.live, article.has_unpublished_changes) == (
        WorkflowState.STATUS_APPROVED, True, False)
    client.logout()
    published = client.get("/tin-tuc/hoi-cho-ocop-ngay-thu-hai/")
    assert published.status_code == 200
    assert "Hội chợ OCOP ngày thứ hai" in published.content.decode()
    # And the first draft, never submitted, is still hidden
    assert client.get("/tin-tuc/khai-mac-hoi-cho-ocop/").status_code == 404


def test_a_publisher_may_publish_directly(client, news_index):
    publisher = _member(PUBLISHERS_GROUP, "xuatban.test@ocop.vn")
    client.force_login(publisher)

    response = client.post(f"/cms/pages/add/cms/newsarticlepage/{news_index.pk}/", _article_form(
        title="Lịch hội chợ tháng 12", slug="lich-hoi-cho-thang-12", **{"action-publish": "action-publish"}))

    assert response.status_code == 302
    assert NewsArticlePage.objects.get(slug="lich-hoi-cho-thang-12").live is True
    client.logout()
    assert client.get("/tin-tuc/lich-hoi-cho-thang-12/").status_code == 200


def test_a_user_outside_the_groups_cannot_open_the_cms(client):
    outsider = get_user_model().objects.create_user("khach@ocop.vn", "khach@ocop.vn", "mat-khau-2026")
    client.force_login(outsider)

    response = client.get("/cms/")

    assert (response.status_code, response.url) == (302, "/cms/login/?next=/cms/")


def test_the_beat_publishes_scheduled_pages_every_five_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["cms-publish-scheduled"]

    assert (entry["task"], entry["schedule"]) == ("marketplace.cms.tasks.publish_scheduled_pages", 300.0)
    assert tasks.publish_scheduled_pages.name == entry["task"]
    with mock.patch.object(tasks, "call_command") as call_command:
        tasks.publish_scheduled_pages()
    call_command.assert_called_once_with("publish_scheduled")
