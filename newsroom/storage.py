"""Filesystem media storage that never shows a half-written file under its final name.

Django's FileSystemStorage writes straight into the final name, so a worker killed
mid-upload leaves a truncated photo that pages then link to. Here the bytes go to a
hidden ``.partial-…`` file in the same folder, are flushed to disk, and only then
get their final name with a hard link (which, unlike a rename, refuses to replace an
existing file, keeping Django's never-overwrite naming race-free). A partial file
left by a killed process is found and removed by ``manage.py clean_media``.
"""

import errno
import os
import secrets
import shutil

from django.core.files.storage import FileSystemStorage

PARTIAL_PREFIX = ".partial-"
_LINK_UNSUPPORTED = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def is_partial(name):
    return os.path.basename(name).startswith(PARTIAL_PREFIX)


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        partial = os.path.join(
            directory, f"{PARTIAL_PREFIX}{secrets.token_hex(8)}-{os.path.basename(full_path)}"
        )
        try:
            self._write(partial, content)
            full_path = self._publish(partial, name)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        name = os.path.relpath(full_path, self.location)
        self._ensure_location_group_id(full_path)
        return str(name).replace("\\", "/")

    @staticmethod
    def _write(partial, content):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(partial, flags, 0o666), "wb") as handle:
            if hasattr(content, "temporary_file_path"):
                with open(content.temporary_file_path(), "rb") as source:
                    shutil.copyfileobj(source, handle, 1024 * 1024)
            else:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            handle.flush()
            os.fsync(handle.fileno())

    def _publish(self, partial, name):
        """Give the complete file its final name; returns the full path it got."""
        full_path = self.path(name)
        if self._allow_overwrite:
            os.replace(partial, full_path)
            return full_path
        while True:
            try:
                os.link(partial, full_path)
                return full_path
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
            except OSError as error:
                if error.errno not in _LINK_UNSUPPORTED:
                    raise
                # A filesystem without hard links: a rename is still atomic.
                if os.path.exists(full_path):
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                    continue
                os.rename(partial, full_path)
                return full_path
