"""mod_proxy_uwsgi: uWSGI backend support for the proxy."""
from apachepy.config.registry import Module

MODULE = Module("proxy_uwsgi_module", "mod_proxy_uwsgi.c", debian="shared",
                doc="uWSGI backend support for the proxy")
