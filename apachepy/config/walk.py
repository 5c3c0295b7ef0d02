"""The walk phase (httpd's ap_walk_config): run every directive's handler on the tree.

Arguments are split by the directive's kind, the context is checked against its override
class, and sections walk their children with their own context.  Errors are walk-phase
errors: `AH00526: Syntax error on line N of FILE:` and the message on the next line.
"""
from __future__ import annotations

from typing import Any

from ..errors import WalkError
from ..modules.base import HANDLERS
from .invoke import ArgError, split_args
from .model import Config, DirConf, Server
from .nodes import Node
from .reader import DEFAULT_OVERRIDE, Fail, Reader
from .registry import (EXEC_ON_READ, NONFATAL_OVERRIDE, NONFATAL_UNKNOWN, RSRC_CONF, Directive, How)

# ap_check_cmd_context flags
NOT_IN_VIRTUALHOST = 0x01
NOT_IN_LIMIT = 0x02
NOT_IN_DIRECTORY = 0x04
NOT_IN_LOCATION = 0x08
NOT_IN_FILES = 0x10
NOT_IN_HTACCESS = 0x20
NOT_IN_PROXY = 0x40
NOT_IN_DIR_LOC_FILE = NOT_IN_DIRECTORY | NOT_IN_LOCATION | NOT_IN_FILES
NOT_IN_DIR_CONTEXT = NOT_IN_LIMIT | NOT_IN_DIR_LOC_FILE | NOT_IN_PROXY
GLOBAL_ONLY = NOT_IN_VIRTUALHOST | NOT_IN_DIR_CONTEXT
_SECTION_KINDS = ((NOT_IN_DIRECTORY, ("<directory", "<directorymatch")),
                  (NOT_IN_LOCATION, ("<location", "<locationmatch")),
                  (NOT_IN_FILES, ("<files", "<filesmatch", "<if", "<elseif", "<else")),
                  (NOT_IN_PROXY, ("<proxy", "<proxymatch")))


class Cmd:
    """httpd's cmd_parms for the walk: where we are and what we are building."""

    def __init__(self, reader: Reader, config: Config, server: Server, htaccess: bool = False):
        self.reader = reader
        self.config = config
        self.server = server
        self.override = DEFAULT_OVERRIDE
        self.override_list: set[str] | None = None
        self.path: str | None = None
        self.limited = -1
        self.htaccess = htaccess
        self.directive: Node | None = None   # the node being processed
        self.cmd: Directive | None = None
        self.context: DirConf = server.conf
        self.err: Node | None = None

    # -- helpers for handlers ----------------------------------------------------------
    def check_context(self, forbidden: int) -> str | None:
        name = self.cmd.name
        gt = ">" if name.startswith("<") and not name.endswith(">") else ""
        if forbidden & NOT_IN_VIRTUALHOST and self.server.is_virtual:
            return f"{name}{gt} cannot occur within <VirtualHost> section"
        if forbidden & NOT_IN_LIMIT and self.limited != -1:
            return f"{name}{gt} cannot occur within <Limit> or <LimitExcept> section"
        if forbidden & NOT_IN_HTACCESS and self.htaccess:
            return f"{name}{gt} cannot occur within htaccess files"
        if forbidden & NOT_IN_DIR_LOC_FILE == NOT_IN_DIR_LOC_FILE:
            if self.path is not None:
                return f"{name}{gt} cannot occur within directory context"
            if self.cmd.override & EXEC_ON_READ:
                return None
        if self.directive is None or self.directive.parent is None:
            return None
        enclosing = []
        p = self.directive.parent
        while p is not None:
            enclosing.append((p.name.lower(), p))
            p = p.parent
        # httpd tests the section kinds in this order, each against every enclosing section
        for flag, kinds in _SECTION_KINDS:
            if forbidden & flag:
                for what in kinds:
                    for lname, p in enclosing:
                        if lname == what:
                            return f"{name}{gt} cannot occur within {p.name}> section"
        return None

    def store(self, value: Any, where: dict | None = None) -> None:
        """Keep a directive's value in its context, in order of appearance."""
        target = self.context.values if where is None else where
        target.setdefault(self.cmd.name, []).append(value)

    def walk(self, nodes: list[Node], context: DirConf | None = None) -> None:
        old = self.context
        if context is not None:
            self.context = context
        try:
            for node in nodes:
                self.walk_one(node)
        finally:
            self.context = old

    def walk_one(self, node: Node) -> None:
        cmds = self.reader.cmds.get(node.name.lower())
        if cmds is None:
            if self.override & NONFATAL_UNKNOWN:
                self.reader.log.log("core", "warn", f"AH02296: Unknown directive {node.name.lower()} perhaps "
                                    "misspelled or defined by a module not included in the server configuration")
                return
            self.err = self.err or node
            raise Fail(f"Invalid command '{node.name}', perhaps misspelled or defined by a module "
                       "not included in the server configuration")
        for d in cmds:
            if d.override & EXEC_ON_READ:
                continue
            self.directive = node
            msg = self.invoke(d, node)
            if msg is not None:
                self.err = self.err or node
                raise Fail(msg)

    def invoke(self, d: Directive, node: Node) -> str | None:
        if self.override & d.override == 0 and not (self.override_list and d.name in self.override_list):
            if self.override & NONFATAL_OVERRIDE:
                self.reader.log.log("core", "warn", f"AH02295: {d.name} in .htaccess forbidden by AllowOverride")
                return None
            if node.parent is not None:
                return f"{d.name} not allowed in {node.parent.name}> context"
            return f"{d.name} not allowed here"
        self.cmd = d
        try:
            argv = split_args(d, node.args)
        except ArgError as e:
            return str(e)
        handler = HANDLERS.get(d.name)
        if handler is None:
            self.store(argv if d.how not in (How.RAW_ARGS,) else argv[0])
            if node.is_section:
                return self.walk_section(node)
            return None
        if d.how is How.ITERATE:
            for a in argv:
                msg = handler(self, a)
                if msg:
                    return msg
            return None
        if d.how is How.ITERATE2:
            first = argv[0]
            for a in argv[1:]:
                msg = handler(self, first, a)
                if msg:
                    return msg
            return None
        if d.how is How.TAKE_ARGV:
            return handler(self, argv)
        return handler(self, *argv)


    def walk_section(self, node: Node, override: int | None = None) -> str | None:
        """A container with no handler of its own: check its '>' and walk what it holds."""
        if node.args.rfind(">") < 0:
            return f"{self.cmd.name}> directive missing closing '>'"
        old = self.override
        if override is not None:
            self.override = override
        try:
            self.walk(node.children)
        finally:
            self.override = old
            self.directive = node
        return None


def walk_config(cmd: Cmd, tree: list[Node]) -> None:
    """Walk the whole tree; raise WalkError with httpd's position on the first error."""
    try:
        cmd.walk(tree)
    except Fail as e:
        err = cmd.err
        raise WalkError(e.message, err.file if err else None, err.line if err else None)
