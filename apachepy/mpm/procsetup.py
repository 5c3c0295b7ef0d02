"""Process setup of a child (or of -X): privileges, core dumps, CPU, descriptors, memory."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pwd
import resource

# Imported here, in the master: after setuid a child may not be able to read the Python
# installation any more (e.g. under /root), so nothing may be imported lazily past that point.


class ChildFatal(Exception):
    """The child cannot run (setuid failed...): exit APEXIT_CHILDFATAL, the server stops."""


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def drop_privileges(config, errlog) -> None:
    """unixd's drop_privileges: as root, become Group and User.  As httpd 2.4.71 does, a
    user or group that cannot be set up is logged and the child goes on as root; a failing
    setuid() is fatal.  With CoreDumpDirectory the process is made dumpable again."""
    if os.geteuid() == 0 and _set_user(config, errlog):
        uid = config.values.get("User", ("#-1", 4294967295))[1]
        try:
            os.setuid(uid)
        except (OSError, OverflowError) as e:
            errlog.log("unixd", "alert", f"AH02162: setuid: unable to change to uid: {uid}",
                       err=e if isinstance(e, OSError) else None)
            raise ChildFatal() from e
    if "CoreDumpDirectory" in config.values:
        if _libc().prctl(4, 1, 0, 0, 0) != 0:        # PR_SET_DUMPABLE
            errlog.log("unixd", "alert", "AH02163: set dumpable failed - this child will not coredump "
                                         "after software errors", err=OSError(ctypes.get_errno(), ""))
            raise ChildFatal()


def _set_user(config, errlog) -> bool:
    """set_group_privs: False (logged) when the child must stay as it is."""
    uname, uid = config.values.get("User", ("#-1", 4294967295))
    gname, gid = config.values.get("Group", ("#-1", 4294967295))
    if uname.startswith("#"):
        try:
            uname = pwd.getpwuid(uid).pw_name
        except (KeyError, OverflowError):
            errlog.log("unixd", "alert", f"AH02155: getpwuid: couldn't determine user name from uid {uid}, "
                                         "you probably need to modify the User directive")
            return False
    try:
        os.setgid(gid)
    except (OSError, OverflowError) as e:
        errlog.log("unixd", "alert", f"AH02156: setgid: unable to set group id to Group {gid}",
                   err=e if isinstance(e, OSError) else None)
        return False
    try:
        os.initgroups(uname, gid)
    except OSError as e:
        errlog.log("unixd", "alert", f"AH02157: initgroups: unable to set groups for User {uname} "
                                     f"and Group {gid}", err=e)
        return False
    return True


def core_dump_dir(config) -> None:
    """CoreDumpDirectory: work from there, so that a core file of a crashing child lands in it
    (httpd changes directory in its fatal-signal handler; a Python process has no such hook)."""
    where = config.values.get("CoreDumpDirectory")
    if where:
        try:
            os.chdir(where)
        except OSError:
            pass


def trim_memory(max_mem_free_kb: int) -> None:
    """MaxMemFree: give free heap memory above MaxMemFree KB back to the system (glibc's
    malloc_trim keeps that much as padding).  0 means unlimited: nothing is trimmed."""
    if max_mem_free_kb > 0:
        try:
            _libc().malloc_trim(max_mem_free_kb * 1024)
        except (OSError, AttributeError):
            pass


def pin_to_cpu(slot: int) -> None:
    """Keep all threads of a child on one CPU (slot modulo the CPUs this server may use).

    A child runs Python on one core at a time anyway (the GIL); letting its threads wander
    makes every hand-over of the GIL a cross-core wake-up, which measured about 1.4x the CPU
    per request.  APACHEPY_CHILD_AFFINITY=0 in the environment turns this off."""
    if os.environ.get("APACHEPY_CHILD_AFFINITY", "1") == "0":
        return
    try:
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) > 1:
            os.sched_setaffinity(0, {cpus[slot % len(cpus)]})
    except (AttributeError, OSError):
        pass


def raise_fd_limit() -> None:
    """Connections waiting for their head cost a descriptor each: use the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass
