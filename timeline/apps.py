from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        # Connects the signals that invalidate cached facet counts, in every
        # process: a management command that loads events must invalidate them
        # too, not only the web workers that import the views.
        from . import facet_cache  # noqa: F401
