"""The httpd version apachepy is compatible with, and how it names itself."""
COMPAT_VERSION = (2, 4, 71)
COMPAT_STR = "2.4.71"
APACHEPY_VERSION = "0.1.0"
SERVER_BUILT = "2026-11-12T08:58:41"
# The product string follows Debian's build, so configs and logs read the same as apache2's.
OS_TOKEN = "Debian"
