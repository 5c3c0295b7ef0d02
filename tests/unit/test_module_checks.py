"""Config-time checks of the module implementations (apachepy/modules/*.py): for each small
configuration, the exact `-t` output of Debian's apache2 2.4.71 (errors, warnings and notices
the directive handlers print), checked against apachepy and, where apache2 is installed,
against apache2 itself so that the table stays true.

Bodies follow tests/unit/config_cases.PRELUDE (5 lines), so the first LoadModule line of a
body is line 6.
"""
from __future__ import annotations

import shutil

import pytest

from .test_config_messages import _write, run_apache2, run_apachepy

CASES = [
    ('proxy-needs-path',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass|ProxyPassMatch needs a path when not defined in a location\n'),
    ('proxy-param-not-key-value',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ foo\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.\n"),
    ('proxy-unknown-worker-param',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ foo=1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass unknown Worker parameter\n'),
    ('proxy-path-in-location',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Location /a>\n'
     'ProxyPass http://x/ /foo\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.\n"),
    ('proxy-retry-negative',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ retry=-1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Retry must be a positive value\n'),
    ('proxy-unknown-lbmethod',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer://x/ lbmethod=foo\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass unknown lbmethod\n'),
    ('proxy-lbmethod-loaded',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_balancer_module /usr/lib/apache2/modules/mod_proxy_balancer.so\n'
     'LoadModule lbmethod_byrequests_module /usr/lib/apache2/modules/mod_lbmethod_byrequests.so\n'
     'ProxyPass /a balancer://x/ lbmethod=byrequests\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('proxy-url-not-absolute',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a foo\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass URL must be absolute!: foo\n'),
    ('proxy-unix-not-absolute',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a unix:/x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass URL must be absolute!: unix:/x\n'),
    ('proxy-unparsable-url',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://[x/\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Unable to parse URL: http://[x/\n'),
    ('proxy-colon-path',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a ::1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Unable to parse URL: ::1\n'),
    ('proxy-worker-sharing',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ retry=5\n'
     'ProxyPass /b http://x/ retry=6\n',
     'exit: 0\n'
     "[@TIME@] [proxy:warn] [pid @PID@:tid @TID@] AH01146: Ignoring parameter 'retry=6' for "
     "worker 'http://x/' because of worker sharing\n"
     'Syntax OK\n'),
    ('proxy-sharing-info',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LogLevel info\n'
     'ProxyPass /a http://x/ retry=5\n'
     'ProxyPass /b http://x/ retry=6\n',
     'exit: 0\n'
     "[@TIME@] [proxy:info] [pid @PID@:tid @TID@] AH01145: Sharing worker 'http://x/' "
     "instead of creating new worker 'http://x/'\n"
     "[@TIME@] [proxy:warn] [pid @PID@:tid @TID@] AH01146: Ignoring parameter 'retry=6' for "
     "worker 'http://x/' because of worker sharing\n"
     'Syntax OK\n'),
    ('proxy-sharing-quiet-error-level',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LogLevel proxy:error\n'
     'ProxyPass /a http://x/\n'
     'ProxyPass /b http://x/ ttl=5\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('proxy-sharing-quiet-in-vhost',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<VirtualHost *:80>\n'
     'ProxyPass /a http://x/\n'
     'ProxyPass /b http://x/ ttl=5\n'
     '</VirtualHost>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('proxy-match-tilde',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPassMatch ~ /x http://x/\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "ProxyPassMatch invalid syntax ('~' usage).\n"),
    ('proxy-bad-regex',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPassMatch ( http://x/\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Regular expression could not be compiled.\n'),
    ('proxy-unknown-mapping',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ mapping=foo\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'unknown mapping\n'),
    ('proxy-in-directory',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Directory /tmp>\n'
     'ProxyPass http://x/\n'
     '</Directory>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyPass cannot occur within <Directory> section\n'),
    ('proxy-exclusion',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a !\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('proxy-loadfactor',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ loadfactor=101\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass LoadFactor must be a number between 1..100\n'),
    ('proxy-ttl',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ ttl=0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass TTL must be at least one second\n'),
    ('proxy-acquire-format',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ acquire=5x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Acquire timeout has wrong format\n'),
    ('proxy-acquire-small',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ acquire=0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Acquire must be at least one millisecond\n'),
    ('proxy-timeout',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ timeout=0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Timeout must be at least one second\n'),
    ('proxy-iobuffersize',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ iobuffersize=10\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass IOBufferSize must be >= 512 bytes, or 0 for system default.\n'),
    ('proxy-keepalive',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ keepalive=maybe\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass KeepAlive must be On|Off\n'),
    ('proxy-addressttl',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ addressttl=1ms\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass AddressTTL must be -1 or a number of seconds not exceeding (2147483647)\n'),
    ('proxy-route-long',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ '
     'route=rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Route length must be < 64 characters\n'),
    ('proxy-status-flag',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ status=+Z\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Unknown status parameter option\n'),
    ('proxy-flushpackets',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ flushpackets=sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass flushpackets must be on|off|auto\n'),
    ('proxy-flushwait',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ flushwait=1001\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass flushwait must be <= 1000, or 0 for system default of 10 millseconds.\n'),
    ('proxy-ping',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ ping=x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Ping/Pong timeout has wrong format\n'),
    ('proxy-lbset',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ lbset=100\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass lbset must be between 0 and 99\n'),
    ('proxy-upgrade-long',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/ upgrade=uuuuuuuuuuuuuuuu\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass upgrade protocol length must be < 16 characters\n'),
    ('proxy-balancer-bad-name',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer:x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass Bad syntax for a balancer name (balancer:x)\n'),
    ('proxy-balancer-vpath-long',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp '
     'balancer://b\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass balancer balancer://b front-end virtual-path '
     '(/pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp) too long\n'),
    ('proxy-balancer-param',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer://b stickysessionsep=xy\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass stickysessionsep must be a single character or Off\n'),
    ('proxy-balancer-failonstatus',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer://b failonstatus=99\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass failonstatus must be one or more HTTP response codes\n'),
    ('proxy-balancer-growth',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer://b growth=0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass growth must be between 1 and 100\n'),
    ('proxy-balancer-unknown',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a balancer://b foo=1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPass unknown Balancer parameter\n'),
    ('proxy-section-args',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy http://x retry=-1>\n'
     '</Proxy>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     '<Proxy Retry must be a positive value retry=-1; http://x\n'),
    ('proxy-section-wildcard-args',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy * retry=1>\n'
     '</Proxy>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     '<Proxy> arguments are not supported for wildchar url.\n'),
    ('proxy-section-nonurl-args',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy /foo retry=1>\n'
     '</Proxy>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     '<Proxy> arguments are not supported for non url.\n'),
    ('proxymatch-section-args',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<ProxyMatch ^x retry=1>\n'
     '</ProxyMatch>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Multiple <ProxyMatch> arguments not (yet) supported.\n'),
    ('proxy-section-empty',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy>\n'
     '</Proxy>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('proxyset-prefix',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy proxy:http://x>\n'
     'ProxySet retry=-1\n'
     '</Proxy>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxySet URL must be absolute!: proxy:http://x\n'),
    ('proxyset-no-worker',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxySet http://x/ retry=1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "ProxySet can not find 'http://x/' Worker.\n"),
    ('proxyset-no-balancer',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxySet balancer://b timeout=1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "ProxySet can not find 'balancer://b' Balancer.\n"),
    ('proxyset-error',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPass /a http://x/\n'
     'ProxySet http://x/ smax=-1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxySet: Smax must be a positive number smax=-1; http://x/\n'),
    ('balancermember-sharing',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Proxy balancer://x>\n'
     'BalancerMember http://a route=x\n'
     'BalancerMember http://a route=y\n'
     '</Proxy>\n',
     'exit: 0\n'
     "[@TIME@] [proxy:warn] [pid @PID@:tid @TID@] AH01150: Ignoring parameter 'route=y' for "
     "worker 'http://a' because of worker sharing\n"
     'Syntax OK\n'),
    ('balancermember-debug',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LogLevel debug\n'
     '<Proxy balancer://x>\n'
     'BalancerMember http://a\n'
     '</Proxy>\n',
     'exit: 0\n'
     '[@TIME@] [proxy:debug] [pid @PID@:tid @TID@] mod_proxy.c(2674): AH01147: Defining '
     "worker 'http://a' for balancer 'balancer://x'\n"
     '[@TIME@] [proxy:debug] [pid @PID@:tid @TID@] mod_proxy.c(2679): AH01148: Defined '
     "worker 'http://a' for balancer 'balancer://x'\n"
     'Syntax OK\n'),
    ('balancermember-outside',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'BalancerMember http://a\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'BalancerMember must define remote proxy server\n'),
    ('balancermember-no-server',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'BalancerMember balancer://b\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'BalancerMember must define remote proxy server\n'),
    ('balancermember-extra-word',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'BalancerMember balancer://b http://a http://c\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "Invalid BalancerMember parameter. Parameter must be in the form 'key=value'\n"),
    ('proxy-remote-syntax',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyRemote * x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyRemote: Bad syntax for a remote proxy server\n'),
    ('proxy-remote-port',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyRemote * http://x:99999\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyRemote: Bad syntax for a remote proxy server (bad port number)\n'),
    ('proxy-remotematch-regex',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyRemoteMatch ( http://x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Regular expression for ProxyRemoteMatch could not be compiled.\n'),
    ('proxy-domain',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyDomain example.com\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyDomain: domain name must start with a dot.\n'),
    ('proxy-via',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyVia sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyVia must be one of: off | on | full | block\n'),
    ('proxy-badheader',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyBadHeader x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyBadHeader must be one of: IsError | Ignore | StartBody\n'),
    ('proxy-status',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyStatus x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyStatus must be one of: off | on | full\n'),
    ('proxy-receivebuffer',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyReceiveBufferSize 100\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyReceiveBufferSize must be >= 512 bytes, or 0 for system default.\n'),
    ('proxy-iobuffer',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyIOBufferSize 100\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyIOBufferSize must be >= 512 bytes, or 0 for system default.\n'),
    ('proxy-timeout-directive',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyTimeout 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Proxy Timeout must be at least 1 second.\n'),
    ('balancer-growth',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'BalancerGrowth 1001\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'BalancerGrowth must be between 0 and 1000\n'),
    ('proxy-source-address',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxySourceAddress nosuchhost.invalid\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxySourceAddress invalid value\n'),
    ('proxy-error-override-first',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyErrorOverride 404\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyErrorOverride first parameter must be one of: off | on\n'),
    ('proxy-error-override-off',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyErrorOverride Off 404\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "ProxyErrorOverride: status codes must follow a value of 'on'\n"),
    ('proxy-error-override-range',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyErrorOverride On 302\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600\n'),
    ('proxy-error-override-numeric',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyErrorOverride On x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyErrorOverride: status codes to intercept must be numeric\n'),
    ('proxy-reverse-needs-path',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'ProxyPassReverse http://x/\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ProxyPassReverse needs a path when not defined in a location\n'),
    ('proxy-reverse-in-location',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     '<Location /a>\n'
     'ProxyPassReverse http://x/ /b\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyPassReverse can not have a path when defined in a location\n'),
    ('noproxy-netmask-guess',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'NoProxy 10.1\n',
     'exit: 0\n'
     'AH00900: Warning: NetMask not supplied with IP-Addr; guessing: 10.1.0.0/16\n'
     'Syntax OK\n'),
    ('noproxy-netmask-disagree',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'NoProxy 10.1.2.3/8\n',
     'exit: 0\n'
     'AH00901: Warning: NetMask and IP-Addr disagree in 10.1.2.3/8\n'
     'AH00902:          Set to 10.0.0.0/8\n'
     'Syntax OK\n'),
    ('hcheck-unknown-template',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyPass /a http://x/ hctemplate=t\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyPass Unknown ProxyHCTemplate name: t\n'),
    ('hcheck-method',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyPass /a http://x/ hcmethod=CPING\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyPass Health check method CPING not (yet) implemented\n'),
    ('hcheck-interval',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyHCTemplate t hcinterval=50ms\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyHCTemplate: Interval must be a positive value greater than 100ms hcinterval=50ms; t\n'),
    ('hcheck-expr',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyHCExpr ok {%{REQUEST_STATUS} =~ /^[234]/\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('hcheck-expr-unknown',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyPass /a http://x/ hcexpr=nope\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'ProxyPass Unknown health check condition expr: nope\n'),
    ('hcheck-tpsize',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_hcheck_module /usr/lib/apache2/modules/mod_proxy_hcheck.so\n'
     'ProxyHCTPsize -1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Invalid ProxyHCTPsize parameter. Parameter must be >= 0\n'),
    ('proxy-connect-port',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_connect_module /usr/lib/apache2/modules/mod_proxy_connect.so\n'
     'AllowCONNECT 443 x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'AllowCONNECT: port numbers must be numeric\n'),
    ('proxy-connect-range',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_connect_module /usr/lib/apache2/modules/mod_proxy_connect.so\n'
     'AllowCONNECT 1-x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "Cannot parse 'x' as port number\n"),
    ('proxy-fcgi-backend',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n'
     'ProxyFCGIBackendType php\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "ProxyFCGIBackendType requires one of the following arguments: 'GENERIC', 'FPM'\n"),
    ('proxy-fcgi-setenvif',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n'
     'ProxyFCGISetEnvIf None x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Could not parse expression "None": syntax error, unexpected $end, expecting \'(\'\n'),
    ('proxy-fcgi-unset-value',
     'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n'
     'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n'
     'LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n'
     'ProxyFCGISetEnvIf true !x y\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Third argument ("y") is not allowed when using ProxyFCGISetEnvIf\'s unset mode (!x)\n'),
    ('expires-type',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresDefault "access plus 1 foo"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "'ExpiresDefault access plus 1 foo': bad expires code, unrecognised <type>'foo'\n"),
    ('expires-base',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresDefault "x plus 1 day"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "'ExpiresDefault x plus 1 day': bad expires code, unrecognised <base> 'x'\n"),
    ('expires-num',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresDefault "now plus x days"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "'ExpiresDefault now plus x days': bad expires code, numeric value expected <num> 'x'\n"),
    ('expires-missing-type',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresDefault "modification plus 1"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "'ExpiresDefault modification plus 1': bad expires code, missing <type>\n"),
    ('expires-mime-slash',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresByType text A60\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid mimetype: should contain a slash\n'),
    ('expires-bytype-code',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresByType text/html "access 1 fortnight"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "'ExpiresByType text/html access 1 fortnight': bad expires code, unrecognised "
     "<type>'fortnight'\n"),
    ('expires-legacy-code',
     'LoadModule expires_module /usr/lib/apache2/modules/mod_expires.so\n'
     'ExpiresDefault A3600x\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('deflate-window',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateWindowSize 16\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateWindowSize must be between 1 and 15\n'),
    ('deflate-memlevel',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateMemLevel 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateMemLevel must be between 1 and 9\n'),
    ('deflate-level',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateCompressionLevel 10\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Compression Level must be between 1 and 9\n'),
    ('deflate-buffer',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateBufferSize 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateBufferSize should be positive\n'),
    ('deflate-note',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateFilterNote Foo bar\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Unknown note type Foo\n'),
    ('deflate-etag',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateAlterEtag x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "DeflateAlterETAG accepts only 'NoChange', 'AddSuffix', and 'Remove'\n"),
    ('deflate-limit-negative',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateInflateLimitRequestBody -1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateInflateLimitRequestBody requires a non-negative integer.\n'),
    ('deflate-limit-overflow',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateInflateLimitRequestBody 99999999999999999999\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateInflateLimitRequestBody is not parsable.\n'),
    ('deflate-ratio',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateInflateRatioLimit 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateInflateRatioLimit must be positive\n'),
    ('deflate-burst',
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'DeflateInflateRatioBurst x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'DeflateInflateRatioBurst must be positive\n'),
    ('remoteip-exceptions-word',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPProxyProtocolExceptions env=foo\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "ip address 'env=foo' appears to be invalid\n"),
    ('remoteip-exceptions-mask',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPProxyProtocolExceptions 1.2.3.4/x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "ip address '1.2.3.4' appears to be invalid: The specified network mask is invalid.\n"),
    ('remoteip-trusted-mask',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPTrustedProxy 1.2.3.4/99\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'RemoteIP: Error parsing IP 1.2.3.4/99 (The specified network mask is invalid. error) '
     'for RemoteIPTrustedProxy\n'),
    ('remoteip-trusted-mapped',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPTrustedProxy ::ffff:1.2.3.4\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'RemoteIP: Error parsing IP ::ffff:1.2.3.4 (The specified IP address is invalid. '
     'error) for RemoteIPTrustedProxy\n'),
    ('remoteip-trusted-host-subnet',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPTrustedProxy foo/24\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'RemoteIP: Error parsing IP foo/24 the subnet /24 is invalid for RemoteIPTrustedProxy\n'),
    ('remoteip-list-missing',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     'RemoteIPTrustedProxyList /nonexistent/list\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'RemoteIPTrustedProxyList: Could not open file /nonexistent/list: No such file or directory\n'),
    ('remoteip-protocol-conflict',
     'LoadModule remoteip_module /usr/lib/apache2/modules/mod_remoteip.so\n'
     '<VirtualHost *:80>\n'
     'RemoteIPProxyProtocol On\n'
     '</VirtualHost>\n'
     '<VirtualHost *:80>\n'
     'RemoteIPProxyProtocol Off\n'
     '</VirtualHost>\n',
     'exit: 0\n'
     '[@TIME@] [remoteip:notice] [pid @PID@:tid @TID@] AH03491: RemoteIPProxyProtocol: '
     'previous setting for 0.0.0.0:80 from virtual host {(null):80 in ROOT/t.conf} is being '
     "overridden by virtual host {(null):80 in ROOT/t.conf}; new setting is 'Off'\n"
     'Syntax OK\n'),
    ('h2-window',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2WindowSize 100\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'value must be >= 1024\n'),
    ('h2-streams',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2MaxSessionStreams 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'value must be > 0\n'),
    ('h2-onoff',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2Push maybe\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'value must be On or Off\n'),
    ('h2-priority-dependency',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushPriority text/css sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "dependency must be one of 'After', 'Before' or 'Interleaved'\n"),
    ('h2-priority-before-weight',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushPriority * Before 5\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "dependency 'Before' does not allow a weight\n"),
    ('h2-priority-weight',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushPriority * 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'weight must be a number >= 1\n'),
    ('h2-diary-power',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushDiarySize 3\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'value must a power of 2\n'),
    ('h2-diary-max',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushDiarySize 65536\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'value must <= 65536\n'),
    ('h2-padding',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2Padding 9\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'number of bits must be <= 8\n'),
    ('h2-timeout',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2StreamTimeout x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid timeout value\n'),
    ('h2-idle',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2MaxWorkerIdleSeconds 5x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid idle limit value\n'),
    ('h2-push-resource',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2PushResource a b c\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'too many parameter\n'),
    ('h2-early-hint-space',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2EarlyHint Link " "\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Early Hint header value must not be empty/only space\n'),
    ('h2-serialize-warning',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2SerializeHeaders On\n',
     'exit: 0\n'
     '[@TIME@] [http2:warn] [pid @PID@:tid @TID@] AH10307: H2SerializeHeaders: this feature '
     'has been disabled and the directive to enable it is ignored.\n'
     'Syntax OK\n'),
    ('h2-extra-files-warning',
     'LoadModule http2_module /usr/lib/apache2/modules/mod_http2.so\n'
     'H2SessionExtraFiles 5\n',
     'exit: 0\n'
     '[@TIME@] [http2:warn] [pid @PID@:tid @TID@] H2SessionExtraFiles is obsolete and will '
     'be ignored\n'
     'Syntax OK\n'),
    ('cache-provider-slash',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheEnable /x disk\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "provider (/x) starts with a '/'.  Are url and provider switched?\n"),
    ('cache-missing-url',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheEnable disk\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheEnable provider (disk) is missing an URL.\n'),
    ('cache-location-url',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     '<Location /a>\n'
     'CacheEnable disk /b\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 10 of ROOT/t.conf:\n'
     'When in a Location, CacheEnable must specify a path or an URL below that location.\n'),
    ('cache-disable-location',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     '<Location /a>\n'
     'CacheDisable x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 10 of ROOT/t.conf:\n'
     "CacheDisable must be followed by the word 'on' when in a Location.\n"),
    ('cache-disable-url',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheDisable x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheDisable must specify a path or an URL.\n'),
    ('cache-factor',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheLastModifiedFactor x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheLastModifiedFactor value must be a float\n'),
    ('cache-lock-maxage',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheLockMaxAge 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheLockMaxAge value must be a non-zero positive integer\n'),
    ('cache-key-base-url',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheKeyBaseURL ::x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "Could not parse '::x' as an URL.\n"),
    ('cache-key-base-url-empty',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheKeyBaseURL /x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "URL '/x' must contain at least one of a scheme, a hostname or a port.\n"),
    ('cache-dirlevels',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheDirLevels 10\n'
     'CacheDirLength 3\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 10 of ROOT/t.conf:\n'
     'CacheDirLevels*CacheDirLength value must not be higher than 20\n'),
    ('cache-minfilesize',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheMinFileSize -1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheMinFileSize argument must be a non-negative integer representing the min size of '
     'a file to cache in bytes.\n'),
    ('cache-socache-provider',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheSocache nope\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "Unknown socache provider 'nope'. Maybe you need to load the appropriate socache "
     'module (mod_socache_nope?)\n'),
    ('cache-socache-maxsize',
     'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n'
     'LoadModule cache_disk_module /usr/lib/apache2/modules/mod_cache_disk.so\n'
     'LoadModule cache_socache_module /usr/lib/apache2/modules/mod_cache_socache.so\n'
     'CacheSocacheMaxSize 100\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'CacheSocacheMaxSize argument must be a integer representing the max size of a cached '
     'entry (headers and body), at least 1024 and at most (4294967295U)\n'),
    ('session-expiry',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionExpiryUpdateInterval -1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'SessionExpiryUpdateInterval must be zero (disable) or a positive value\n'),
    ('session-cookie-name',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionCookieName a=b\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     "SessionCookieName cannot be empty, or contain '=' or '&'.\n"),
    ('session-cookie-empty',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionCookieName\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     "SessionCookieName cannot be empty, or contain '=' or '&'.\n"),
    ('session-dbd-cookie',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionDBDCookieName a;b\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     "SessionDBDCookieName cannot contain '=', ';' or '&'.\n"),
    ('session-dbd-cookie-empty',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionDBDCookieName\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'SessionDBDCookieName requires at least one argument!\n'),
    ('session-crypto-file',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'SessionCryptoPassphraseFile /nonexistent/pass\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'SessionCryptoPassphraseFile: Could not open file /nonexistent/pass: No such file or '
     'directory\n'),
    ('session-crypto-driver-vhost',
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule session_cookie_module /usr/lib/apache2/modules/mod_session_cookie.so\n'
     'LoadModule session_dbd_module /usr/lib/apache2/modules/mod_session_dbd.so\n'
     'LoadModule session_crypto_module /usr/lib/apache2/modules/mod_session_crypto.so\n'
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     '<VirtualHost *:80>\n'
     'SessionCryptoDriver openssl\n'
     '</VirtualHost>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'SessionCryptoDriver cannot occur within <VirtualHost> section\n'),
    ('dbd-driver',
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'DBDriver nosuchdriver\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "Can't load driver file apr_dbd_nosuchdriver.so\n"),
    ('dbd-numeric',
     'LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n'
     'DBDMax 1x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Argument must be numeric!\n'),
    ('auth-unknown-provider',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthBasicProvider nope\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'Unknown Authn provider: nope\n'),
    ('auth-digest-anon',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthDigestProvider anon\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     "The 'anon' Authn provider doesn't support Digest Authentication\n"),
    ('auth-alias',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<AuthnProviderAlias file myfile>\n'
     'AuthUserFile /tmp/pw\n'
     '</AuthnProviderAlias>\n'
     '<Location />\n'
     'AuthBasicProvider myfile\n'
     'AuthDigestProvider myfile\n'
     '</Location>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('auth-alias-same',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<AuthnProviderAlias file File>\n'
     '</AuthnProviderAlias>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'The alias provider name must be different from the base provider name.\n'),
    ('auth-alias-unknown-base',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<AuthnProviderAlias nope x>\n'
     '</AuthnProviderAlias>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'Unknown Authn provider: nope\n'),
    ('auth-basic-fake',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthBasicFake "%{" x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     "Could not parse fake username expression '%{': syntax error, unexpected T_ERROR, "
     'expecting T_ID: Unterminated string or variable\n'),
    ('auth-basic-digest-alg',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthBasicUseDigestAlgorithm sha\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'Invalid algorithm in AuthBasicUseDigestAlgorithm: sha\n'),
    ('auth-digest-qop',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthDigestQop auth-int\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     "AuthDigestQop is deprecated: only 'auth' is supported\n"),
    ('auth-digest-algorithm',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthDigestAlgorithm MD5-sess\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'Unsupported algorithm in AuthDigestAlgorithm: MD5-sess\n'),
    ('auth-digest-lifetime',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'AuthDigestNonceLifetime 5x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'Invalid time in AuthDigestNonceLifetime: 5x\n'),
    ('auth-digest-shmem',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     'AuthDigestShmemSize 1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'size in AuthDigestShmemSize too small: 1 < 88\n'),
    ('auth-digest-shmem-unit',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     'AuthDigestShmemSize 5x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 11 of ROOT/t.conf:\n'
     'Invalid size in AuthDigestShmemSize: 5x\n'),
    ('anonymous-empty',
     'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n'
     'LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n'
     'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n'
     'LoadModule authn_anon_module /usr/lib/apache2/modules/mod_authn_anon.so\n'
     'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n'
     '<Location />\n'
     'Anonymous ""\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 12 of ROOT/t.conf:\n'
     'Anonymous requires at least one argument, a space-separated list of user IDs\n'),
    ('auth-form-field',
     'LoadModule auth_form_module /usr/lib/apache2/modules/mod_auth_form.so\n'
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule request_module /usr/lib/apache2/modules/mod_request.so\n'
     '<Location />\n'
     'AuthFormUsername a=b\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 10 of ROOT/t.conf:\n'
     "AuthFormUsername cannot be empty, or contain '=' or '&'.\n"),
    ('auth-form-size',
     'LoadModule auth_form_module /usr/lib/apache2/modules/mod_auth_form.so\n'
     'LoadModule session_module /usr/lib/apache2/modules/mod_session.so\n'
     'LoadModule request_module /usr/lib/apache2/modules/mod_request.so\n'
     '<Location />\n'
     'AuthFormSize -1\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 10 of ROOT/t.conf:\n'
     'AuthCookieFormSize must be a size in bytes, or zero.\n'),
    ('authn-dbd-needs-dbd',
     'LoadModule authn_dbd_module /usr/lib/apache2/modules/mod_authn_dbd.so\n'
     '<Location />\n'
     'AuthDBDUserPWQuery x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'You must load mod_dbd to enable AuthDBD functions\n'),
    ('authn-socache-provider',
     'LoadModule authn_socache_module /usr/lib/apache2/modules/mod_authn_socache.so\n'
     'AuthnCacheSOCache nope\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "AuthnCacheSOCache: Unknown socache provider 'nope'. Maybe you need to load the "
     'appropriate socache module (mod_socache_nope?)\n'),
    ('authn-socache-shmcb-size',
     'LoadModule authn_socache_module /usr/lib/apache2/modules/mod_authn_socache.so\n'
     'LoadModule socache_shmcb_module /usr/lib/apache2/modules/mod_socache_shmcb.so\n'
     'AuthnCacheSOCache shmcb:/tmp/x(100)\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'AuthnCacheSOCache: Invalid argument: size has to be >= 8192 bytes\n'),
    ('authnz-fcgi-type',
     'LoadModule authnz_fcgi_module /usr/lib/apache2/modules/mod_authnz_fcgi.so\n'
     'AuthnzFcgiDefineProvider x p fcgi://127.0.0.1:9000/\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'AuthnzFcgiDefineProvider: Invalid provider type x\n'),
    ('authnz-fcgi-address',
     'LoadModule authnz_fcgi_module /usr/lib/apache2/modules/mod_authnz_fcgi.so\n'
     'AuthnzFcgiDefineProvider authn p fcgi://x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "AuthnzFcgiDefineProvider: backend-address 'fcgi://x' has invalid form\n"),
    ('authnz-fcgi-option',
     'LoadModule authnz_fcgi_module /usr/lib/apache2/modules/mod_authnz_fcgi.so\n'
     '<Location />\n'
     'AuthnzFcgiCheckAuthnProvider p Authoritative maybe\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "AuthnzFcgiCheckAuthnProvider: Bad argument 'maybe' to option 'Authoritative'\n"),
    ('ldap-url-scheme',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'AuthLDAPURL http://x/\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'The scheme was not recognised as a valid LDAP URL scheme.\n'),
    ('ldap-url-scope',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'AuthLDAPURL "ldap://x/dc=a?uid?bad"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Bad scope encountered while parsing LDAP URL.\n'),
    ('ldap-url-mode',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'AuthLDAPURL ldap://x/ FOO\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Invalid LDAP connection mode setting: must be one of NONE, SSL, or TLS/STARTTLS\n'),
    ('ldap-deref',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'AuthLDAPDereferenceAliases Never\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Unrecognized value for AuthLDAPDereferenceAliases directive\n'),
    ('ldap-bind-pattern',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'AuthLDAPInitialBindPattern ( x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "AuthLDAPInitialBindPattern: cannot compile regular expression '('\n"),
    ('ldap-trusted-mode',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPTrustedMode x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Invalid LDAPTrustedMode setting: must be one of NONE, SSL, or TLS/STARTTLS\n'),
    ('ldap-cert-type',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPTrustedGlobalCert FOO /x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'The certificate type FOO is not recognised. It should be one of CA_DER, CA_BASE64, '
     'CA_CERT7_DB, CA_SECMOD, CERT_DER, CERT_BASE64, CERT_KEY3_DB, CERT_NICKNAME, KEY_DER, '
     'KEY_BASE64\n'),
    ('ldap-cert-missing',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPTrustedGlobalCert CA_BASE64 /nonexistent.pem\n',
     'exit: 1\n'
     '[@TIME@] [ldap:error] [pid @PID@:tid @TID@] (2)No such file or directory: AH01304: '
     'LDAP: Could not open SSL trusted certificate authority file - /nonexistent.pem\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Invalid global certificate file path\n'),
    ('ldap-client-cert-type',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'LDAPTrustedClientCert CERT_PFX /x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'The certificate type "CERT_PFX" is only valid within a LDAPTrustedGlobalCert '
     'directive. Only CA_DER, CA_BASE64, CERT_DER, CERT_BASE64, CERT_NICKNAME, KEY_DER, and '
     'KEY_BASE64 may be used.\n'),
    ('ldap-timeout',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPTimeout x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Timeout not numerical\n'),
    ('ldap-pool-ttl',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPConnectionPoolTTL x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'LDAPConnectionPoolTTL has wrong format\n'),
    ('ldap-retries',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LDAPRetries -1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'LDAPRetries must be >= 0\n'),
    ('ldap-hop-limit',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'LDAPReferralHopLimit 0\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "LDAPReferralHopLimit must be greater than zero (Use 'LDAPReferrals Off' to disable "
     'referral chasing)\n'),
    ('ldap-referrals',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     '<Location />\n'
     'LDAPReferrals sometimes\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     "LDAPReferrals must be 'on', 'off', or 'default'\n"),
    ('ldap-cache-debug',
     'LoadModule ldap_module /usr/lib/apache2/modules/mod_ldap.so\n'
     'LoadModule authnz_ldap_module /usr/lib/apache2/modules/mod_authnz_ldap.so\n'
     'LogLevel ldap:debug\n'
     'LDAPCacheEntries -5\n',
     'exit: 0\n'
     '[@TIME@] [ldap:debug] [pid @PID@:tid @TID@] util_ldap.c(2299): AH01300: ldap cache: '
     'Setting search cache size to 0 entries.\n'
     'Syntax OK\n'),
    ('dav-provider',
     'LoadModule dav_module /usr/lib/apache2/modules/mod_dav.so\n'
     '<Location />\n'
     'DAV on\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Unknown DAV provider: filesystem\n'),
    ('dav-provider-loaded',
     'LoadModule dav_module /usr/lib/apache2/modules/mod_dav.so\n'
     'LoadModule dav_fs_module /usr/lib/apache2/modules/mod_dav_fs.so\n'
     '<Location />\n'
     'DAV on\n'
     '</Location>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('dav-min-timeout',
     'LoadModule dav_module /usr/lib/apache2/modules/mod_dav.so\n'
     '<Location />\n'
     'DAVMinTimeout -1\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'DAVMinTimeout requires a non-negative integer.\n'),
    ('include-xbithack',
     'LoadModule include_module /usr/lib/apache2/modules/mod_include.so\n'
     'XBitHack sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'XBitHack must be set to Off, On, or Full\n'),
    ('include-start-tag',
     'LoadModule include_module /usr/lib/apache2/modules/mod_include.so\n'
     'SSIStartTag "<!-- x"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'SSIStartTag may not contain any whitespaces\n'),
    ('filter-unknown-provider',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'AddOutputFilterByType DEFLATE text/html\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Unknown filter provider DEFLATE\n'),
    ('filter-by-type-loaded',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'AddOutputFilterByType DEFLATE;INCLUDES text/html\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Unknown filter provider INCLUDES\n'),
    ('filter-provider-expr',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'FilterProvider f DEFLATE "%{"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Error parsing FilterProvider expression:syntax error, unexpected T_ERROR, expecting '
     'T_ID: Unterminated string or variable\n'),
    ('filter-trace-undeclared',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'FilterTrace f 1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Undeclared smart filter f\n'),
    ('filter-protocol-no-filter',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'FilterProtocol f change=yes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'FilterProtocol: No such filter\n'),
    ('filter-protocol-no-provider',
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'LoadModule deflate_module /usr/lib/apache2/modules/mod_deflate.so\n'
     'FilterDeclare f\n'
     'FilterProtocol f DEFLATE change=yes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'FilterProtocol: No such provider for this filter\n'),
    ('userdir-empty',
     'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n'
     'UserDir\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'UserDir requires an argument.\n'),
    ('negotiation-none',
     'LoadModule negotiation_module /usr/lib/apache2/modules/mod_negotiation.so\n'
     'ForceLanguagePriority Prefer None\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Cannot combine ForceLanguagePriority options with None\n'),
    ('negotiation-invalid',
     'LoadModule negotiation_module /usr/lib/apache2/modules/mod_negotiation.so\n'
     'ForceLanguagePriority Sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid ForceLanguagePriority option Sometimes\n'),
    ('cgi-timeout',
     'LoadModule cgi_module /usr/lib/apache2/modules/mod_cgi.so\n'
     'CGIScriptTimeout 5x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'CGIScriptTimeout has wrong format\n'),
    ('cgid-sock-vhost',
     'LoadModule cgid_module /usr/lib/apache2/modules/mod_cgid.so\n'
     '<VirtualHost *:80>\n'
     'ScriptSock x\n'
     '</VirtualHost>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ScriptSock cannot occur within <VirtualHost> section\n'),
    ('actions-option',
     'LoadModule actions_module /usr/lib/apache2/modules/mod_actions.so\n'
     '<Location />\n'
     'Action a b c\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "unrecognized option 'c'\n"),
    ('actions-trace',
     'LoadModule actions_module /usr/lib/apache2/modules/mod_actions.so\n'
     '<Location />\n'
     'Script TRACE x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'TRACE not allowed for Script\n'),
    ('md-section-only',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDCertificateFile x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "MDCertificateFile is only valid inside a '<MDomainSet' context, not here\n"),
    ('md-not-in-section',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     '<MDomain a.example>\n'
     'MDStoreDir x\n'
     '</MDomain>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "MDStoreDir is not allowed inside an '<MDomainSet' context\n"),
    ('md-needs-domain',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDomain auto\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'needs at least one domain name\n'),
    ('md-ca-name',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDCertificateAuthority nosuch\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "The CA name 'nosuch' is not known and it is not a URL either (missing uri scheme). "
     'Known CA names are: LetsEncrypt LetsEncrypt-Test Buypass Buypass-Test.\n'),
    ('md-renew-window',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDRenewWindow 100%\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'MDRenewWindow a length of 100% or more is not allowed.\n'),
    ('md-window-format',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDWarnWindow x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'MDWarnWindow has unrecognized format\n'),
    ('md-private-keys',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDPrivateKeys RSA 1024\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'must be 2048 or higher in order to be considered safe.\n'),
    ('md-private-keys-twice',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDPrivateKeys rsa4096 rsa\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "two keys of type 'RSA' are not possible.\n"),
    ('md-port-map',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDPortMap 81:8080\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'mapped port number must be 80 or 443\n'),
    ('md-http-proxy',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDHttpProxy ftp://x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'uri scheme must be http or https\n'),
    ('md-store-locks',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDStoreLocks 5x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "neither 'on', 'off' or a duration specified\n"),
    ('md-check-interval',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDCheckInterval 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'check interval cannot be less than one second\n'),
    ('md-dns01-version',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDChallengeDns01Version 3\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Only versions `1` and `2` are supported\n'),
    ('md-require-https',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDRequireHttps sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "unknown 'sometimes', supported parameter values are 'temporary' and 'permanent'\n"),
    ('md-renew-mode',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDRenewMode sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'unknown MDDriveMode sometimes\n'),
    ('md-eab-file',
     'LoadModule md_module /usr/lib/apache2/modules/mod_md.so\n'
     'MDExternalAccountBinding /nonexistent.json\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'MDExternalAccountBinding: file not found: /nonexistent.json\n'),
    ('lua-when',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaHookTranslateName a b sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "Third argument must be 'early' or 'late'\n"),
    ('lua-context',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     '<Directory /tmp>\n'
     'LuaHookTranslateName a b\n'
     '</Directory>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'LuaHookTranslateName cannot occur within <Directory> section\n'),
    ('lua-insert-filter',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaHookInsertFilter a b\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'LuaHookInsertFilter not yet implemented\n'),
    ('lua-map-regex',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaMapHandler ( /x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid regex pattern!\n'),
    ('lua-scope',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaScope sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "Invalid value for LuaScope, 'sometimes', acceptable values are: 'once', 'request', "
     "'conn', 'thread', 'server'\n"),
    ('lua-inherit',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaInherit x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "LuaInherit type of 'x' not recognized, valid options are 'none', 'parent-first', and "
     "'parent-last'\n"),
    ('lua-codecache',
     'LoadModule lua_module /usr/lib/apache2/modules/mod_lua.so\n'
     'LuaCodeCache x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "LuaCodeCache type of 'x' not recognized, valid options are 'never', 'stat', and 'forever'\n"),
    ('request-kept-body',
     'LoadModule request_module /usr/lib/apache2/modules/mod_request.so\n'
     '<Location />\n'
     'KeptBodySize 1x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'KeptBodySize must be a valid size in bytes, or zero.\n'),
    ('buffer-size',
     'LoadModule buffer_module /usr/lib/apache2/modules/mod_buffer.so\n'
     'BufferSize 0\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'BufferSize not allowed here\n'),
    ('substitute-format',
     'LoadModule substitute_module /usr/lib/apache2/modules/mod_substitute.so\n'
     '<Location />\n'
     'Substitute x\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Bad Substitute format, must be an s/// pattern\n'),
    ('substitute-incomplete',
     'LoadModule substitute_module /usr/lib/apache2/modules/mod_substitute.so\n'
     '<Location />\n'
     'Substitute s/a\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Bad Substitute format, must be a complete s/// pattern\n'),
    ('substitute-flag',
     'LoadModule substitute_module /usr/lib/apache2/modules/mod_substitute.so\n'
     '<Location />\n'
     'Substitute s/a/b/z\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Bad Substitute flag, only s///[infq] are supported\n'),
    ('substitute-regex',
     'LoadModule substitute_module /usr/lib/apache2/modules/mod_substitute.so\n'
     '<Location />\n'
     'Substitute s/(/b/\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Substitute could not compile regex\n'),
    ('substitute-line-length',
     'LoadModule substitute_module /usr/lib/apache2/modules/mod_substitute.so\n'
     '<Location />\n'
     'SubstituteMaxLineLength 5gx\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "SubstituteMaxLineLength must be a non-negative integer optionally suffixed with 'b', "
     "'k', 'm' or 'g'.\n"),
    ('vhost-alias-absolute',
     'LoadModule vhost_alias_module /usr/lib/apache2/modules/mod_vhost_alias.so\n'
     'VirtualDocumentRoot x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "format string must be an absolute path, or 'none'\n"),
    ('vhost-alias-format',
     'LoadModule vhost_alias_module /usr/lib/apache2/modules/mod_vhost_alias.so\n'
     'VirtualDocumentRoot /var/www/%x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'syntax error in format string\n'),
    ('ext-filter-mode',
     'LoadModule ext_filter_module /usr/lib/apache2/modules/mod_ext_filter.so\n'
     'ExtFilterDefine x mode=sideways\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "Invalid mode: `sideways'\n"),
    ('ext-filter-twice',
     'LoadModule ext_filter_module /usr/lib/apache2/modules/mod_ext_filter.so\n'
     'ExtFilterDefine x cmd=/bin/cat\n'
     'ExtFilterDefine X cmd=/bin/cat\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'ExtFilter X is already defined\n'),
    ('ext-filter-as-provider',
     'LoadModule ext_filter_module /usr/lib/apache2/modules/mod_ext_filter.so\n'
     'LoadModule filter_module /usr/lib/apache2/modules/mod_filter.so\n'
     'ExtFilterDefine upper cmd=/bin/cat\n'
     'AddOutputFilterByType upper text/plain\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('charset-options',
     'LoadModule charset_lite_module /usr/lib/apache2/modules/mod_charset_lite.so\n'
     'CharsetOptions x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid CharsetOptions option: x\n'),
    ('xml2enc-default',
     'LoadModule xml2enc_module /usr/lib/apache2/modules/mod_xml2enc.so\n'
     'xml2EncDefault nosuchcharset\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid or unsupported default charset\n'),
    ('xml2enc-alias',
     'LoadModule xml2enc_module /usr/lib/apache2/modules/mod_xml2enc.so\n'
     'xml2EncAlias ISO-8859-1 latin1\n'
     'xml2EncDefault latin1\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('brotli-quality',
     'LoadModule brotli_module /usr/lib/apache2/modules/mod_brotli.so\n'
     'BrotliCompressionQuality 12\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'BrotliCompressionQuality must be between 0 and 11\n'),
    ('proxy-html-notice',
     'LoadModule proxy_html_module /usr/lib/apache2/modules/mod_proxy_html.so\n'
     'ProxyHTMLURLMap a b i !foo\n',
     'exit: 1\n'
     '[@TIME@] [proxy_html:notice] [pid @PID@:tid @TID@] AH01425: I18n support in '
     'mod_proxy_html requires mod_xml2enc. Without it, non-ASCII characters in proxied '
     'pages are likely to display incorrectly.\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'syntax error, unexpected T_OP_NOT\n'),
    ('proxy-html-bufsize',
     'LoadModule proxy_html_module /usr/lib/apache2/modules/mod_proxy_html.so\n'
     'LoadModule xml2enc_module /usr/lib/apache2/modules/mod_xml2enc.so\n'
     'ProxyHTMLBufSize x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Invalid value for directive ProxyHTMLBufSize, expected integer\n'),
    ('file-cache-missing',
     'LoadModule file_cache_module /usr/lib/apache2/modules/mod_file_cache.so\n'
     'CacheFile /nonexistent/file\n',
     'exit: 0\n'
     '[@TIME@] [file_cache:warn] [pid @PID@:tid @TID@] (2)No such file or directory: '
     'AH00795: unable to stat(/nonexistent/file), skipping\n'
     'Syntax OK\n'),
    ('heartbeat-port',
     'LoadModule heartbeat_module /usr/lib/apache2/modules/mod_heartbeat.so\n'
     'HeartbeatAddress 239.0.0.1\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'HeartbeatAddress: No port provided in address\n'),
    ('heartbeat-twice',
     'LoadModule heartbeat_module /usr/lib/apache2/modules/mod_heartbeat.so\n'
     'HeartbeatAddress 239.0.0.1:27999\n'
     'HeartbeatAddress 239.0.0.1:27999\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'HeartbeatAddress: May only be specified once.\n'),
    ('heartmonitor-maxservers',
     'LoadModule heartmonitor_module /usr/lib/apache2/modules/mod_heartmonitor.so\n'
     'HeartbeatMaxServers 5\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'HeartbeatMaxServers: Should be 0 for file storage, or greater or equal than 10 for slotmem\n'),
    ('allowmethods-invalid',
     'LoadModule allowmethods_module /usr/lib/apache2/modules/mod_allowmethods.so\n'
     '<Location />\n'
     'AllowMethods GET FOO\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "AllowMethods: Invalid Method 'FOO'\n"),
    ('dialup-standard',
     'LoadModule dialup_module /usr/lib/apache2/modules/mod_dialup.so\n'
     '<Location />\n'
     'ModemStandard v.90\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'mod_dialup: Unknown Modem Standard specified.\n'),
    ('usertrack-expires',
     'LoadModule usertrack_module /usr/lib/apache2/modules/mod_usertrack.so\n'
     'CookieExpires "3 fortnights"\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'bad expires code, unrecognized type\n'),
    ('usertrack-domain',
     'LoadModule usertrack_module /usr/lib/apache2/modules/mod_usertrack.so\n'
     'CookieDomain example\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'CookieDomain values must begin with a dot\n'),
    ('usertrack-samesite',
     'LoadModule usertrack_module /usr/lib/apache2/modules/mod_usertrack.so\n'
     'CookieSameSite sometimes\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "CookieSameSite accepts 'Strict', 'Lax', or 'None'\n"),
    ('log-debug-hook',
     'LoadModule log_debug_module /usr/lib/apache2/modules/mod_log_debug.so\n'
     'LogMessage x hook=nope\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'Invalid hook name: nope\n'),
    ('memcache-ttl',
     'LoadModule socache_memcache_module /usr/lib/apache2/modules/mod_socache_memcache.so\n'
     'MemcacheConnTTL 2h\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     'MemcacheConnTTL can only be 0 or up to one hour.\n'),
    ('watchdog-interval',
     'LoadModule watchdog_module /usr/lib/apache2/modules/mod_watchdog.so\n'
     'WatchdogInterval 50ms\n',
     'exit: 1\n'
     'apache2: Syntax error on line 6 of ROOT/t.conf: module watchdog_module is built-in '
     "and can't be loaded\n"),
    ('sed-ok',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a/b/g"\n'
     'InputSed "1,/x/d;$p"\n'
     '</Location>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('sed-unrecognized',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "/\\\\(/p"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. unrecognized command: /\\\\(/p\n'),
    ('sed-garbled',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a/b/ g"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. command garbled: s/a/b/ g\n'),
    ('sed-append-needs-newline',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "a\\\\x"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. command garbled: a\\\\x\n'),
    ('sed-null-re',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s//x/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. first RE may not be null\n'),
    ('sed-last-re',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "/a/p"\n'
     'OutputSed "s//x/"\n'
     '</Location>\n',
     'exit: 0\n'
     'Syntax OK\n'),
    ('sed-bracket-imbalance',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/[abc"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. [ ] imbalance: s/[abc\n'),
    ('sed-paren-imbalance',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/\\\\(a/x/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. \\\\( \\\\) imbalance: s/\\\\(a/x/\n'),
    ('sed-bad-number',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a\\\\{1/b/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. Bad number: s/a\\\\{1/b/\n'),
    ('sed-range-order',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a\\\\{3,1\\\\}/b/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. First number exceeds second in \\\\{ \\\\}: '
     's/a\\\\{3,1\\\\}/b/\n'),
    ('sed-backref-range',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a/\\\\2/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "Failed to compile sed expression. ``\\\\digit'' out of range: s/a/\\\\2/\n"),
    ('sed-transform',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "y/abc/de/"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. ending delimiter missing on string: y/abc/de/\n'),
    ('sed-suffix',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "s/a/b/513"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. suffix too large: s/a/b/513\n'),
    ('sed-duplicate-label',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed ":a"\n'
     'OutputSed ":a"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 9 of ROOT/t.conf:\n'
     'Failed to compile sed expression. duplicate labels: :a\n'),
    ('sed-label-long',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed ":abcdefghi"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. label too long: :abcdefghi\n'),
    ('sed-close-brace',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "}"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     "Failed to compile sed expression. too many }'s\n"),
    ('sed-brace-address',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "1}"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. no addresses allowed: 1}\n'),
    ('sed-wfile',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "w"\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. Space missing before filename: w\n'),
    ('sed-one-address',
     'LoadModule sed_module /usr/lib/apache2/modules/mod_sed.so\n'
     '<Location />\n'
     'OutputSed "1,2="\n'
     '</Location>\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 8 of ROOT/t.conf:\n'
     'Failed to compile sed expression. only one address allowed: 1,2=\n'),
    ('backslash-escaped-in-message',
     'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n'
     'RewriteRule "a\\\\(" x\n',
     'exit: 1\n'
     'AH00526: Syntax error on line 7 of ROOT/t.conf:\n'
     "RewriteRule: cannot compile regular expression 'a\\\\\\\\('\n"),
    ('backslash-escaped-in-warning',
     'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n'
     'Define x\\y\n'
     'ServerAdmin ${x\\y}\n',
     'exit: 0\n'
     '[@TIME@] [core:warn] [pid @PID@:tid @TID@] AH00111: Config variable ${x\\\\y} is not defined\n'
     'Syntax OK\n'),
]


@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_apachepy_prints_httpds_message(tmp_path, name, body, expected):
    assert run_apachepy(_write(tmp_path, body)) == expected


@pytest.mark.skipif(shutil.which("apache2") is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_apache2_agrees(tmp_path, name, body, expected):
    assert run_apache2(_write(tmp_path, body)) == expected
