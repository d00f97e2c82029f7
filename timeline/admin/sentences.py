"""An article's sentences, for the citation form's picker: citing is choosing, not counting."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from ..extraction.text import split_sentences
from ..models import Source


def sentences_view(model_admin, request, source_id):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    sentences = [{"start": s.start, "text": s.text} for s in split_sentences(source.text) if s.text.strip()]
    return JsonResponse({"sentences": sentences})
