import pytest
from django.core.files.storage import FileSystemStorage


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Evidence files go to a temporary folder, never the real media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return FileSystemStorage(location=settings.MEDIA_ROOT)
