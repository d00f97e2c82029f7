"""Dates in the admin: ISO first, as every export writes them; the British form still accepted."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget

INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
HINT = "YYYY-MM-DD, e.g. 2023-03-21 (21/03/2023 and 21 March 2023 work too)."


class IsoDateField(forms.DateField):
    widget = AdminDateWidget(format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        kwargs.setdefault("help_text", HINT)
        super().__init__(**kwargs)
