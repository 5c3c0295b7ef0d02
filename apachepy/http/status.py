"""Status lines and the canned error pages of ap_send_error_response (http_protocol.c)."""
from __future__ import annotations

REASONS = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing",
    200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
    205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
    408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
    413: "Request Entity Too Large", 414: "Request-URI Too Long", 415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable", 417: "Expectation Failed", 421: "Misdirected Request",
    422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
    507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended",
    511: "Network Authentication Required",
}

# ap_index_of_response: an unknown code maps to the first of its class ("x00"), or 500.
_LEVELS = {1: 100, 2: 200, 3: 300, 4: 400, 5: 500}


def status_line(status: int) -> str:
    """ap_get_status_line: `404 Not Found`; an unknown code gets its class's first line."""
    reason = REASONS.get(status)
    if reason is not None:
        return f"{status} {reason}"
    base = _LEVELS.get(status // 100, 500)
    return f"{base} {REASONS[base]}" if status // 100 in _LEVELS else "500 Internal Server Error"


def response_index_status(status: int) -> int:
    """The status whose entry ap_index_of_response picks (used for ErrorDocument lookup)."""
    if status in REASONS:
        return status
    if 100 <= status < 600:
        return _LEVELS[status // 100]
    return 500


# Statuses that force the connection closed (ap_status_drops_connection).
DROPS_CONNECTION = frozenset((400, 408, 411, 413, 414, 500, 503, 501))


def is_header_only(status: int) -> bool:
    return status == 204 or status == 304


DOCTYPE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n'


def escape_html(s: str) -> str:
    """ap_escape_html (toasc=0): & < > and \" only."""
    if not any(c in s for c in '&<>"'):
        return s
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def canned_text(status: int, method: str, location: str | None, notes: str | None, expect: str | None,
                admin: str) -> str:
    """get_canned_error_string: the per-status paragraph(s)."""
    n = notes or ""
    if status in (301, 302, 307, 308):
        return f'<p>The document has moved <a href="{escape_html(location or "")}">here</a>.</p>\n'
    if status == 303:
        return (f'<p>The answer to your request is located <a href="{escape_html(location or "")}">'
                "here</a>.</p>\n")
    if status == 305:
        return ("<p>This resource is only accessible through the proxy\n<br />\nYou will need to configure "
                "your client to use that proxy.</p>\n")
    if status in (401, 407):
        return ("<p>This server could not verify that you\nare authorized to access the document\n"
                "requested.  Either you supplied the wrong\ncredentials (e.g., bad password), or your\n"
                "browser doesn't understand how to supply\nthe credentials required.</p>\n")
    if status == 400:
        return f"<p>Your browser sent a request that this server could not understand.<br />\n{n}</p>\n"
    if status == 403:
        return f"<p>You don't have permission to access this resource.{n}</p>\n"
    if status == 404:
        return "<p>The requested URL was not found on this server.</p>\n"
    if status == 405:
        return f"<p>The requested method {escape_html(method)} is not allowed for this URL.</p>\n"
    if status == 406:
        return ("<p>An appropriate representation of the requested resource could not be found on this "
                "server.</p>\n" + n)
    if status == 300:
        return n
    if status == 411:
        return (f"<p>A request of the requested method {escape_html(method)} requires a valid "
                f"Content-length.<br />\n{n}</p>\n")
    if status == 412:
        return "<p>The precondition on the request for this URL evaluated to false.</p>\n"
    if status == 501:
        return f"<p>{escape_html(method)} not supported for current URL.<br />\n{n}</p>\n"
    if status == 502:
        return ("<p>The proxy server received an invalid\r\nresponse from an upstream server.<br />\r\n"
                f"{n}</p>\n")
    if status == 506:
        return ("<p>A variant for the requested resource\n<pre>\n\n</pre>\nis itself a negotiable resource. "
                "This indicates a configuration error.</p>\n")
    if status == 408:
        return "<p>Server timeout waiting for the HTTP request from the client.</p>\n"
    if status == 410:
        return ("<p>The requested resource is no longer available on this server and there is no forwarding "
                "address.\nPlease remove all references to this resource.</p>\n")
    if status == 413:
        return (f"The requested resource does not allow request data with {escape_html(method)} requests, "
                "or the amount of data provided in\nthe request exceeds the capacity limit.\n")
    if status == 414:
        return f"<p>The requested URL's length exceeds the capacity\nlimit for this server.<br />\n{n}</p>\n"
    if status == 415:
        return ("<p>The supplied request data is not in a format\nacceptable for processing by this "
                "resource.</p>\n")
    if status == 416:
        return ("<p>None of the range-specifier values in the Range\nrequest-header field overlap the current "
                "extent\nof the selected resource.</p>\n")
    if status == 417:
        if expect is not None:
            s1 = ("<p>The expectation given in the Expect request-header\nfield could not be met by this "
                  f"server.\nThe client sent<pre>\n    Expect: {escape_html(expect)}\n</pre>\n")
        else:
            s1 = ("<p>No expectation was seen, the Expect request-header \nfield was not presented by the "
                  "client.\n")
        return s1 + n + "</p><p>Only the 100-continue expectation is supported.</p>\n"
    if status == 422:
        return ("<p>The server understands the media type of the\nrequest entity, but was unable to process "
                "the\ncontained instructions.</p>\n")
    if status == 423:
        return ("<p>The requested resource is currently locked.\nThe lock must be released or proper "
                "identification\ngiven before the method can be applied.</p>\n")
    if status == 424:
        return ("<p>The method could not be performed on the resource\nbecause the requested action depended "
                "on another\naction and that other action failed.</p>\n")
    if status == 426:
        return ("<p>The requested resource can only be retrieved\nusing SSL.  The server is willing to upgrade "
                "the current\nconnection to SSL, but your client doesn't support it.\nEither upgrade your "
                "client, or try requesting the page\nusing https://\n")
    if status == 428:
        return "<p>The request is required to be conditional.</p>\n"
    if status == 429:
        return "<p>The user has sent too many requests\nin a given amount of time.</p>\n"
    if status == 431:
        return ("<p>The server refused this request because\nthe request header fields are too large.</p>\n")
    if status == 507:
        return ("<p>The method could not be performed on the resource\nbecause the server is unable to store "
                "the\nrepresentation needed to successfully complete the\nrequest.  There is insufficient free "
                "space left in\nyour storage allocation.</p>\n")
    if status == 503:
        return ("<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or "
                "capacity\nproblems. Please try again later.</p>\n")
    if status == 504:
        return ("<p>The gateway did not receive a timely response\nfrom the upstream server or "
                "application.</p>\n")
    if status == 508:
        return "<p>The server terminated an operation because\nit encountered an infinite loop.</p>\n"
    if status == 510:
        return ("<p>A mandatory extension policy in the request is not\naccepted by the server for this "
                "resource.</p>\n")
    if status == 511:
        return "<p>The client needs to authenticate to gain\nnetwork access.</p>\n"
    if status == 421:
        return ("<p>The client needs a new connection for this\nrequest as the requested host name does not "
                "match\nthe Server Name Indication (SNI) in use for this\nconnection.</p>\n")
    if status == 451:
        return f"<p>Access to this URL has been denied for legal reasons.<br />\n{n}</p>\n"
    return ("<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\n"
            "your request.</p>\n<p>Please contact the server administrator at \n "
            f"{escape_html(admin)} to inform them of the time this error occurred,\n"
            " and the actions you performed just before this error.</p>\n"
            "<p>More information about this error may be available\nin the server error log.</p>\n")


def error_page(status: int, canned: str, signature: str, recursive_error: int = 0) -> str:
    """The whole canned page: doctype, title, h1, text, optional recursion note, signature."""
    title = status_line(status)
    extra = ""
    if recursive_error:
        extra = (f"<p>Additionally, a {status_line(recursive_error)}\nerror was encountered while trying to "
                 "use an ErrorDocument to handle the request.</p>\n")
    return (f"{DOCTYPE}<html><head>\n<title>{title}</title>\n</head><body>\n<h1>{title[4:]}</h1>\n"
            f"{canned}{extra}{signature}</body></html>\n")
