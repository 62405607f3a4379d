"""Requests run on a Python stack chunk of their own (newsroom.stack)."""

import resource
import sys

import pytest

from newsroom.stack import ROOM, RoomyStack, with_room

CALLS = 3000


def _faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _leaf():
    return None


def _descend(depth):
    if depth:
        return _descend(depth - 1)
    for _ in range(CALLS):
        _leaf()
    return None


def _sweep():
    """A loop of calls at every depth up to 400 frames (three 16 KB chunks of these
    frames): at some depth the leaf's frame does not fit in its caller's chunk."""
    before = _faults()
    for depth in range(400):
        _descend(depth)
    return _faults() - before


def test_calls_with_room_do_not_map_a_chunk_at_each_call():
    _sweep()  # warm: the interpreter's own caches
    bare = _sweep()
    if bare < CALLS // 2:
        pytest.skip(f"this CPython keeps a spare stack chunk ({bare} page faults)")
    roomy = with_room(_sweep)
    assert roomy < CALLS // 10, (bare, roomy)


def test_with_room_passes_arguments_and_results():
    def called(*args, **kwargs):
        return args, kwargs, sys._getframe(1).f_code.co_stacksize

    args, kwargs, stacksize = with_room(called, 1, "hai", ba=3)
    assert (args, kwargs) == ((1, "hai"), {"ba": 3})
    assert stacksize >= ROOM


def test_djangos_handler_runs_each_request_with_room():
    import newsroom.wsgi

    seen = []

    def app(environ, start_response):
        seen.append(sys._getframe(1).f_code.co_stacksize)
        start_response("200 OK", [])
        return [b"xin chao"]

    wrapped = RoomyStack(app)
    assert wrapped({}, lambda status, headers: None) == [b"xin chao"]
    assert seen[0] >= ROOM
    # What the page cache does not answer (Django's handler) runs with room.
    assert isinstance(newsroom.wsgi.application.handler, RoomyStack)
