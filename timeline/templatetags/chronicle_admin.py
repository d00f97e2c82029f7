from django import template

register = template.Library()


@register.simple_tag
def awaiting_review() -> dict:
    """What waits in the review queue, for the admin's front page."""
    from timeline.admin.review import awaiting_counts

    return awaiting_counts()
