"""The editor's photo addresses: CKEditor's upload adapter and the editor's image source."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from newsroom.roles import staff_may

from . import ingest, references
from .forms import EditorImageForm
from .models import Photo


@require_POST
def editor_image_upload(request):
    """CKEditor's upload adapter: the dropped or pasted picture becomes a library photo.

    The answer is the JSON CKEditor expects; the URL is the photo's editor address, which
    the sanitiser turns into a reference to the photo when the article is saved.
    """
    if not ingest.can_upload(request.user):
        return JsonResponse({"error": {"message": "Bạn không có quyền tải ảnh lên."}}, status=403)
    form = EditorImageForm(request.POST, request.FILES)
    if not form.is_valid():
        message = next(iter(form.errors.values()))[0]
        return JsonResponse({"error": {"message": message}}, status=400)
    try:
        photo = ingest.create(form.cleaned_data["upload"], request.user)
    except ValidationError as error:
        return JsonResponse({"error": {"message": error.messages[0]}}, status=400)
    return JsonResponse({"url": references.editor_src(photo.pk)})


def editor_photo(request, pk):
    """Where the editor's image figures point: the photo's 800-pixel JPEG, for staff only."""
    user = request.user
    if not staff_may(user, "photos.view_photo"):
        raise Http404("Không có ảnh này.")
    photo = get_object_or_404(Photo, pk=pk)
    entry = photo.rendition("w800") or (photo.widths()[-1:] or [None])[0]
    url = photo.url_of(entry) if entry else photo.image.url
    response = HttpResponseRedirect(url)
    patch_cache_control(response, private=True, max_age=300)
    return response
