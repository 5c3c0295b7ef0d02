"""A zlib deflate stream driven the way mod_deflate drives it: a fixed output buffer of
DeflateBufferSize bytes that is handed on each time it fills while input remains.

Python's zlib module produces the same compressed bytes but decides on its own when to hand
them out, which changes where the compressed output is split (and so the chunks of a chunked
response).  Through ctypes this module calls the system's libz with httpd's buffer handling, so
the pieces match httpd's; without a loadable libz it falls back to Python's zlib (same bytes,
other piece boundaries).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import zlib

Z_NO_FLUSH, Z_SYNC_FLUSH, Z_FINISH = 0, 2, 4
Z_OK, Z_STREAM_END, Z_BUF_ERROR = 0, 1, -5


class _ZStream(ctypes.Structure):
    _fields_ = [("next_in", ctypes.c_void_p), ("avail_in", ctypes.c_uint), ("total_in", ctypes.c_ulong),
                ("next_out", ctypes.c_void_p), ("avail_out", ctypes.c_uint), ("total_out", ctypes.c_ulong),
                ("msg", ctypes.c_char_p), ("state", ctypes.c_void_p), ("zalloc", ctypes.c_void_p),
                ("zfree", ctypes.c_void_p), ("opaque", ctypes.c_void_p), ("data_type", ctypes.c_int),
                ("adler", ctypes.c_ulong), ("reserved", ctypes.c_ulong)]


def _load():
    name = ctypes.util.find_library("z") or "libz.so.1"
    try:
        lib = ctypes.CDLL(name)
        lib.zlibVersion.restype = ctypes.c_char_p
        lib.deflateInit2_.argtypes = [ctypes.POINTER(_ZStream), ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                      ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.deflate.argtypes = [ctypes.POINTER(_ZStream), ctypes.c_int]
        lib.deflateEnd.argtypes = [ctypes.POINTER(_ZStream)]
        return lib
    except (OSError, AttributeError):
        return None


_LIB = _load()


class Deflater:
    """One gzip body's raw deflate stream, used as deflate_out_filter uses its z_stream: the
    caller's brigade `bb` (ctx->bb) receives each full or flushed output buffer, and `send()`
    is called whenever httpd would pass that brigade down (the buffer filled while input
    remained)."""

    def __init__(self, level: int, wbits: int, memlevel: int, bufsize: int):
        self.bufsize = bufsize
        self.total_in = 0
        self.total_out = 0
        self._py = None
        self.z = None
        if _LIB is not None:
            self.z = _ZStream()
            rc = _LIB.deflateInit2_(ctypes.byref(self.z), level, zlib.DEFLATED, -wbits, memlevel,
                                    zlib.Z_DEFAULT_STRATEGY, _LIB.zlibVersion(), ctypes.sizeof(_ZStream))
            if rc != Z_OK:
                raise zlib.error(f"deflateInit2 returned {rc}")
            self.out = ctypes.create_string_buffer(bufsize)
            self._reset_out()
        else:
            self._py = zlib.compressobj(level, zlib.DEFLATED, -wbits, memlevel, zlib.Z_DEFAULT_STRATEGY)
            self.pending = bytearray()

    def _reset_out(self) -> None:
        self.z.next_out = ctypes.addressof(self.out)
        self.z.avail_out = self.bufsize

    def _consume(self, bb: list, n: int) -> None:
        """consume_buffer: the first n bytes of the output buffer go to bb."""
        bb.append(self.out.raw[:n])
        self._reset_out()

    def data(self, data: bytes, bb: list, send) -> None:
        """Compress one data bucket (deflate_out_filter's inner loop)."""
        self.total_in += len(data)
        if self._py is not None:
            out = self._py.compress(data)
            self.total_out += len(out)
            self.pending += out
            while len(self.pending) > self.bufsize:
                bb.append(bytes(self.pending[:self.bufsize]))
                del self.pending[:self.bufsize]
                send()
            return
        inbuf = ctypes.create_string_buffer(data, len(data))
        z = self.z
        z.next_in = ctypes.addressof(inbuf)
        z.avail_in = len(data)
        while z.avail_in != 0:
            if z.avail_out == 0:
                self._consume(bb, self.bufsize)
                send()
            rc = _LIB.deflate(ctypes.byref(z), Z_NO_FLUSH)
            if rc != Z_OK:
                raise zlib.error(f"Zlib error {rc} deflating data")
        z.next_in = None
        self.total_out = z.total_out

    def flush(self, mode: int, bb: list) -> None:
        """flush_libz_buffer: what zlib holds (Z_SYNC_FLUSH or Z_FINISH) goes to bb."""
        if self._py is not None:
            out = self._py.flush(mode)
            self.total_out += len(out)
            self.pending += out
            if self.pending:
                bb.append(bytes(self.pending))
            self.pending = bytearray()
            return
        z = self.z
        done = False
        while True:
            n = self.bufsize - z.avail_out
            if n > 0:
                self._consume(bb, n)
            if done:
                break
            rc = _LIB.deflate(ctypes.byref(z), mode)
            if rc == Z_BUF_ERROR:
                break
            done = z.avail_out != 0 or rc == Z_STREAM_END
            if rc not in (Z_OK, Z_STREAM_END):
                break
        self.total_out = z.total_out
        if mode == Z_FINISH:
            self.end()

    def end(self) -> None:
        if self.z is not None and self.z.state:
            _LIB.deflateEnd(ctypes.byref(self.z))

    def __del__(self):
        self.end()
