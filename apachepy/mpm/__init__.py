"""The event MPM: processes, threads, sockets and timeouts, as httpd 2.4's mpm_event.

Modules, in the order a request meets them:
  control.py    -k actions, binding, detaching, then the master or -X (`run()` is the entry)
  master.py     the parent: signals, generations, children, idle server maintenance
  child.py      a child process (or -X): privileges dropped, listener + workers started
  listener.py   the listener thread: accept throttle, request heads, keep-alive, write
                completion, lingering close, timeouts
  workers.py    ThreadsPerChild worker threads running Connection.process()
  connio.py     the ConnIO a worker hands the HTTP layer (timeouts, deferred output)
  timeouts.py   Timeout / KeepAliveTimeout / RequestReadTimeout and the timeout queues
  scoreboard.py shared memory read by mod_status (read API documented there)
  sockets.py    Listen sockets, kept across restarts
  pidfile.py    PidFile;  errorlog.py  the main ErrorLog;  procsetup.py  per-child setup
  httpseam.py   where the MPM meets apachepy.http (Site per generation, Connection per socket)

httpd's semantics are kept: processes, generations, signals and messages, the accept throttle,
keep-alive/write-completion/lingering-close queues, kill'em all, MaxConnectionsPerChild, and
the worker fallback for a connection with an async-incompatible connection filter
(Connection.clogging: it keeps its worker and waits for its next request there, showing `K`).

Behaviour that differs from httpd, on purpose:
  * A new connection is read on the listener thread until its request head is complete; only
    then does it take a worker.  Slow or silent clients (slowloris) hold no worker; they are
    closed without a response when RequestReadTimeout's header stage (mod_reqtimeout loaded;
    its defaults header=20-40,MinRate=500) or, without mod_reqtimeout, Timeout per read runs
    out.  Such connections do not count in the accept throttle (listener.py).
  * A complete request that finds no idle worker waits for one; httpd's "all workers busy"
    handling (keep-alive requests dropped, idle keep-alive connections closed) starts when a
    request has waited 100 ms, not at the first miss (listener.py explains why).
  * Children pin themselves to one CPU each (slot modulo the usable CPUs): their threads share
    one GIL anyway, and cross-core GIL hand-overs cost about 1.4x the CPU per request.
    APACHEPY_CHILD_AFFINITY=0 in the environment turns this off.  -X is never pinned.
  * A child whose thread cannot be created exits APEXIT_CHILDSICK and the master stops once
    no child ever started (AH02324); a failing setuid() is APEXIT_CHILDFATAL (AH00050).  After
    such a fatal failure the master exits with status 1 (httpd exits 0).
  * `-k start` on a pipe prints "trying to start" once (httpd prints it twice by accident).
  * With an ErrorLog `syslog:` target, messages httpd logs without a server (ap_log_perror,
    e.g. unixd's AH02155) still reach syslog when the MPM logs them through its error log.

Directives whose meaning had to be translated for Python:
  ScoreBoardFile path   The scoreboard is a file of that name (relative to ServerRoot)
                        mapped shared, so other programs can read it
                        (`Scoreboard.attach(path)`); the master creates it at start and
                        removes it when it stops.  Unset: anonymous shared memory.
  CoreDumpDirectory dir Children (and -X) run with that directory as their working directory,
                        so a core file of a crashing interpreter lands there, and re-enable
                        core dumps after setuid (prctl PR_SET_DUMPABLE, AH02163 on failure).
                        AH00051 names it when a child dies with a core.
  MaxMemFree KB         Every 10 s each child asks glibc to return free heap memory above KB
                        to the system (malloc_trim with KB as the padding kept); 0 (httpd's
                        "unlimited") never trims.  Python's own allocator keeps its arenas.
  ThreadStackSize bytes threading.stack_size() for the worker threads; a value Python
                        refuses logs AH02436 and the default is used.
  MaxConnectionsPerChild, ListenBacklog, SendBufferSize, ReceiveBufferSize,
  ListenTCPDeferAccept, GracefulShutdownTimeout, AsyncRequestWorkerFactor (integer part),
  ServerLimit, ThreadLimit, StartServers, Min/MaxSpareThreads, MaxRequestWorkers,
  ListenCoresBucketsRatio (listener buckets with SO_REUSEPORT, sockets.py; one POD and one
  idle-maintenance pass per bucket, master.py), ExtendedStatus, SeeRequestTail: as httpd.
"""
