import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

EDITOR_GROUP = "Editors"
EDITED_MODELS = (
    *("event", "actor", "source", "outlet", "participation", "citation", "place", "calendarentry"),
    *("tombstone", "eventalias"),
)


def editors_group() -> Group:
    """The group that may add, change and delete timeline records (not users)."""
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    codenames = [f"{action}_{model}" for model in EDITED_MODELS for action in ("add", "change", "delete", "view")]
    group.permissions.set(Permission.objects.filter(content_type__app_label="timeline", codename__in=codenames))
    return group


class Command(BaseCommand):
    help = (
        "Create (or update) an editor: a staff account in the Editors group that can correct the timeline "
        "in the admin. The password comes from DJANGO_EDITOR_PASSWORD or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The editor's login name.")
        parser.add_argument("--email", default="", help="The editor's e-mail address (optional).")

    def handle(self, username, email, **options):
        password = os.environ.get("DJANGO_EDITOR_PASSWORD") or self.ask_password()
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(editors_group())
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor '{username}'. Log in at /admin/."))

    def ask_password(self) -> str:
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("No password given: set DJANGO_EDITOR_PASSWORD or run interactively.") from None
        if not first or first != second:
            raise CommandError("The passwords were empty or did not match.")
        return first
