"""mod_ssl's certificate variables (ssl_engine_vars.c): SSL_CLIENT_* and SSL_SERVER_* from a
certificate, formatted as httpd 2.4.71 with OpenSSL 3 prints them.

A certificate is given as Python's decoded dict (SSLObject.getpeercert(), or the server's file
decoded the same way) plus its DER bytes.  Distinguished names are OpenSSL's RFC 2253 form
(X509_NAME_print_ex with XN_FLAG_RFC2253 minus ESC_MSB: last RDN first, "," between RDNs,
"+" inside one, short attribute names), or with SSLOptions +LegacyDNStringFormat the
X509_NAME_oneline form ("/C=../CN=..").  Serial numbers and validity times already come in
OpenSSL's formats (i2a_ASN1_INTEGER, ASN1_TIME_print) from Python's ssl module.
"""
from __future__ import annotations

import calendar
import ssl
import time

# OpenSSL's short name (what the DN strings print) for the long names Python reports
SHORT_NAMES = {"countryName": "C", "stateOrProvinceName": "ST", "localityName": "L", "organizationName": "O",
               "organizationalUnitName": "OU", "commonName": "CN", "givenName": "GN", "surname": "SN",
               "userId": "UID", "domainComponent": "DC", "streetAddress": "street",
               "jurisdictionCountryName": "jurisdictionC", "jurisdictionStateOrProvinceName": "jurisdictionST",
               "jurisdictionLocalityName": "jurisdictionL"}
# the _DN_<name> suffixes mod_ssl knows (ssl_var_lookup_ssl_cert_dn_rec), by long name
DN_COMPONENTS = {"C": "countryName", "ST": "stateOrProvinceName", "SP": "stateOrProvinceName",
                 "L": "localityName", "O": "organizationName", "OU": "organizationalUnitName", "CN": "commonName",
                 "T": "title", "I": "initials", "G": "givenName", "S": "surname", "D": "description",
                 "UID": "userId", "Email": "emailAddress"}
# what StdEnvVars exports of them (SP is only a lookup alias)
DN_EXPORTED = [k for k in DN_COMPONENTS if k != "SP"]
# OBJ_nid2ln of the algorithm identifiers a certificate commonly names (SSL_*_A_SIG / A_KEY)
ALGORITHMS = {"1.2.840.113549.1.1.1": "rsaEncryption", "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
              "1.2.840.113549.1.1.10": "rsassaPss", "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
              "1.2.840.113549.1.1.12": "sha384WithRSAEncryption", "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
              "1.2.840.10045.2.1": "id-ecPublicKey", "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
              "1.2.840.10045.4.3.3": "ecdsa-with-SHA384", "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
              "1.3.101.112": "ED25519", "1.3.101.113": "ED448", "1.2.840.10040.4.1": "dsaEncryption"}


def _entries(name: tuple) -> list[tuple[int, str, str]]:
    """(RDN index, long name, value) for each attribute, in certificate order."""
    return [(i, k, v) for i, rdn in enumerate(name) for k, v in rdn]


def _esc_2253(v: str) -> str:
    out = []
    for i, ch in enumerate(v):
        if ch in ',+"\\<>;' or (i == 0 and ch in "# ") or (i == len(v) - 1 and ch == " "):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\%02X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def dn_rfc2253(name: tuple) -> str:
    out = []
    prev = None
    for i, k, v in reversed(_entries(name)):
        if prev is not None:
            out.append("+" if i == prev else ",")
        out.append(f"{SHORT_NAMES.get(k, k)}={_esc_2253(v)}")
        prev = i
    return "".join(out)


def dn_oneline(name: tuple) -> str:
    """X509_NAME_oneline: "/" before each RDN, "+" inside one, bytes outside printable ASCII
    as \\xHH."""
    out = []
    prev = None
    for i, k, v in _entries(name):
        out.append("+" if i == prev else "/")
        text = "".join(ch if 0x20 <= b < 0x7f else "\\x%02X" % b
                       for ch, b in ((chr(b), b) for b in v.encode("utf-8")))
        out.append(f"{SHORT_NAMES.get(k, k)}={text}")
        prev = i
    return "".join(out)


def dn_component(name: tuple, var: str) -> str | None:
    """ssl_var_lookup_ssl_cert_dn: "CN", "OU_1" (the second OU), "CN_RAW"."""
    if var.endswith("_RAW") and len(var) > 4:
        var = var[:-4]
    idx = 0
    base, sep, num = var.partition("_")
    if sep and num.isdigit():
        idx = int(num)
    else:
        base = var
    long_name = DN_COMPONENTS.get(base)
    if long_name is None:
        return None
    for _i, k, v in _entries(name):
        if k == long_name:
            if idx == 0:
                return v
            idx -= 1
    return None


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _remain(not_after: str) -> str:
    """ssl_var_lookup_ssl_cert_remain: whole days left, rounded down."""
    # "Nov 28 07:18:20 2026 GMT" (ASN1_TIME_print); parsed by hand since time.strptime
    # imports a module lazily, which a server that dropped privileges may not be able to read
    try:
        mon, day, hms, year = not_after.split()[:4]
        h, m, sec = (int(x) for x in hms.split(":"))
        then = calendar.timegm((int(year), _MONTHS.index(mon) + 1, int(day), h, m, sec, 0, 0, 0))
    except ValueError:
        return "0"
    diff = int((then - int(time.time())) / 86400)
    return str(diff) if diff > 0 else "0"


