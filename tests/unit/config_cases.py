"""Small configurations and the exact `-t` output httpd 2.4.71 gives for them.

Each case is (name, body, expected) where body is appended to PRELUDE in ROOT/t.conf (a body that
starts with NO_PRELUDE replaces it, e.g. to load another MPM) and
expected is `exit: N` plus stderr, with ROOT standing for the case directory and timestamps,
pids and tids normalised as the corpus goldens are.  The texts were taken from Debian's apache2
2.4.71; tests/unit/test_config_messages.py checks apachepy against them and, where apache2 is
installed, checks that apache2 still prints exactly the same.
"""
PRELUDE = """\
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
ServerName localhost
Listen 127.0.0.1:18999
ErrorLog ROOT/error.log
PidFile ROOT/httpd.pid
"""

NO_PRELUDE = "# no prelude\n"
OTHER_MPM = NO_PRELUDE + "ServerName localhost\nErrorLog ROOT/error.log\nPidFile ROOT/httpd.pid\n"

CASES = [
    ("ok", "", "exit: 0\nSyntax OK\n"),
    ("hash-mid-line-take1", "ServerAdmin a@b # text\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n"
     "ServerAdmin takes one argument, The email address of the server administrator\n"),
    ("hash-mid-line-flag", "KeepAlive On # c\n", "exit: 0\nSyntax OK\n"),
    ("comment-continues", "# note \\\nFoo bar\n", "exit: 0\nSyntax OK\n"),
    ("continuation-line-number", "ServerAdmin \\\n  a \\\n  b\n",
     "exit: 1\nAH00526: Syntax error on line 8 of ROOT/t.conf:\n"
     "ServerAdmin takes one argument, The email address of the server administrator\n"),
    ("unknown-directive", "Foo bar\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n"
     "Invalid command 'Foo', perhaps misspelled or defined by a module not included in the server configuration\n"),
    ("unknown-section", "<Foo bar>\n</Foo>\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n"
     "Invalid command '<Foo', perhaps misspelled or defined by a module not included in the server configuration\n"),
    ("case-insensitive", "keepalive on\n<directory /tmp>\n</DIRECTORY>\n", "exit: 0\nSyntax OK\n"),
    ("mismatched-close", "<Directory /tmp>\n</Location>\n",
     "exit: 1\napache2: Syntax error on line 7 of ROOT/t.conf: Expected </Directory> but saw </Location>\n"),
    ("close-without-open", "</Directory>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: </Directory> without matching <Directory> section\n"),
    ("close-missing-bracket", "<Directory /tmp>\n</Directory foo>\n",
     "exit: 1\napache2: Syntax error on line 7 of ROOT/t.conf: </Directory> directive missing closing '>'\n"),
    ("close-junk-after", "<Directory /tmp>\n</Directory> junk\n", "exit: 0\nSyntax OK\n"),
    ("unclosed-nested", "<VirtualHost *:80>\n<Directory /tmp>\n<Files x>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: ROOT/t.conf:8: <Files> was not closed.\\n"
     "ROOT/t.conf:7: <Directory> was not closed.\\nROOT/t.conf:6: <VirtualHost> was not closed.\n"),
    ("open-missing-bracket", "<Directory /tmp\n</Directory>\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n<Directory> directive missing closing '>'\n"),
    ("section-needs-arg", "<Directory>\n</Directory>\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n<Directory> directive requires additional arguments\n"),
    ("ifmodule-true-unclosed", "<IfModule mpm_event_module>\nKeepAlive On\n", "exit: 0\nSyntax OK\n"),
    ("ifmodule-false-bad-close", "<IfModule nope_module>\nFoo\n</IfModule foo>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Expected </IfModule> but saw </IfModul>\n"),
    ("ifmodule-false-eof", "<IfModule nope_module>\nFoo\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Expected </IfModule> before end of configuration\n"),
    ("ifmodule-no-arg", "<IfModule>\n</IfModule>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: <IfModule> directive requires additional arguments\n"),
    ("ifmodule-case-sensitive", "<IfModule MPM_EVENT_MODULE>\nFoo\n</IfModule>\n<IfModule event.c>\nKeepAlive On\n</IfModule>\n",
     "exit: 0\nSyntax OK\n"),
    ("ifmodule-negated-space", "<IfModule ! nope_module>\nKeepAlive On\n</IfModule>\n", "exit: 0\nSyntax OK\n"),
    ("define-colon", "Define a:b c\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Variable name must not contain ':'\n"),
    ("define-splits-words", "Define x \"a b\"\nServerAdmin ${x}\n",
     "exit: 1\nAH00526: Syntax error on line 7 of ROOT/t.conf:\n"
     "ServerAdmin takes one argument, The email address of the server administrator\n"),
    ("define-quoted-use", "Define x \"a b\"\nServerAdmin \"${x}\"\n", "exit: 0\nSyntax OK\n"),
    ("undefined-variable", "ServerAdmin ${NOPE_NOT_SET}\n",
     "exit: 0\n[@TIME@] [core:warn] [pid @PID@:tid @TID@] AH00111: Config variable ${NOPE_NOT_SET} is not defined\n"
     "Syntax OK\n"),
    ("ifdefine", "Define FOO\n<IfDefine FOO>\nKeepAlive On\n</IfDefine>\n<IfDefine !FOO>\nBar\n</IfDefine>\n"
     "UnDefine FOO\n<IfDefine FOO>\nBaz\n</IfDefine>\n", "exit: 0\nSyntax OK\n"),
    ("empty-quoted-arg", "ServerAdmin \"\"\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n"
     "ServerAdmin takes one argument, The email address of the server administrator\n"),
    ("flag-bad", "KeepAlive maybe\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nKeepAlive must be On or Off\n"),
    ("listen-bad-port", "Listen 99999\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nInvalid address or port\n"),
    ("listen-no-port", "Listen localhost\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nPort must be specified\n"),
    ("listen-duplicate", "Listen 127.0.0.1:18999\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nCannot define multiple Listeners on the same IP:port\n"),
    ("listen-three-args", "Listen 1 2 3\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nListen requires 1 or 2 arguments.\n"),
    ("listen-in-directory", "<Directory /tmp>\nListen 8080\n</Directory>\n",
     "exit: 1\nAH00526: Syntax error on line 7 of ROOT/t.conf:\nListen not allowed in <Directory> context\n"),
    ("serverlimit-in-vhost", "<VirtualHost *:80>\nServerLimit 4\n</VirtualHost>\n",
     "exit: 1\nAH00526: Syntax error on line 7 of ROOT/t.conf:\nServerLimit cannot occur within <VirtualHost> section\n"),
    ("vhost-in-vhost", "<VirtualHost *:80>\n<VirtualHost *:81>\n</VirtualHost>\n</VirtualHost>\n",
     "exit: 1\nAH00526: Syntax error on line 7 of ROOT/t.conf:\n<VirtualHost> cannot occur within <VirtualHost> section\n"),
    ("threads-per-child-junk", "ThreadsPerChild abc\n",
     "exit: 0\nAH00509: WARNING: ThreadsPerChild of 0 not allowed, increasing to 1.\n"
     "AH00515: WARNING: MaxRequestWorkers of 400 would require 400 servers and would exceed ServerLimit of 16, "
     "decreasing to 16. To increase, please see the ServerLimit directive.\nSyntax OK\n"),
    ("threads-per-child-64", "ThreadsPerChild 64\n",
     "exit: 0\nAH00513: WARNING: MaxRequestWorkers of 400 is not an integer multiple of ThreadsPerChild of 64, "
     "decreasing to nearest multiple 384, for a maximum of 6 servers.\nSyntax OK\n"),
    ("async-factor-zero", "AsyncRequestWorkerFactor 0\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nAsyncRequestWorkerFactor argument must be a positive number\n"),
    ("async-factor-junk", "AsyncRequestWorkerFactor 1.5x\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nerror parsing value\n"),
    ("async-factor-float", "AsyncRequestWorkerFactor 1.5\n", "exit: 0\nSyntax OK\n"),
    ("listen-backlog-zero", "ListenBacklog 0\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nListenBacklog must be > 0\n"),
    ("sendbuffer-small", "SendBufferSize 100\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nSendBufferSize must be >= 512 bytes, or 0 for system default.\n"),
    ("include-missing", "Include ROOT/nope.conf\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Could not open configuration file ROOT/nope.conf: "
     "No such file or directory\n"),
    ("include-no-match", "Include ROOT/nodir/*.conf\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Include/IncludeOptional: Could not open directory "
     "ROOT/nodir: No such file or directory\n"),
    ("include-glob-empty", "Include ROOT/*.nothing\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Include/IncludeOptional: No matches for the wildcard "
     "'*.nothing' in 'ROOT', failing\n"),
    ("include-optional-missing", "IncludeOptional ROOT/nope.conf\nIncludeOptional ROOT/nodir/*.conf\n",
     "exit: 0\nSyntax OK\n"),
    ("include-self", "Include ROOT/t.conf\n",
     None),  # 129 chained prefixes: compared with the live apache2 only
    ("ifversion", "<IfVersion >= 2.4>\nKeepAlive On\n</IfVersion>\n<IfVersion = 2.4>\nFoo\n</IfVersion>\n"
     "<IfVersion ~ ^2\\.4>\nKeepAlive On\n</IfVersion>\n<IfVersion !~ ^1>\nKeepAlive On\n</IfVersion>\n"
     "<IfVersion /^2/>\nKeepAlive On\n</IfVersion>\n",
     "exit: 0\nSyntax OK\n"),
    ("ifversion-bad", "<IfVersion >= 2.x>\n</IfVersion>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Version appears to be invalid. It must have the format "
     "major[.minor[.patch]] where major, minor and patch are numbers.\n"),
    ("ifversion-bad-op", "<IfVersion => 2.4>\n</IfVersion>\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: unrecognized operator '=>'\n"),
    ("allowoverride-top-level", "AllowOverride None\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nAllowOverride not allowed here\n"),
    ("allowoverride-useless", "<Location />\nAllowOverride None\n</Location>\n",
     "exit: 0\n[@TIME@] [core:warn] [pid @PID@:tid @TID@] AH00114: Useless use of AllowOverride in line 7 of "
     "ROOT/t.conf.\nSyntax OK\n"),
    ("loadmodule-builtin", "LoadModule log_config_module /usr/lib/apache2/modules/mod_log_config.so\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: module log_config_module is built-in and can't be loaded\n"),
    ("loadmodule-twice", "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n",
     "exit: 0\n[@TIME@] [so:warn] [pid @PID@:tid @TID@] AH01574: module mpm_event_module is already loaded, skipping\n"
     "Syntax OK\n"),
    ("loadmodule-foreign", "LoadModule php_module /usr/lib/apache2/modules/libphp_nope.so\n",
     "exit: 1\napache2: Syntax error on line 6 of ROOT/t.conf: Cannot load /usr/lib/apache2/modules/libphp_nope.so "
     "into server: /usr/lib/apache2/modules/libphp_nope.so: cannot open shared object file: No such file or directory\n"),
    ("macro", "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n<Macro M $a>\nServerAdmin $a\n</Macro>\n"
     "Use M x@y\nUse M a b\n",
     "exit: 1\napache2: Syntax error on line 11 of ROOT/t.conf: macro 'm' (defined on line 7 of \"ROOT/t.conf\") "
     "used with 2 arguments instead of 1\n"),
    ("macro-walk-error", "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n<Macro M $a>\n\nServerAdmin $a b\n"
     "</Macro>\nUse M x@y\n",
     "exit: 1\nAH00526: Syntax error on line 2 of macro 'm' (defined on line 7 of \"ROOT/t.conf\") used on line 11 of "
     "\"ROOT/t.conf\":\nServerAdmin takes one argument, The email address of the server administrator\n"),
    ("else-without-if", "<Else>\n</Else>\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\n<Else> or <ElseIf> section without previous <If> or "
     "<ElseIf> section in same scope\n"),
    ("user-root", "User root\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nError:\\tApache has not been designed to serve pages "
     "while\\n\\trunning as root.  There are known race conditions that\\n\\twill allow any local user to read any "
     "file on the system.\\n\\tIf you still desire to serve pages as root then\\n\\tadd -DBIG_SECURITY_HOLE to the "
     "CFLAGS env variable\\n\\tand then rebuild the server.\\n\\tIt is strongly suggested that you instead modify the "
     "User\\n\\tdirective in your httpd.conf file to list a non-root\\n\\tuser.\\n\n"),
    ("no-mpm", None, "exit: 1\nAH00534: apache2: Configuration error: No MPM loaded.\n"),
    ("namevirtualhost", "NameVirtualHost *:80\n",
     "exit: 0\nAH00548: NameVirtualHost has no effect and will be removed in the next release ROOT/t.conf:6\nSyntax OK\n"),
    ("error-directive", "Error \"stop here\"\n",
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nstop here\n"),
    ("define-empty-value", 'Define E ""\nDefine F " "\n${F}\nKeepAlive On\n', "exit: 0\nSyntax OK\n"),
    ("errorlogformat-ok", 'ErrorLogFormat "[%t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i"\n',
     "exit: 0\nSyntax OK\n"),
    ("errorlogformat-no-message", 'ErrorLogFormat "[%t] %a"\n',
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nmain ErrorLogFormat must contain message format string '%M'\n"),
    ("errorlogformat-unknown-item", 'ErrorLogFormat "%X %M"\n',
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nUnrecognized error log format directive %X\n"),
    ("errorlogformat-request-level", 'ErrorLogFormat request "%3a"\n',
     "exit: 1\nAH00526: Syntax error on line 6 of ROOT/t.conf:\nThe loglevel cannot be used as a condition in "
     "once-per-request or once-per-connection formats\n"),
    ("prefork-limits", OTHER_MPM + "LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so\n"
     "ServerLimit 0\nMaxRequestWorkers 300000\nStartServers 0\nMinSpareServers 0\n",
     "exit: 0\nAH00177: WARNING: ServerLimit of 0 not allowed, increasing to 1.\n"
     "AH00180: WARNING: MaxRequestWorkers of 300000 exceeds ServerLimit value of 1 servers, decreasing "
     "MaxRequestWorkers to 1. To increase, please see the ServerLimit directive.\n"
     "AH00184: WARNING: StartServers of 0 not allowed, increasing to 1.\n"
     "AH00186: WARNING: MinSpareServers of 0 not allowed, increasing to 1 to avoid almost certain server failure. "
     "Please read the documentation.\nSyntax OK\n"),
    ("worker-limits", OTHER_MPM + "LoadModule mpm_worker_module /usr/lib/apache2/modules/mod_mpm_worker.so\n"
     "ServerLimit 0\nMaxRequestWorkers 300000\nStartServers 0\nMinSpareThreads 0\nThreadsPerChild 30000\n"
     "ThreadLimit 30000\n",
     "exit: 0\nAH00302: WARNING: ServerLimit of 0 not allowed, increasing to 1.\n"
     "AH00305: WARNING: ThreadLimit of 30000 exceeds compile-time limit of 20000 threads, decreasing to 20000.\n"
     "AH00310: WARNING: ThreadsPerChild of 30000 exceeds ThreadLimit of 20000 threads, decreasing to 20000. To "
     "increase, please see the ThreadLimit directive.\n"
     "AH00318: WARNING: MaxRequestWorkers of 300000 would require 15 servers and would exceed ServerLimit of 1, "
     "decreasing to 20000. To increase, please see the ServerLimit directive.\n"
     "AH00320: WARNING: StartServers of 0 not allowed, increasing to 1.\n"
     "AH00322: WARNING: MinSpareThreads of 0 not allowed, increasing to 1 to avoid almost certain server failure. "
     "Please read the documentation.\nSyntax OK\n"),
]
