"""The editorial workflow: editors draft, moderators approve, publishers publish.

Three groups with page permissions on the home page (so on every page below it) and image and document
permissions on the root collection, and the "Duyệt nội dung" workflow on the home page: a change an editor
submits waits for a moderator or a publisher, and approving the workflow's only task publishes it.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
PUBLISHERS = "Người xuất bản"
WORKFLOW = "Duyệt nội dung"
TASK = "Kiểm duyệt trước khi xuất bản"

# group: (page permissions on the home page, also given over images and documents)
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    # Approving the workflow's last task publishes the page as the approver: Wagtail requires publish_page.
    MODERATORS: ("add_page", "change_page", "lock_page", "publish_page"),
    PUBLISHERS: ("add_page", "change_page", "lock_page", "unlock_page", "publish_page"),
}
PAGE_PERMISSION_NAMES = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "lock_page": "Lock/unlock pages you've locked",
    "unlock_page": "Unlock any page",
    "publish_page": "Publish any page",
}
# (app label, model, codenames) given to every editorial group over the root collection.
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add_image", "change_image", "choose_image")),
    ("wagtaildocs", "document", ("add_document", "change_document", "choose_document")),
)
APPROVING_GROUPS = (MODERATORS, PUBLISHERS)


def _permission(apps, app_label: str, model: str, codename: str, name: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name},
    )
    return permission


def create_editorial_groups_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        if home is not None:
            for codename in codenames:
                permission = _permission(apps, "wagtailcore", "page", codename, PAGE_PERMISSION_NAMES[codename])
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        if root_collection is not None:
            for app_label, model, collection_codenames in COLLECTION_PERMISSIONS:
                for codename in collection_codenames:
                    permission = _permission(apps, app_label, model, codename, codename.replace("_", " "))
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission,
                    )

    if home is None:
        return
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[name] for name in APPROVING_GROUPS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow per page: this one replaces any other on the home page (the root's default stays above it).
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def remove_editorial_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    # Deleting the workflow and task cascades to their page link, steps and any moderation states.
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    Group.objects.filter(name__in=list(PAGE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_create_story_and_event_indexes"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(create_editorial_groups_and_workflow, remove_editorial_groups_and_workflow)]
