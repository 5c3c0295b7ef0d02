"""URI helpers with httpd's rules (ap_normalize_path, ap_unescape_url_ex, apr_uri_parse...)."""
from __future__ import annotations

import pytest

from apachepy.http.uri import (escape_logitem, escape_uri, is_url, normalize_path, unescape_url,
                               uri_parse)


@pytest.mark.parametrize("path,expected,ok", [
    ("/a/b", "/a/b", True), ("//a//b", "/a/b", True), ("/a/./b", "/a/b", True), ("/a/../b", "/b", True),
    ("/../etc", "/etc", False), ("/a/%2e%2e/b", "/b", True), ("/%41", "/A", True), ("/%zz", "/%zz", False),
    ("/a/.", "/a/", True), ("*", "*", True), ("a/b", "a/b", False),
])
def test_normalize_path(path, expected, ok):
    assert normalize_path(path) == (expected, ok)


@pytest.mark.parametrize("url,expected,status", [
    ("/a%20b", "/a b", 0), ("/a%2fb", "/a/b", 404), ("/a%00b", "/a\0b", 404), ("/a%zz", "/a%zz", 400),
    ("/a%41", "/a%41", 0),          # unreserved characters were decoded by the normaliser already
    ("/a%", "/a%", 400),
])
def test_unescape(url, expected, status):
    assert unescape_url(url) == (expected, status)


def test_unescape_allowed_slashes():
    assert unescape_url("/a%2fb", forbid_slashes=False, keep_slashes=True) == ("/a%2fb", 0)
    assert unescape_url("/a%2fb", forbid_slashes=False) == ("/a/b", 0)


def test_escape_uri_and_logitem():
    assert escape_uri("/a b/c?d") == "/a%20b/c%3fd"
    assert escape_logitem('a"b\\c\xe9\t') == 'a\\"b\\\\c\\xe9\\t'
    assert escape_logitem(None) == ""


def test_uri_parse():
    u = uri_parse("http://user@Host.example:8080/p?q#f")
    assert (u.scheme, u.user, u.hostname, u.port_str, u.path, u.query, u.fragment) == \
        ("http", "user", "Host.example", "8080", "/p", "q", "f")
    assert not uri_parse("http://h:99999/").ok
    assert uri_parse("/x?y").path == "/x"
    assert is_url("http://x") and is_url("mailto:x") and not is_url("/x") and not is_url(":x")
