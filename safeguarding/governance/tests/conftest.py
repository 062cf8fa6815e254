import pytest
from django.core.files.storage import FileSystemStorage


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded papers go to a temporary folder, never the real media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return FileSystemStorage(location=settings.MEDIA_ROOT)