def _der_items(data: bytes, pos: int, end: int):
    """(tag, start of content, end of content) of each DER element in data[pos:end]."""
    while pos < end:
        tag = data[pos]
        n = data[pos + 1]
        pos += 2
        if n & 0x80:
            k = n & 0x7f
            n = int.from_bytes(data[pos:pos + k], "big")
            pos += k
        yield tag, pos, pos + n
        pos += n


def _oid(data: bytes) -> str:
    first = data[0]
    parts = [str(min(first // 40, 2)), str(first - 40 * min(first // 40, 2))]
    v = 0
    for b in data[1:]:
        v = (v << 7) | (b & 0x7f)
        if not b & 0x80:
            parts.append(str(v))
            v = 0
    return ".".join(parts)


def algorithms(der: bytes) -> tuple[str, str]:
    """(signature algorithm, public key algorithm) as OBJ_nid2ln names, from the DER."""
    try:
        _t, s, e = next(_der_items(der, 0, len(der)))              # Certificate
        _t, s, e = next(_der_items(der, s, e))                      # tbsCertificate
        items = list(_der_items(der, s, e))
        if items[0][0] == 0xA0:                                     # [0] version
            items = items[1:]
        sig = items[1]                                              # after serialNumber
        spki = items[5]                                             # after issuer, validity, subject

        def alg(seq) -> str:
            _t, s2, e2 = next(_der_items(der, seq[1], seq[2]))      # AlgorithmIdentifier or its OID
            if _t == 0x30:
                _t, s2, e2 = next(_der_items(der, s2, e2))
            return ALGORITHMS.get(_oid(der[s2:e2]), "UNKNOWN")
        sig_oid = next(_der_items(der, sig[1], sig[2]))
        return ALGORITHMS.get(_oid(der[sig_oid[1]:sig_oid[2]]), "UNKNOWN"), alg(spki)
    except (StopIteration, IndexError, ValueError):
        return "UNKNOWN", "UNKNOWN"


class Cert:
    """One certificate's variables (the part after SSL_CLIENT_ / SSL_SERVER_)."""

    def __init__(self, info: dict, der: bytes):
        self.info = info
        self.der = der

    def lookup(self, var: str, legacy_dn: bool = False) -> str | None:
        info = self.info
        if var == "M_VERSION":
            return str(info.get("version", 1))
        if var == "M_SERIAL":
            return info.get("serialNumber")
        if var == "V_START":
            return info.get("notBefore")
        if var == "V_END":
            return info.get("notAfter")
        if var == "V_REMAIN":
            return _remain(info.get("notAfter", ""))
        if var in ("S_DN", "I_DN"):
            name = info.get("subject" if var[0] == "S" else "issuer", ())
            return dn_oneline(name) if legacy_dn else dn_rfc2253(name)
        if len(var) > 5 and var[1:5] == "_DN_" and var[0] in "SI":
            return dn_component(info.get("subject" if var[0] == "S" else "issuer", ()), var[5:])
        if var.startswith("SAN_"):
            return self._san(var[4:])
        if var == "A_SIG":
            return algorithms(self.der)[0]
        if var == "A_KEY":
            return algorithms(self.der)[1]
        if var == "CERT":
            return ssl.DER_cert_to_PEM_cert(self.der)
        return None

    def _san(self, var: str) -> str | None:
        kind, _, num = var.rpartition("_")
        want = {"Email": "email", "DNS": "DNS"}.get(kind)
        if want is None or not num.isdigit() or not 1 <= len(num) <= 4:
            return None
        values = [v for k, v in self.info.get("subjectAltName", ()) if k == want]
        n = int(num)
        return values[n] if n < len(values) else None

    def rfc4523_cea(self) -> str | None:
        serial = self.info.get("serialNumber")
        if not serial:
            return None
        return (f'{{ serialNumber {int(serial, 16)}, issuer rdnSequence:"'
                f'{dn_rfc2253(self.info.get("issuer", ()))}" }}')

    def exported(self, prefix: str) -> dict[str, str]:
        """The _DN_ and _SAN_ variables StdEnvVars adds (modssl_var_extract_dns / _san_entries):
        the first of each component plain, further ones with _1, _2, ..."""
        out = {}
        for which, key in (("S", "subject"), ("I", "issuer")):
            seen: dict[str, int] = {}
            for _i, k, v in _entries(self.info.get(key, ())):
                for short in DN_EXPORTED:
                    if DN_COMPONENTS[short] == k:
                        n = seen.get(short, 0)
                        out[f"{prefix}{which}_DN_{short}" + (f"_{n}" if n else "")] = v
                        seen[short] = n + 1
                        break
        for kind, want in (("Email", "email"), ("DNS", "DNS")):
            values = [v for k, v in self.info.get("subjectAltName", ()) if k == want]
            for n, v in enumerate(values):
                out[f"{prefix}SAN_{kind}_{n}"] = v
        return out
