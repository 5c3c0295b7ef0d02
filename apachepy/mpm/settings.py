"""The MPM numbers this implementation runs with, whatever MPM the configuration loads.

apachepy has one MPM, the event MPM.  A configuration written for mpm_worker has the same
numbers (its AsyncRequestWorkerFactor is the default).  One written for mpm_prefork runs as
event children with one worker thread each: StartServers, ServerLimit, MaxRequestWorkers and
MaxConnectionsPerChild keep their meaning and Min/MaxSpareServers become Min/MaxSpareThreads.
"""
from __future__ import annotations

from ..modules.mpm import DEFAULTS


def event_settings(config) -> dict:
    m = dict(config.mpm)
    if "ThreadsPerChild" in m:                 # event or worker: already checked and adjusted
        return m
    out = {**DEFAULTS, **{k: v for k, v in m.items() if k in DEFAULTS}}
    limit = m.get("MaxRequestWorkers", 256)
    min_spare = m.get("MinSpareServers", 5)
    out.update({"ServerLimit": m.get("ServerLimit", 256), "ThreadLimit": 1, "ThreadsPerChild": 1,
                "MaxRequestWorkers": limit, "ActiveDaemonsLimit": limit,
                "StartServers": min(m.get("StartServers", 5), limit), "MinSpareThreads": min_spare,
                "MaxSpareThreads": max(m.get("MaxSpareServers", 10), min_spare + 2),
                "ListenCoresBucketsRatio": m.get("ListenCoresBucketsRatio", 0)})
    return out
