"""Django's requests run on a Python stack chunk of their own, with room for any request.

CPython 3.11 to 3.13.12 keeps the frames of Python calls in 16 KB chunks and frees a
chunk as soon as the first frame in it returns (python/cpython#142183, fixed in later
3.13 and 3.14 releases by keeping one chunk spare). A loop whose calls cross a chunk's
end maps a chunk, touches its pages and unmaps it at every call. The article change
form crosses one while it renders its fieldsets: under ``strace -c`` and ``/proc`` in
the issue 13 benchmark's gunicorn worker, about a thousand ``mmap``/``munmap`` pairs
and as many page faults per request, 6-8 ms of system time (the stock admin form: 2).

``with_room`` calls a function from a frame whose declared stack takes 16 Ki slots
(128 KB): CPython puts that frame at the start of a new chunk of 256 KB, and the frames
the call makes go after it, in the 128 KB left: several hundred frames, more than a
request makes (the change form in-process: 6-8 page faults a request with it, up to
2,469 without, by how deep it started); a deeper call goes on into chunks of its own as
usual. The chunk is mapped once per call and only the pages the frames use are
touched. On a CPython that keeps a spare chunk, or grows its stack another way, it is
one more call (and a 256 KB mapping if no chunk is spare). If the roomy frame's frame
object outlives the call (an exception escaping the WSGI application keeps it in its
traceback), CPython copies the frame into it: 128 KB, once.
"""

import types

# Slots (pointers) the roomy frame declares. Its chunk is the smallest power of two
# times 16 KB holding it and 1,000 more slots: 256 KB, half of it left for the callees.
ROOM = 16 * 1024


def _call(function, args, kwargs):
    return function(*args, **kwargs)


_ROOMY = types.FunctionType(
    _call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + ROOM), {}, "_roomy"
)


def with_room(function, *args, **kwargs):
    """``function(*args, **kwargs)``, its frames in a stack chunk of their own."""
    return _ROOMY(function, args, kwargs)


class RoomyStack:
    """A WSGI application each of whose requests runs ``with_room``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return _ROOMY(self.application, (environ, start_response), {})

    def __getattr__(self, name):
        # The wrapped application's own attributes.
        return getattr(self.application, name)
