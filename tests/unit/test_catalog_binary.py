"""The directive catalog against the command tables compiled into Debian's apache2 binaries.

`apache2 -L` shows names, help texts and allowed contexts, but not the argument kind nor the
EXEC_ON_READ / NONFATAL_* bits.  This test reads the `command_rec` arrays straight out of the
ELF files (/usr/sbin/apache2 for the static modules, every mod_*.so for the shared ones) and
asserts the catalog holds exactly the same entries, in the same order: name, args_how, every
req_override bit, errmsg.  It needs an x86_64 Debian apache2 and pyelftools (test extra);
it is skipped when either is missing.

Layout facts (httpd 2.4 include/http_config.h, LP64):
  module_struct: three ints, padding, then pointers; `name` at +16, `magic` at +40, `cmds` at +88.
  command_rec:   name +0, func +8, cmd_data +16, req_override (int) +24, args_how (int) +28,
                 errmsg +32; 40 bytes; the array ends with a record whose name is NULL.
Pointers in these read-only-after-relocation tables hold 0 in the file and get their value
from an R_X86_64_RELATIVE relocation (the addend is the target address).
Note AP_INIT_NO_ARGS declares args_how RAW_ARGS, so the binaries rarely say NO_ARGS.
"""
from __future__ import annotations

import glob
import os
import struct

import pytest

from apachepy.config.registry import How
from apachepy.modules.catalog import ALL_MODULES, BY_NAME

pytest.importorskip("elftools", reason="pyelftools (test extra) not installed")
from elftools.elf.elffile import ELFFile  # noqa: E402
from elftools.elf.relocation import RelocationSection  # noqa: E402

APACHE2 = "/usr/sbin/apache2"
MODDIR = "/usr/lib/apache2/modules"

# enum cmd_how, in declaration order
CMD_HOW = [How.RAW_ARGS, How.TAKE1, How.TAKE2, How.ITERATE, How.ITERATE2, How.FLAG, How.NO_ARGS,
           How.TAKE12, How.TAKE3, How.TAKE23, How.TAKE123, How.TAKE13, How.TAKE_ARGV]
MODULE_MAGIC_COOKIE = 0x41503234       # "AP24"
R_X86_64_RELATIVE = 8
MOD_NAME, MOD_MAGIC, MOD_CMDS = 16, 40, 88
CMD_SIZE = 40


class _Image:
    """An ELF file's memory image, enough to follow relocated pointers and read strings."""

    def __init__(self, path: str):
        with open(path, "rb") as f:
            elf = ELFFile(f)
            # past p_filesz a segment is zero-filled (.bss), as in memory
            self.loads = [(s["p_vaddr"], s["p_memsz"], s.data().ljust(s["p_memsz"], b"\0"))
                          for s in elf.iter_segments() if s["p_type"] == "PT_LOAD"]
            self.relative: dict[int, int] = {}
            for sec in elf.iter_sections():
                if isinstance(sec, RelocationSection):
                    for r in sec.iter_relocations():
                        if r["r_info_type"] == R_X86_64_RELATIVE:
                            self.relative[r["r_offset"]] = r["r_addend"]
            dynsym = elf.get_section_by_name(".dynsym")
            self.symbols = {s.name: s["st_value"] for s in dynsym.iter_symbols()
                            if s["st_info"]["type"] == "STT_OBJECT" and s["st_shndx"] != "SHN_UNDEF"}

    def read(self, addr: int, n: int) -> bytes:
        for vaddr, size, data in self.loads:
            if vaddr <= addr and addr + n <= vaddr + size:
                return data[addr - vaddr: addr - vaddr + n]
        raise ValueError("address %#x not in the file image" % addr)

    def int32(self, addr: int) -> int:
        return struct.unpack("<i", self.read(addr, 4))[0]

    def pointer(self, addr: int) -> int:
        return self.relative.get(addr) or struct.unpack("<Q", self.read(addr, 8))[0]

    def string(self, addr: int) -> str | None:
        if not addr:
            return None
        out = bytearray()
        while (b := self.read(addr + len(out), 1)) != b"\0":
            out += b
        return out.decode("latin-1")


def command_tables(path: str) -> dict[str, tuple[str, list[tuple[str, How, int, str | None]]]]:
    """{module symbol: (source file, [(name, how, req_override, errmsg), ...])} for one ELF file."""
    img = _Image(path)
    out = {}
    for sym, addr in img.symbols.items():
        if not sym.endswith("_module") or struct.unpack("<Q", img.read(addr + MOD_MAGIC, 8))[0] != MODULE_MAGIC_COOKIE:
            continue
        rows, rec = [], img.pointer(addr + MOD_CMDS)
        while rec and (name := img.string(img.pointer(rec))) is not None:
            rows.append((name, CMD_HOW[img.int32(rec + 28)], img.int32(rec + 24), img.string(img.pointer(rec + 32))))
            rec += CMD_SIZE
        out[sym] = (img.string(img.pointer(addr + MOD_NAME)), rows)
    return out


def binary_tables() -> dict[str, tuple[str, list]]:
    tables = command_tables(APACHE2)
    for so in sorted(glob.glob(os.path.join(MODDIR, "mod_*.so"))):
        tables.update(command_tables(so))
    return tables


needs_binaries = pytest.mark.skipif(
    not (os.path.isfile(APACHE2) and os.path.isdir(MODDIR)) or os.uname().machine != "x86_64",
    reason="Debian apache2 (x86_64) binaries not installed")


@pytest.fixture(scope="module")
def tables():
    return binary_tables()


@needs_binaries
def test_every_binary_module_is_catalogued(tables):
    ours = {m.name: m.source for m in ALL_MODULES if m.debian != "absent"}
    assert {sym: src for sym, (src, _) in tables.items()} == ours


@needs_binaries
def test_command_tables_equal_catalog(tables):
    diffs = []
    for sym, (_, rows) in sorted(tables.items()):
        ours = [(d.name, d.how, d.override, d.help) for d in BY_NAME[sym].directives]
        if ours != rows:
            diffs.append((sym, sorted(set(ours) ^ set(rows)) or "order"))
    assert diffs == []
