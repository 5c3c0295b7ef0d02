"""Buckets and brigades (APR's apr_bucket / apr_bucket_brigade, reduced to what filters use).

A brigade is a plain Python list of buckets, passed down an output chain or returned up an
input chain.  The bucket kinds:

  * data: any bytes-like object (`bytes`, `bytearray`, `memoryview`); its length is known;
  * `FileBucket(path, fd, offset, length)`: a range of an open file, sent with sendfile(2)
    by the core output filter when nothing above it needs the bytes (a filter that does
    calls `read_bucket`);
  * `FLUSH`: everything before it must reach the client now (the core output filter
    writes blocking); an input filter never returns it;
  * `EOS`: the end of a response (output) or of the request body / connection (input).

FLUSH and EOS are metadata: they carry no bytes (`is_metadata`).
"""
from __future__ import annotations

import os


class FileBucket:
    """A file range (apr's FILE bucket).  `fd` may be None: the file is opened by path."""

    __slots__ = ("path", "fd", "offset", "length")

    def __init__(self, path: str | None, fd: int | None, offset: int, length: int):
        self.path = path
        self.fd = fd
        self.offset = offset
        self.length = length

    def read(self) -> bytes:
        if self.fd is not None:
            return os.pread(self.fd, self.length, self.offset)
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            return f.read(self.length)

    def split(self, n: int) -> tuple["FileBucket", "FileBucket"]:
        return (FileBucket(self.path, self.fd, self.offset, n),
                FileBucket(self.path, self.fd, self.offset + n, self.length - n))

    def __repr__(self) -> str:
        return f"FileBucket({self.path!r}, offset={self.offset}, length={self.length})"


class Metadata:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


FLUSH = Metadata("FLUSH")
EOS = Metadata("EOS")

DATA_TYPES = (bytes, bytearray, memoryview)


def is_metadata(b) -> bool:
    return isinstance(b, Metadata)


def is_file(b) -> bool:
    """A file range: our FileBucket or anything shaped like one (the HTTP layer's FileBody)."""
    return isinstance(b, FileBucket) or (not isinstance(b, DATA_TYPES + (Metadata,))
                                         and hasattr(b, "offset") and hasattr(b, "length"))


def bucket_length(b) -> int:
    if isinstance(b, DATA_TYPES):
        return len(b)
    if isinstance(b, Metadata):
        return 0
    return b.length


def read_bucket(b) -> bytes:
    """The bytes of a data or file bucket (b"" for metadata)."""
    if isinstance(b, bytes):
        return b
    if isinstance(b, DATA_TYPES):
        return bytes(b)
    if isinstance(b, Metadata):
        return b""
    if isinstance(b, FileBucket):
        return b.read()
    return FileBucket(getattr(b, "path", None), getattr(b, "fd", None), b.offset, b.length).read()


def brigade_length(bb: list) -> int:
    return sum(bucket_length(b) for b in bb)


def flatten(bb: list) -> bytes:
    """All the bytes of a brigade (apr_brigade_flatten)."""
    return b"".join(read_bucket(b) for b in bb if not isinstance(b, Metadata))


def has_eos(bb: list) -> bool:
    return any(b is EOS for b in bb)


def from_body(body) -> list:
    """A handler's response body (bytes, a file range, or a list of both) as buckets."""
    if body is None:
        return []
    if isinstance(body, list):
        out = []
        for part in body:
            out.extend(from_body(part))
        return out
    if isinstance(body, DATA_TYPES):
        return [body] if len(body) else []
    return [body]
