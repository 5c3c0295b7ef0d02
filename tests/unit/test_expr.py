"""Table-driven tests for apachepy.expr (httpd's ap_expr) and apachepy.expr.pcre.

Every expected message below was obtained from the real Debian apache2 2.4.71 binary:
boolean expressions through ``Require expr <text>`` (the text after
"Cannot parse expression in require line: "), string expressions through ``AuthName``
(after "Cannot parse expression '<text>' in AuthName: "), regexes through ``'' =~ m#re#``,
and evaluation results through ``Header ... expr=`` on a live server.  "OK" means httpd
accepted it, "JAM" means httpd printed "flex scanner jammed" and exited with status 2.
"""
from __future__ import annotations

import pytest

from apachepy.expr import (
    Captures, ExprError, ExprEvalError, ExprFatalError, SimpleContext, chain_lookups,
    include_lookup, parse, ssl_lookup,
)
from apachepy.expr import fnmatch, ipsubnet_create, ipsubnet_test
from apachepy.expr.pcre import PcreError, PcreUnsupported, compile_pcre, translate


def verdict(text: str, string_mode: bool = False) -> str:
    try:
        parse(text, string_mode=string_mode)
    except ExprFatalError as e:
        assert str(e) == "flex scanner jammed" and e.exit_status == 2
        return "JAM"
    except ExprError as e:
        return str(e)
    return "OK"


# --- expressions seen in the shared corpus, with httpd's verdicts ---------------------------
CORPUS_CASES = [
    ("-n %{REQ:In-If1}", "OK"),
    ("-n %{REQ:In-If111}", "OK"),
    ("%{CONTENT_TYPE} =~ m#text\\/(html|javascript)|application\\/pdf|xml#i", "OK"),
    ("%{CONTENT_TYPE} =~ m#text/html#i", "OK"),
    ("%{CONTENT_TYPE} =~ m#application/manifest\\+json#i", "OK"),
    ("%{CONTENT_TYPE} =~ m#json|xml#i && %{CONTENT_TYPE} !~ m#/(atom|rdf|rss|manifest|svg)\\+#i",
     "OK"),
    ("%{HTTPS} == 'on'", "OK"),
    ("-z %{CONTENT_TYPE}", "OK"),
    ("%{resp:Cache-Control} == 'max-age=31536000'", "OK"),
    ("util_strlen(%{REQUEST_FILENAME}) -le 256", "Function 'util_strlen' does not exist"),
    # unquoted <If %{HTTP_HOST} == x>: only the first word reaches the parser
    ("%{HTTP_HOST}", "syntax error, unexpected $end"),
]


@pytest.mark.parametrize("text,expected", CORPUS_CASES)
def test_corpus_expressions(text, expected):
    assert verdict(text) == expected


def test_string_mode_corpus():
    assert verdict("%{QUERY_STRING}", True) == "OK"
    assert verdict("%{QUERY_STRIN}", True) == "Variable 'QUERY_STRIN' does not exist"
    assert verdict("/x/%{REQUEST_URI", True) == (
        "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': "
        "Unterminated string or variable")


# --- limits -----------------------------------------------------------------------------------
@pytest.mark.parametrize("n,expected", [(8190, "OK"), (8191, "OK"), (8192, "String too long"),
                                        (20000, "String too long")])
def test_string_mode_length_limit(n, expected):
    # AuthName "<n x 'a'>": httpd prints "Cannot parse expression '<value>' in AuthName:
    # String too long" (and its logger cuts the printed line at 8190 characters)
    assert verdict("a" * n, True) == expected


def test_length_limit_after_variable():
    assert verdict("%{HTTP_HOST}" + "b" * 9000, True) == (
        "syntax error, unexpected T_ERROR, expecting $end: String too long")
    assert verdict("%{req:" + "b" * 9000 + "}", True) == "String too long"


@pytest.mark.parametrize("n,expected", [
    (8191, "OK"), (8192, "String too long")])
def test_quoted_string_length_limit(n, expected):
    assert verdict("'%s' == 'x'" % ("a" * n)) == expected


@pytest.mark.parametrize("n,expected", [
    (8191, "OK"),
    (8192, "syntax error, unexpected T_ERROR, expecting T_REGEX or T_REGEX_I: Regexp too long")])
def test_regex_length_limit(n, expected):
    assert verdict("%%{HTTP_HOST} =~ /%s/" % ("a" * n)) == expected


@pytest.mark.parametrize("text,expected", [
    ("(" * 9995 + "true" + ")" * 9995, "OK"),
    ("(" * 9996 + "true" + ")" * 9996, "memory exhausted"),      # bison's YYMAXDEPTH
    ("! " * 9996 + "true", "OK"),
    ("! " * 9997 + "true", "memory exhausted"),
    (" . ".join(["'a'"] * 4998) + " == 1", "OK"),
    (" . ".join(["'a'"] * 4999) + " == 1", "memory exhausted"),
    (" && ".join(["true"] * 4999), "OK"),
    (" && ".join(["true"] * 5000), "memory exhausted"),
])
def test_parser_stack_limit(text, expected):
    assert verdict(text) == expected


# --- look-up hooks, flags -------------------------------------------------------------------
def test_unknown_names():
    assert verdict("%{SSL_PROTOCOL} == 'x'") == "Variable 'SSL_PROTOCOL' does not exist"
    assert verdict("'a' -in PeerExtList('x')") == (
        "List-returning function 'PeerExtList' does not exist")
    assert verdict("filemod('/x') == 1") == "Function 'filemod' does not exist"
    assert verdict("-q 'a'") == "Unary operator '-q' does not exist"
    assert verdict("'a' -FOO 'b'") == "Binary operator '-FOO' does not exist"


def test_ssl_lookup():
    expr = parse("%{SSL_PROTOCOL} == 'TLSv1.3' && 'x' -in PeerExtList('1.2.3')",
                 lookup_fn=ssl_lookup)

    class Ctx:
        def var(self, name):
            return {"SSL_PROTOCOL": "TLSv1.3"}.get(name)

        def peer_ext_list(self, oid):
            return ["x", "y"] if oid == "1.2.3" else None

    assert expr.evaluate(Ctx()) is True
    # mod_ssl matches "SSL_" case-sensitively
    with pytest.raises(ExprError, match="^Variable 'ssl_protocol' does not exist$"):
        parse("%{ssl_protocol} == 'x'", lookup_fn=ssl_lookup)


def test_custom_lookup_and_errors():
    def lookup(kind, name, arg):
        if kind == "func" and name == "strlen":
            return lambda ctx, a: str(len(a))
        if kind == "var" and name == "NOPE":
            raise ExprError("no NOPE here")
        return None

    e = parse("strlen(%{REQUEST_URI}) -le 5", lookup_fn=lookup)
    assert e.evaluate(SimpleContext(vars={"REQUEST_URI": "/abc"})) is True
    assert e.evaluate(SimpleContext(vars={"REQUEST_URI": "/abcdef"})) is False
    with pytest.raises(ExprError, match="^no NOPE here$"):
        parse("%{NOPE} == 1", lookup_fn=lookup)
    # the custom hook runs first, everything else falls through to the core table
    e = parse("%{v:x} == 'y' && %{HTTP_HOST} == 'h'", lookup_fn=chain_lookups(include_lookup))
    ctx = SimpleContext(headers={"Host": "h"})
    ctx.ssi_var = lambda name: "y" if name == "x" else None
    assert e.evaluate(ctx) is True


def test_restricted_context():
    with pytest.raises(ExprError, match="^file not available in restricted context$"):
        parse("file('/etc/passwd') == ''", restricted=True)
    with pytest.raises(ExprError, match="^-f not available in restricted context$"):
        parse("-f '/etc/passwd'", restricted=True)
    parse("-n 'x' && tolower('A') == 'a'", restricted=True)


def test_subnet_arguments():
    assert verdict("-R 10") == "-R requires subnet/netmask as constant argument"
    assert verdict("'a' -ipmatch %{HTTP_HOST}") == (
        "-ipmatch requires subnet/netmask as constant argument")
    assert verdict("'a' -IPMATCH %{HTTP_HOST}") == (
        "-IPMATCH requires subnet/netmask as constant argument")
    assert verdict("-R 'foo'") == "parsing of subnet/netmask failed"


# --- evaluation -------------------------------------------------------------------------------
def live_context():
    """The request the EVAL_CASES verdicts were taken from."""
    headers = {"X-Foo": "Bar", "User-Agent": "UA/1.0", "X-Num": "42", "X-Ip": "10.1.2.3",
               "Cookie": "a=b", "X-Path": "/a b/%41%2f%zz", "Host": "127.0.0.1:18080",
               "Accept-Encoding": "identity"}
    return SimpleContext(
        vars={"REQUEST_URI": "/index.html", "QUERY_STRING": "q=1&x=%2F",
              "REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.1", "HTTPS": "off",
              "REQUEST_SCHEME": "http", "THE_REQUEST": "GET /index.html?q=1&x=%2F HTTP/1.1",
              "IS_SUBREQ": "false", "CONTENT_TYPE": "text/html", "SERVER_NAME": "127.0.0.1",
              "SERVER_PORT": "18080", "REMOTE_ADDR": "127.0.0.1"},
        headers=headers, remote_ip="127.0.0.1", osenviron={})


# --- generated from apache2 2.4.71 verdicts (Require expr / AuthName / =~ / live requests) ---

BOOL_PARSE_CASES = [
    ("%{HTTP_HOST} == 'example.com'", 'OK'),
    ('%{HTTP_HOST} == example.com', "syntax error, unexpected T_OP_CONCAT, expecting '('"),
    ('true false', 'syntax error, unexpected T_FALSE, expecting $end'),
    ('true', 'OK'),
    ('false', 'OK'),
    ('!true', 'OK'),
    ('! true && false || true', 'OK'),
    ('(true', "syntax error, unexpected $end, expecting T_OP_OR or T_OP_AND or ')'"),
    ('(true))', "syntax error, unexpected ')', expecting $end"),
    ('()', "syntax error, unexpected ')'"),
    ('%{FOO} ==', "syntax error, unexpected $end: Variable 'FOO' does not exist"),
    ("%{FOO} == 'a'", "Variable 'FOO' does not exist"),
    ('%{REQUEST_URI} =~ /^\\/foo/', 'Failed to compile regular expression'),
    ('%{REQUEST_URI} =~ /^\\/foo(/', 'Failed to compile regular expression'),
    ('%{REQUEST_URI} =~ m#^/foo#', 'OK'),
    ('%{REQUEST_URI} =~ m#^/foo#i', 'OK'),
    ('%{REQUEST_URI} =~ m#^/foo', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ('%{REQUEST_URI} =~', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ("%{REQUEST_URI} !~ /x/ && $1 == 'a'", 'OK'),
    ('-n %{REQ:In-If1}', 'OK'),
    ('-n %{REQ:In-If1', 'Unterminated string or variable'),
    ('-z', 'syntax error, unexpected $end'),
    ("-z 'a' 'b'", 'syntax error, unexpected T_STR_BEGIN, expecting $end'),
    ("-q 'a'", "Unary operator '-q' does not exist"),
    ("'a' -foo 'b'", "Binary operator '-foo' does not exist"),
    ("'a' -IPMATCH '10.0.0.0/8'", 'OK'),
    ("'a' -ipmatch '10.0.0.0/33'", 'parsing of subnet/netmask failed'),
    ("'a' -ipmatch '10.0.0.0/255.0.0.0'", 'OK'),
    ("'a' -ipmatch '10.0'", 'OK'),
    ("'a' -ipmatch '10.0/8'", 'parsing of subnet/netmask failed'),
    ("'a' -ipmatch '::1/64'", 'OK'),
    ("'a' -ipmatch '::ffff:1.2.3.4'", 'parsing of subnet/netmask failed'),
    ("'a' -ipmatch ''", 'parsing of subnet/netmask failed'),
    ("-R '127.0.0.1'", 'OK'),
    ('util_strlen(%{REQUEST_FILENAME}) -le 256', "Function 'util_strlen' does not exist"),
    ("tolower(%{HTTP_HOST}) == 'x'", 'OK'),
    ("toLower(%{HTTP_HOST}) == 'x'", 'OK'),
    ("%{tolower:%{HTTP_HOST}} == 'x'", 'OK'),
    ("%{x:%{HTTP_HOST}} == 'x'", "Function 'x' does not exist"),
    ("'a' -in {'a', 'b'}", 'OK'),
    ("'a' -in {'a' 'b'}", "syntax error, unexpected T_STR_BEGIN, expecting '}' or ','"),
    ("'a' -in {}", "syntax error, unexpected '}'"),
    ("'a' in {'a'}", 'OK'),
    ("'a' -in split(/,/, 'a,b')", 'syntax error, unexpected T_REGEX'),
    ("'a' -in foo('x')", "List-returning function 'foo' does not exist"),
    ("'a' -in PeerExtList('x')", "List-returning function 'PeerExtList' does not exist"),
    ("%{HTTP_HOST} -strmatch '*.example.com'", 'OK'),
    ("%{HTTP_HOST} -STRMATCH '*.example.com'", 'OK'),
    ('1 -eq 1', 'OK'),
    ('1 eq 1 and 2 ne 3 or not 4 lt 5', 'OK'),
    ('-1 -lt 2', 'OK'),
    ('1 . 2 == 12', 'OK'),
    ("'a' . 'b' . %{HTTP_HOST} == 'ab'", 'OK'),
    ("'a' = 'b'", 'OK'),
    ("'a' === 'b'", 'syntax error, unexpected T_OP_STR_EQ'),
    ("'a' <> 'b'", 'syntax error, unexpected T_OP_STR_GT'),
    ("'a' & 'b'", "syntax error, unexpected T_ERROR: Parse error near '&'"),
    ("'a' | 'b'", "syntax error, unexpected T_ERROR: Parse error near '|'"),
    ('a == b', "syntax error, unexpected T_OP_STR_EQ, expecting '('"),
    ("%{HTTP_HOST} == 'a' &&", 'syntax error, unexpected $end'),
    ('&& true', 'syntax error, unexpected T_OP_AND'),
    ('%{HTTP_HOST}', 'syntax error, unexpected $end'),
    ("'abc'", 'syntax error, unexpected $end'),
    ('$1', 'syntax error, unexpected $end'),
    ("$1 == 'a'", 'OK'),
    ("$a == 'b'", "Parse error near '$'"),
    ("%{} == 'a'", 'syntax error, unexpected T_VAR_END, expecting T_ID'),
    ("%{ HTTP_HOST} == 'a'", "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ("%{HTTP-HOST} == 'a'", "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '-'"),
    ("%{HTTP_HOST:} == 'a'", 'syntax error, unexpected T_VAR_END, expecting T_ERROR or T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN'),
    ("%{req:} == 'a'", 'syntax error, unexpected T_VAR_END, expecting T_ERROR or T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN'),
    ("%{req:Host:x} == 'a'", 'OK'),
    ("'\\9' == 'a'", 'Bad escape sequence'),
    ("'a\\9' == 'a'", 'Bad escape sequence'),
    ("%{HTTP_HOST} == 'a\\9'", 'Bad escape sequence'),
    ("%{HTTP_HOST} == 'a\\777'", 'Escape sequence out of bound'),
    ("%{HTTP_HOST} == 'a\\377'", 'OK'),
    ("%{HTTP_HOST} == 'a\\18'", 'Bad escape sequence'),
    ('\'a\' == "b"', 'OK'),
    ('\'a\' == "b\'', 'Unterminated string or variable'),
    ("'a' == 'b", 'Unterminated string or variable'),
    ('%{HTTP_HOST} =~ /a/x', 'syntax error, unexpected T_ID, expecting $end'),
    ('%{HTTP_HOST} =~ /a/ix', 'syntax error, unexpected T_ID, expecting $end'),
    ('%{HTTP_HOST} =~ /a/i x', 'syntax error, unexpected T_ID, expecting $end'),
    ('%{HTTP_HOST} =~ m/a/', 'OK'),
    ('%{HTTP_HOST} =~ m{a}', 'syntax error, unexpected T_ID, expecting T_REGEX or T_REGEX_I'),
    ('%{HTTP_HOST} =~ m_a_', 'syntax error, unexpected T_ID, expecting T_REGEX or T_REGEX_I'),
    ('%{HTTP_HOST} =~ m_ab', 'syntax error, unexpected T_ID, expecting T_REGEX or T_REGEX_I'),
    ("m_ab == 'x'", "syntax error, unexpected T_OP_STR_EQ, expecting '('"),
    ('%{HTTP_HOST} -ipmatch', 'syntax error, unexpected $end'),
    ('-d %{REQUEST_FILENAME} || -f %{REQUEST_FILENAME}', 'OK'),
    ("-x 'a'", 'OK'),
    ("-U 'a'", 'OK'),
    ("file('/etc/passwd') == 'a'", 'OK'),
    ("filemod('/etc/passwd') == 'a'", "Function 'filemod' does not exist"),
    ("replace('a', 'b', 'c') == 'a'", "syntax error, unexpected ',', expecting T_OP_CONCAT or ')'"),
    ("md5('a') == 'x'", 'OK'),
    ("ldap('a') == 'x'", 'OK'),
    ("%{SSL_PROTOCOL} == 'TLSv1.3'", "Variable 'SSL_PROTOCOL' does not exist"),
    ('%{TIME_HOUR} -gt 12', 'OK'),
    ('%{time_hour} -gt 12', 'OK'),
    ("%{HTTPS} == 'on'", 'OK'),
    ("%{REMOTE_ADDR} -ipmatch '192.168.1.0/24'", 'OK'),
    ("%{REQUEST_METHOD} in { 'GET', 'HEAD' }", 'OK'),
    ("true && (false || %{X} == 'y')", "Variable 'X' does not exist"),
    ("(%{X} == 'y') && (%{Y} == 'z')", "Variable 'Y' does not exist"),
    ('#', "Parse error near '#'"),
    ("'a' == 'b' #", "syntax error, unexpected T_ERROR, expecting $end: Parse error near '#'"),
    ("1.2.3.4 == 'a'", 'OK'),
    ("'a'.'b' == 'ab'", 'OK'),
    ('-1', 'syntax error, unexpected $end'),
    ('-', "Parse error near '-'"),
    ("-- 'a'", "Parse error near '-'"),
    ("- 'a'", "Parse error near '-'"),
    ("_x == 'a'", "Parse error near '_'"),
    ('%{REQUEST_URI} =~ /\\.php$/ && -f %{REQUEST_FILENAME}', 'OK'),
    ('-T . -3 . req(%{REQUEST_URI})', 'syntax error, unexpected T_OP_CONCAT'),
    ('1 ! /a(b)?/', 'syntax error, unexpected T_OP_NOT'),
    ('-d %{HTTP_HOST} && ((%{req:X-Y} <= 42)) (', "syntax error, unexpected '(', expecting $end"),
    ("-T -3 . '' . ''", 'OK'),
    ('-n # %{HTTP_HOST}', "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ('42 !~ =~', 'syntax error, unexpected T_OP_REG, expecting T_REGEX or T_REGEX_I'),
    ('%{REQUEST_URI} -fnmatch $1', 'OK'),
    ('%{QUERY_STRING} =~ !~ /a(b)?/', 'syntax error, unexpected T_OP_NRE, expecting T_REGEX or T_REGEX_I'),
    ('-n %{QUERY_STRING} . %{req:X-Y}', 'OK'),
    ('-d -3 . req(1) . . req("q") . 42', 'syntax error, unexpected T_OP_CONCAT'),
    ('=~ -n %{HTTP_HOST}', 'syntax error, unexpected T_OP_REG'),
    (': !-f 42', "syntax error, unexpected ':'"),
    ("%{QUERY_STRING} {'a', -3 . -3}", "syntax error, unexpected '{'"),
    ("$0 != '%{HTTP_HOST}z' {", "syntax error, unexpected '{', expecting $end"),
    ('-T %{req:X-Y} . escape($0) { %{req:X-Y} . $1', "syntax error, unexpected '{', expecting $end"),
    ("'a$1' , m#x#i", "syntax error, unexpected ','"),
    ('%{HTTP_HOST} ! -3', 'syntax error, unexpected T_OP_NOT'),
    ('# %{tolower:%{HTTP_HOST}}', "Parse error near '#'"),
    ("-z 'a' /z/ . %{tolower:%{HTTP_HOST}}", 'syntax error, unexpected T_REGEX, expecting $end'),
    ("toupper('a$1') -fnmatch req('a$1') %{HTTP_HOST}", 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ('escape("q") -eq "q"', 'OK'),
    ('!-d 1 . } %{REQUEST_URI}', "syntax error, unexpected '}'"),
    ("42 -strmatch %{HTTP_HOST} . -n 'a$1' && -T %{req:X-Y} . %{QUERY_STRING}", 'syntax error, unexpected T_OP_UNARY'),
    ("(-d toupper('a')) || ! . 'a$1' -in {'a'}", 'syntax error, unexpected T_OP_CONCAT'),
    ('-T 1', 'OK'),
    ('lt $0', 'syntax error, unexpected T_OP_LT'),
    (': -T %{QUERY_STRING}', "syntax error, unexpected ':'"),
    ('false true', 'syntax error, unexpected T_TRUE, expecting $end'),
    ('%{HTTP_HOST} =~ /a(b)?/ %{ && $0 . %{tolower:%{HTTP_HOST}} =~ m#x#i', 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ("== . 'a' !~ /a(b)?/", 'syntax error, unexpected T_OP_STR_EQ'),
    ('!%{HTTP_HOST} 1', 'syntax error, unexpected T_DIGIT'),
    ('-ne $0', 'syntax error, unexpected T_OP_NE'),
    ('!toupper($1) -in {toupper(%{req:X-Y}), %{tolower:%{HTTP_HOST}} %{ 1, $0}', "syntax error, unexpected T_VAR_BEGIN, expecting '}' or ','"),
    ("!escape('%{HTTP_HOST}z') . y' <= $1", "syntax error, unexpected T_STR_BEGIN, expecting '('"),
    ('!-3 . %{tolower:%{HTTP_HOST}} 42 . $1', 'syntax error, unexpected T_DIGIT'),
    ("%{REQUEST_URI} -fnmatch md5(escape('x %{ y') . '%{HTTP_HOST}z')", "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('%{tolower:%{HTTP_HOST}} -in', "syntax error, unexpected $end, expecting T_ID or '{'"),
    ("42 . %{QUERY_STRING} {tolower('a$1')} || $0 > tolower(%{req:X-Y})", "syntax error, unexpected '{'"),
    ('!(%{req:X-Y} lt md5(%{req:X-Y})) && == !-n $0', 'syntax error, unexpected T_OP_STR_EQ'),
    ('-d # escape("q")', "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ('\'a\' . %{req:X-Y} ! $1 != 42 . "q" . req(1)', 'syntax error, unexpected T_OP_NOT'),
    ("-3 true 42 -gt 1 . %{REQUEST_URI} && (%{tolower:%{HTTP_HOST}} -ne escape(%{REQUEST_URI})) && 'a' -in {$1} && %{REQUEST_URI} -in {$1}", 'syntax error, unexpected T_TRUE'),
    ("42 -in {'x y'}", 'OK'),
    ("%{REQUEST_URI} -le $0 . '' . %{HTTP_HOST}", 'OK'),
    ('-n -3', 'OK'),
    ("%{req:X-Y} <= %{req:X-Y} 'a'", 'syntax error, unexpected T_STR_BEGIN, expecting $end'),
    ("escape(-3 . -3) -in -in ''}", "syntax error, unexpected T_OP_IN, expecting T_ID or '{'"),
    ("'' . escape(tolower('')) . -3 -fnmatch %{QUERY_STRING}", 'OK'),
    ('-in (true)', 'syntax error, unexpected T_OP_IN'),
    ('!!-3 =~ /^\\/y/i && 1 -in %{tolower:%{HTTP_HOST}}, $0}', 'Failed to compile regular expression'),
    ("md5(md5('a')) lt 42 && -n 'a$1' && toupper(-3) =~ /^\\/y/i || tolower('a$1') == %{tolower:%{HTTP_HOST}} && -n 'a' && { true", 'Failed to compile regular expression'),
    ('"q" < && %{QUERY_STRING} . "q" . \'%{HTTP_HOST}z\' . %{req:X-Y}', 'syntax error, unexpected T_OP_AND'),
    ('-bad', 'syntax error, unexpected T_OP_BINARY'),
    ('lt -3 . %{HTTP_HOST} . "q"', 'syntax error, unexpected T_OP_LT'),
    ("'%{HTTP_HOST}z' > =~ 'a'", 'syntax error, unexpected T_OP_REG'),
    ('(true) /z/', 'syntax error, unexpected T_REGEX, expecting $end'),
    (". 'a' -fnmatch %{REQUEST_URI}", 'syntax error, unexpected T_OP_CONCAT'),
    ('"q" . == req(%{QUERY_STRING}) . \'%{HTTP_HOST}z\' -ne %{HTTP_HOST}', 'syntax error, unexpected T_OP_STR_EQ'),
    ("true 'q'", 'syntax error, unexpected T_STR_BEGIN, expecting $end'),
    ("&& '' =~ /a(b)?/", 'syntax error, unexpected T_OP_AND'),
    ('\'a$1\' lt 42 || -3 !~ /^\\/y/i %{ 1 -le \'%{HTTP_HOST}z\' || \'%{HTTP_HOST}z\' == "q"', 'Failed to compile regular expression'),
    ("%{req:X-Y} . 1 . 'a$1' < '%{HTTP_HOST}z' ! 'a'", 'syntax error, unexpected T_OP_NOT, expecting $end'),
    ('-n %{REQUEST_URI} /z/', 'syntax error, unexpected T_REGEX, expecting $end'),
    ("'' . %{QUERY_STRING} . 'q' =~ m#x#i", 'OK'),
    ('!(!$1 !~ /a(b)?/) .', 'syntax error, unexpected T_OP_CONCAT, expecting $end'),
    ('"q" $0', 'syntax error, unexpected T_REGEX_BACKREF'),
    ("1 ( -eq 'x y' . -3 . md5(%{REQUEST_URI})", "syntax error, unexpected '('"),
    ('$0 . 1 -ne $0 true . escape($0)', 'syntax error, unexpected T_TRUE, expecting $end'),
    ("(42 md5(tolower(%{HTTP_HOST}))) && 42 == toupper('a')", 'syntax error, unexpected T_ID'),
    ('$0 . -3 != , && (42 -fnmatch 42)', "syntax error, unexpected ','"),
    ("'' . 'a' . 1 != '%{HTTP_HOST}z' . %{req:X-Y} . . 1", 'syntax error, unexpected T_OP_CONCAT'),
    ('(("q" -in {$0, 42}))', 'OK'),
    ("!toupper(toupper(1)) -lt %{HTTP_HOST} || -T '' || ('a$1' -lt", 'syntax error, unexpected $end'),
    ('!%{REQUEST_URI} -lt tolower(-3) . }', "syntax error, unexpected '}'"),
    ('tolower(tolower(1)) %{req:X-Y} . $1 . %{QUERY_STRING} -strcmatch "q" . 42 . %{QUERY_STRING}', 'syntax error, unexpected T_VAR_BEGIN'),
    ('! !-d "q" || \'x y\' -in {toupper(tolower(%{REQUEST_URI})), toupper($1)}', 'OK'),
    ('%{REQUEST_URI})', "syntax error, unexpected ')'"),
    ('%{REQUEST_URI} < %{FOO} %{req:X-Y}', "syntax error, unexpected T_VAR_BEGIN, expecting $end: Variable 'FOO' does not exist"),
    ('!1 == $1 req(req($0))', 'syntax error, unexpected T_ID, expecting $end'),
    ('-d &&', 'syntax error, unexpected T_OP_AND'),
    ("('%{HTTP_HOST}z' -in {md5(-3), 1}) && %{tolower:%{HTTP_HOST}} < && false", 'syntax error, unexpected T_OP_AND'),
    ('true -n', 'syntax error, unexpected T_OP_UNARY, expecting $end'),
    ('(-n %{req:X-Y} .', 'syntax error, unexpected $end'),
    ('-3 ( !~ /a(b)?/', "syntax error, unexpected '('"),
    ('"q" -ge ==', 'syntax error, unexpected T_OP_STR_EQ'),
    ('1 -gt : 42', "syntax error, unexpected ':'"),
    ("%{REQUEST_URI} -strcmatch toupper('a$1') . %{HTTP_HOST} && ''", 'syntax error, unexpected $end'),
    ("tolower( 'a'", "syntax error, unexpected $end, expecting T_OP_CONCAT or ')'"),
    ("'%{HTTP_HOST}z' . 'a$1' . ) 'a' =~ /^\\/y/i", "syntax error, unexpected ')'"),
    ('\'q\' -in {$0, req(42), 42} && "q" < %{HTTP_HOST} || -T $1', 'OK'),
    ('"q" >= \'a\' {', "syntax error, unexpected '{', expecting $end"),
    ("'a$1' . > $0", 'syntax error, unexpected T_OP_STR_GT'),
    ("'a' true escape('a') || -n 42 || toupper($1) -lt $0", 'syntax error, unexpected T_TRUE'),
    ('!%{QUERY_STRING} . == md5(%{QUERY_STRING}) -ne %{req:X-Y}', 'syntax error, unexpected T_OP_STR_EQ'),
    (") -f '%{HTTP_HOST}z'", "syntax error, unexpected ')'"),
    ('$1 -in {1 . . %{req:X-Y}}', 'syntax error, unexpected T_OP_CONCAT'),
    ("%{ 'a$1'", "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('%{tolower:%{HTTP_HOST}} . %{REQUEST_URI} -fnmatch', 'syntax error, unexpected $end'),
    ("true && false || <= 'x y'", 'syntax error, unexpected T_OP_STR_LE'),
    ('$0 -le true', 'syntax error, unexpected T_TRUE'),
    ('!$1 !~ /a(b)?/', 'OK'),
    ('!escape(42) "q"', 'syntax error, unexpected T_STR_BEGIN'),
    ('-d %{ $0', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('-f %{tolower:%{HTTP_HOST}} && !$0 lt', 'syntax error, unexpected $end'),
    ("%{QUERY_STRING} . 1 . %{HTTP_HOST} -n %{QUERY_STRING} . 42 . 'a$1' . 'a$1'", 'syntax error, unexpected T_OP_UNARY'),
    ("tolower('a') && 1 !~ m#x#i", 'syntax error, unexpected T_OP_AND'),
    ('/z/ true', 'syntax error, unexpected T_REGEX'),
    ("%{REQUEST_URI} && '%{HTTP_HOST}z' -eq %{HTTP_HOST}", 'syntax error, unexpected T_OP_AND'),
    ('-T %{tolower:%{HTTP_HOST}} . -3 . %{REQUEST_URI}', 'OK'),
    ('-n %{HTTP_HOST}', 'OK'),
    ('%{REQUEST_URI} -ge "q" . %{REQUEST_URI} || \'a$1\' . \'\' # m#x#i', "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ("} tolower($1 . '%{HTTP_HOST}z') -in {$0, 'a$1' . %{REQUEST_URI} . $1 . 'x y'}", "syntax error, unexpected '}'"),
    ("$1 >= . 'a$1' . $1", 'syntax error, unexpected T_OP_CONCAT'),
    ("-3 '%{HTTP_HOST}z'", 'syntax error, unexpected T_STR_BEGIN'),
    ('false && %{REQUEST_URI} -gt 42 || false', 'OK'),
    ("('x y' -eq 'a$1' -f escape(42) && !42 !~ /a(b)?/)", "syntax error, unexpected T_OP_UNARY, expecting T_OP_OR or T_OP_AND or ')'"),
    ('$1 -in {%{HTTP_HOST} ) . 1, 1}', "syntax error, unexpected ')', expecting '}' or ','"),
    ('(-T true . %{HTTP_HOST})', 'syntax error, unexpected T_TRUE'),
    ("-3 -eq %{HTTP_HOST} && 'x y' > $0 || %{tolower:%{HTTP_HOST}} <= 'a$1' && -n , %{tolower:%{HTTP_HOST}}", "syntax error, unexpected ','"),
    ('%{REQUEST_URI} lt \'\' ! . escape(md5(md5("q")))', 'syntax error, unexpected T_OP_NOT, expecting $end'),
    ('!', 'syntax error, unexpected $end'),
    ('42 -le -3', 'OK'),
    ("'a$1' -gt '%{HTTP_HOST}z' true", 'syntax error, unexpected T_TRUE, expecting $end'),
    ('!%{req:X-Y} -strcmatch $0 && %{REQUEST_URI} -strcmatch %{REQUEST_URI}', 'OK'),
    ('%{REQUEST_URI} == 1 || -n tolower(1) && 1 < true', 'syntax error, unexpected T_TRUE'),
    ('%{REQUEST_URI} !~ -in /a(b)?/', 'syntax error, unexpected T_OP_IN, expecting T_REGEX or T_REGEX_I'),
    ('(-T $0) && -d || %{req:X-Y} && !false', 'syntax error, unexpected T_OP_OR'),
    ("42 . 'x y' -fnmatch 42 %{tolower:%{HTTP_HOST}} . 'x y'", 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ('escape(42)', 'syntax error, unexpected $end'),
    ("1 . . $0 . 'a$1' !~ /a(b)?/", 'syntax error, unexpected T_OP_CONCAT'),
    ("$0 -in {%{tolower:%{HTTP_HOST}}} || 1 >= '' || $1 -in {42, -3} || %{HTTP_HOST}", 'syntax error, unexpected $end'),
    ('!-d md5(%{req:X-Y}) .', 'syntax error, unexpected $end'),
    ('%{HTTP_HOST} -fnmatch %{', 'syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable'),
    ("%{REQUEST_URI} req('a$1' . toupper(%{HTTP_HOST}))", 'syntax error, unexpected T_ID'),
    ('-T', 'syntax error, unexpected $end'),
    ("&& md5('') . tolower(tolower($0)) . '' eq $0 . 'a' . $1", 'syntax error, unexpected T_OP_AND'),
    ('!$0 -in {$0,', 'syntax error, unexpected $end'),
    ("42 =~ m#x#i || $1 -eq # %{REQUEST_URI} || 'x y' <= $1 && true", "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ("'a' . 1 . 'x y' : -eq $0 . 'x y'", "syntax error, unexpected ':'"),
    ('\'\' == 1 && -3 -eq \'x y\' && "q" eq %{HTTP_HOST} && tolower(-3) \'%{HTTP_HOST}z\' -gt %{QUERY_STRING}', 'syntax error, unexpected T_STR_BEGIN'),
    ("('x y' lt %{QUERY_STRING}) || -in -in {'x y', $0, req(-3)} || 'x y' < $1 || -d '%{HTTP_HOST}z' . %{REQUEST_URI}", 'syntax error, unexpected T_OP_IN'),
    ('"q" -ge md5(%{REQUEST_URI}) . && . tolower($1)', 'syntax error, unexpected T_OP_AND'),
    ('"q" -in {%{HTTP_HOST}, tolower(', 'syntax error, unexpected $end'),
    ("# %{REQUEST_URI} =~ /^\\/y/i && false || 'a' -strcmatch 'a$1'", "Parse error near '#'"),
    ("%{REQUEST_URI} . tolower(%{REQUEST_URI}) . %{req:X-Y} <= %{QUERY_STRING} . tolower('') 'x y'", 'syntax error, unexpected T_STR_BEGIN, expecting $end'),
    ('1 =~', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ('escape(%{REQUEST_URI}) { . -3 . -3 !~ /a(b)?/', "syntax error, unexpected '{'"),
    ('%{tolower:%{HTTP_HOST}} -in -strcmatch toupper($0)', "syntax error, unexpected T_OP_BINARY, expecting T_ID or '{'"),
    ("42 . 'a' . $1 . 42 -eq %{req:X-Y}", 'OK'),
    ('($0 } -strcmatch $1)', "syntax error, unexpected '}'"),
    ('(%{QUERY_STRING} -ge $1 . 1)', 'OK'),
    ('== -in {1, \'\' . "q"} || -T $0 || !$1 =~ /^\\/y/i', 'syntax error, unexpected T_OP_STR_EQ'),
    ("-T 1 && 'a$1' -gt %{HTTP_HOST} || '%{HTTP_HOST}z' !~ /a(b)?/ ,", "syntax error, unexpected ',', expecting $end"),
    ("$1 /z/ 'x y' . req('a$1') -strmatch toupper(toupper(toupper('a')) . -3)", 'syntax error, unexpected T_REGEX'),
    ("-f $1 { ''", "syntax error, unexpected '{', expecting $end"),
    ("1 . 'a$1' . tolower($1) -lt $1", 'OK'),
    ('%{ (false)', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ("%{QUERY_STRING} < '' .", 'syntax error, unexpected $end'),
    ("=~ %{tolower:%{HTTP_HOST}} -strmatch '%{HTTP_HOST}z'", 'syntax error, unexpected T_OP_REG'),
    ("%{HTTP_HOST} . -3 . -3 -in {1, 42 . . $1, -3 . escape('a')}", 'syntax error, unexpected T_OP_CONCAT'),
    ("'a$1' . 1 . '%{HTTP_HOST}z' < %{REQUEST_URI} . %{QUERY_STRING} $1 . escape($1)", 'syntax error, unexpected T_REGEX_BACKREF, expecting $end'),
    ('%{req:X-Y} . -bad %{REQUEST_URI} !~ m#x#i', 'syntax error, unexpected T_OP_BINARY'),
    ('42 =~ m#x#i || %{req:X-Y} -ge toupper(42) || %{HTTP_HOST} > "q" && $1 . -3 -in {%{HTTP_HOST}, toupper(%{REQUEST_URI}), \'a$1\'} =~', 'syntax error, unexpected T_OP_REG, expecting $end'),
    ('%{tolower:%{HTTP_HOST}} =~', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ('|| . %{tolower:%{HTTP_HOST}} >= 1 . 1', 'syntax error, unexpected T_OP_OR'),
    ("%{HTTP_HOST} > $1 . '%{HTTP_HOST}z'", 'OK'),
    ('=~ -le 42', 'syntax error, unexpected T_OP_REG'),
    ('. 42 > -3', 'syntax error, unexpected T_OP_CONCAT'),
    ("%{REQUEST_URI} -le 'a' /z/", 'syntax error, unexpected T_REGEX, expecting $end'),
    ('toupper($0 . -3) =~ /a(b)?/', 'OK'),
    ("(('%{HTTP_HOST}z' lt -3)) && 'a' . '%{HTTP_HOST}z' -ne 42", 'OK'),
    ("-f $1 . tolower('a$1') . %{tolower:%{HTTP_HOST}}", 'OK'),
    ('42 . -bad . "q" eq 42', 'syntax error, unexpected T_OP_BINARY'),
    ('"q" . %{QUERY_STRING} -ge $1 . %{REQUEST_URI} && $0 =~ /a(b)?/', 'OK'),
    ("-3 -fnmatch 'a' . $0 || $1 -in {req(42)} || 'a' !~", 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ('!-z', 'syntax error, unexpected $end'),
    ('$0 . %{tolower:%{HTTP_HOST}} -lt %{QUERY_STRING} || -T %{tolower:%{HTTP_HOST}} . $0', 'OK'),
    ("$0 . 1 . %{tolower:%{HTTP_HOST}} . %{tolower:%{HTTP_HOST}} -in {'' . -3 . 'a'}", 'OK'),
    ('!-T %{REQUEST_URI} true', 'syntax error, unexpected T_TRUE, expecting $end'),
    ('-n %{REQUEST_URI}', 'OK'),
    ("&& ('a$1' <= 'a$1' . %{tolower:%{HTTP_HOST}})", 'syntax error, unexpected T_OP_AND'),
    ('%{tolower:%{HTTP_HOST}} $1 . %{req:X-Y} !~ /a(b)?/', 'syntax error, unexpected T_REGEX_BACKREF'),
    ('true %{HTTP_HOST}', 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ('(-3 -in {tolower(%{req:X-Y})})', 'OK'),
    ("&& . '' . $1 -strcmatch 'a' . -3", 'syntax error, unexpected T_OP_AND'),
    ('42 . "q" . \'a\' <= 1 . toupper(\'\') \'x y\'', 'syntax error, unexpected T_STR_BEGIN, expecting $end'),
    ('-f -bad', 'syntax error, unexpected T_OP_BINARY'),
    ("'' . 42 -strcmatch", 'syntax error, unexpected $end'),
    ('-n -strcmatch %{QUERY_STRING}', 'syntax error, unexpected T_OP_BINARY'),
    ('%{QUERY_STRING} . \'a$1\' . $0 > "q"', 'OK'),
    ("{ -in {'a', -3 . 'x y', ''} || 42 -ge '%{HTTP_HOST}z'", "syntax error, unexpected '{'"),
    ('"q" ! %{tolower:%{HTTP_HOST}} . %{QUERY_STRING}', 'syntax error, unexpected T_OP_NOT'),
    ('$1 . tolower(1) -le -3', 'OK'),
    ('-d tolower(1)', 'OK'),
    ("false || escape(%{req:X-Y}) . %{req:X-Y} >= %{req:X-Y} . tolower('a$1') ||", 'syntax error, unexpected $end'),
    (': -eq $1', "syntax error, unexpected ':'"),
    (': !~ m#x#i && (%{req:X-Y} == $1)', "syntax error, unexpected ':'"),
    ('"q" -gt \'x y\' . $1 . , %{req:X-Y} . $0', "syntax error, unexpected ','"),
    ("'' !~ /a(b)?/ =~", 'syntax error, unexpected T_OP_REG, expecting $end'),
    ("%{REQUEST_URI} > y' . $1 . %{REQUEST_URI} . $0", "syntax error, unexpected T_STR_BEGIN, expecting '('"),
    ("%{REQUEST_URI} . 'a' =~ m#x#i", 'OK'),
    ('!%{REQUEST_URI} -fnmatch 42 || 42 -ge %{tolower:%{HTTP_HOST}} && %{req:X-Y} -ne %{tolower:%{HTTP_HOST}} &&', 'syntax error, unexpected $end'),
    ('"q" !~', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ("'%{HTTP_HOST}z' . 'a$1' . '' . 42 -lt /z/", 'syntax error, unexpected T_REGEX'),
    (',', "syntax error, unexpected ','"),
    ('-T %{QUERY_STRING} . 42 . req("q") . %{QUERY_STRING}', 'OK'),
    ('!escape(escape($1)) && %{QUERY_STRING} || -n req(42)', 'syntax error, unexpected T_OP_AND'),
    ('!-n 1 && -in {-3, %{REQUEST_URI}} || 1 -eq %{REQUEST_URI} && -3 -lt "q" . toupper(1)', 'syntax error, unexpected T_OP_IN'),
    ("%{QUERY_STRING} . 'a' -ge 'x y' && req(%{REQUEST_URI}) tolower( 1", 'syntax error, unexpected T_ID'),
    ("'' -ge 1 . 'a$1' . ||", 'syntax error, unexpected T_OP_OR'),
    ('-z $0 . # . %{tolower:%{HTTP_HOST}}', "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ('1 . %{req:X-Y} . md5(%{REQUEST_URI}) . >= %{REQUEST_URI}', 'syntax error, unexpected T_OP_STR_GE'),
    ('$1 escape(%{req:X-Y})', 'syntax error, unexpected T_ID'),
    ('# -n %{req:X-Y}', "Parse error near '#'"),
    ('(!-3 -le 1 || %{REQUEST_URI} -in', "syntax error, unexpected $end, expecting T_ID or '{'"),
    ('%{FOO} %{QUERY_STRING} -fnmatch 42', "syntax error, unexpected T_VAR_BEGIN: Variable 'FOO' does not exist"),
    ("-T '%{HTTP_HOST}z'", 'OK'),
    ("'a' . toupper(escape($1)) . %{REQUEST_URI} true lt %{tolower:%{HTTP_HOST}}", 'syntax error, unexpected T_TRUE'),
    ('md5("q") != 42 . . $0', 'syntax error, unexpected T_OP_CONCAT'),
    ('toupper(%{req:X-Y}) $0 . $0 -in {%{req:X-Y} . -3 . $0, 1}', 'syntax error, unexpected T_REGEX_BACKREF'),
    ("-n . 42 . '%{HTTP_HOST}z'", 'syntax error, unexpected T_OP_CONCAT'),
    ("1 =~ m#x#i || tolower(-3) -in {'x y', escape(%{REQUEST_URI}), ''} && 42 !~ -bad m#x#i && req(%{req:X-Y}) -ge %{REQUEST_URI} || 'x y' >= %{HTTP_HOST}", 'syntax error, unexpected T_OP_BINARY, expecting T_REGEX or T_REGEX_I'),
    ('%{FOO} . 1 -fnmatch %{REQUEST_URI}', "Variable 'FOO' does not exist"),
    ("42 -in {'%{HTTP_HOST}z', %{REQUEST_URI} 'x y', escape(%{HTTP_HOST})}", "syntax error, unexpected T_STR_BEGIN, expecting '}' or ','"),
    ('!-3 -in {%{REQUEST_URI}, %{req:X-Y}, -in 1}', 'syntax error, unexpected T_OP_IN'),
    ("!%{REQUEST_URI} . %{HTTP_HOST} -strmatch 'x y'", 'OK'),
    ("-d -3 -n . 'x y' && '' -fnmatch toupper(%{REQUEST_URI})", 'syntax error, unexpected T_OP_UNARY, expecting $end'),
    ("( '%{HTTP_HOST}z' -ge $0", "syntax error, unexpected $end, expecting T_OP_OR or T_OP_AND or ')'"),
    ("toupper(toupper($0)) . '%{HTTP_HOST}z' !~ 'q' /^\\/y/i", 'syntax error, unexpected T_STR_BEGIN, expecting T_REGEX or T_REGEX_I'),
    ("'a$1' . req(1) . -strcmatch $0", 'syntax error, unexpected T_OP_BINARY'),
    ("!(tolower(-3) -ne $0) && (md5(tolower(tolower(''))) == %{QUERY_STRING}) %{FOO} || -n 'a$1'", 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ("!'%{HTTP_HOST}z' !~", 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I'),
    ("42 . %{FOO} %{QUERY_STRING} . 42 -lt -3 . tolower('a') . $0", "syntax error, unexpected T_VAR_BEGIN: Variable 'FOO' does not exist"),
    ("escape(%{QUERY_STRING} . req(%{REQUEST_URI})) -fnmatch escape($0) true '' . 1", 'syntax error, unexpected T_TRUE, expecting $end'),
    ('"q" -in {-3, . %{req:X-Y} . \'\', 1 . \'%{HTTP_HOST}z\' . -3 . %{QUERY_STRING}}', 'syntax error, unexpected T_OP_CONCAT'),
    ('-f $0', 'OK'),
    ('!~ /^\\/y/i', 'syntax error, unexpected T_OP_NRE'),
    ('} -z %{tolower:%{HTTP_HOST}}', "syntax error, unexpected '}'"),
    ("'a' 'a' . %{REQUEST_URI} -eq $1", 'syntax error, unexpected T_STR_BEGIN'),
    ('%{ =~ m#x#i', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('"q" \'\'', 'syntax error, unexpected T_STR_BEGIN'),
    ('"q" -in {1, req(%{tolower:%{HTTP_HOST}} . req(%{REQUEST_URI}))}', 'OK'),
    ('-z escape(%{QUERY_STRING}) (true)', "syntax error, unexpected '(', expecting $end"),
    ("($0 >= %{REQUEST_URI} && (-3 ''))", 'syntax error, unexpected T_STR_BEGIN'),
    ('!-f md5(-3) && $0 -fnmatch || $1 -gt %{QUERY_STRING}', 'syntax error, unexpected T_OP_OR'),
    ('true %{FOO}', 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ('$1 =~ :', "syntax error, unexpected ':', expecting T_REGEX or T_REGEX_I"),
    ("'x y'", 'syntax error, unexpected $end'),
    ("'x y' . -3 . escape(%{req:X-Y}) . 'a$1' # -3 . 42", "syntax error, unexpected T_ERROR: Parse error near '#'"),
    ('"q" /z/ \'a$1\'', 'syntax error, unexpected T_REGEX'),
    ('toupper("q" . %{req:X-Y}) -in /z/ {-3 . %{tolower:%{HTTP_HOST}} . 42, -3, md5($1)}', "syntax error, unexpected T_REGEX, expecting T_ID or '{'"),
    ("-d 'x y' ||", 'syntax error, unexpected $end'),
    ('"q" . $0 . -3 -n -strcmatch \'a$1\'', 'syntax error, unexpected T_OP_UNARY'),
    ('-3 !~ /a(b)?/', 'OK'),
    ("1 . '' -eq 'a' %{req:X-Y}", 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ("!%{HTTP_HOST} -strmatch 'x y' && !-3 %{FOO} toupper(42)", 'syntax error, unexpected T_VAR_BEGIN'),
    ('== true', 'syntax error, unexpected T_OP_STR_EQ'),
    ('(\'a\' . %{ "q" -strmatch toupper(\'a\'))', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ("('a$1' -fnmatch", 'syntax error, unexpected $end'),
    ('!$1 -lt , $0', "syntax error, unexpected ','"),
    ("not %{tolower:'a'} != < 'x -eq", 'JAM'),
    ("$1 -z && -foo } 'a' -n", 'syntax error, unexpected T_OP_UNARY'),
    ('%{FOO} %{HTTP_HOST} \'\' -q %{req:"} -lt !', "syntax error, unexpected T_VAR_BEGIN: Variable 'FOO' does not exist"),
    ('%{HTTP_HOST} %{HTTP_HOST}', 'syntax error, unexpected T_VAR_BEGIN'),
    ("tolower('x') not", 'syntax error, unexpected T_OP_NOT'),
    ('%{req:"} \'\'', 'JAM'),
    (', ! 1', "syntax error, unexpected ','"),
    ('-strmatch -1 /a/', 'syntax error, unexpected T_OP_BINARY'),
    ("-eq -R '10.0.0.1' )", 'syntax error, unexpected T_OP_EQ'),
    ("-lt in and 'a' } true", 'syntax error, unexpected T_OP_LT'),
    ("foo PeerExtList('x') # -R &&", "syntax error, unexpected T_ID, expecting '('"),
    ("/a/ %{tolower:'a'} -d } -strmatch", 'syntax error, unexpected T_REGEX'),
    ('. m#b#i %{HTTP_HOST}', 'syntax error, unexpected T_OP_CONCAT'),
    ('/a/ -q $1', 'syntax error, unexpected T_REGEX'),
    ('PeerExtList(\'x\') } and %{req:"} -n', "syntax error, unexpected '}': Function 'PeerExtList' does not exist"),
    ('%{FOO} -T', "syntax error, unexpected T_OP_UNARY: Variable 'FOO' does not exist"),
    ('== } %{req:"}', 'syntax error, unexpected T_OP_STR_EQ'),
    ('== /a/ && == -R -q -eq', 'syntax error, unexpected T_OP_STR_EQ'),
    ('!~ && -1 ! -foo }', 'syntax error, unexpected T_OP_NRE'),
    ('-T =~ "b" not', 'syntax error, unexpected T_OP_REG'),
    ('m#b#i -n in', 'syntax error, unexpected T_REGEX_I'),
    ("%{FOO} not tolower('x') %{X", "syntax error, unexpected T_OP_NOT: Variable 'FOO' does not exist"),
    ('1 -foo -n %{req:"} $1 { %{req:x}', 'syntax error, unexpected T_OP_UNARY'),
    ('!= in -lt', 'syntax error, unexpected T_OP_STR_NE'),
    ("( '' <", 'syntax error, unexpected $end'),
    ('%{req:"} !~ {', 'JAM'),
    (': -z -strmatch %{req:"}', "syntax error, unexpected ':'"),
    ("not m#b#i 'x -1", 'syntax error, unexpected T_REGEX_I'),
    ('1 =~ in', 'syntax error, unexpected T_OP_IN, expecting T_REGEX or T_REGEX_I'),
    (') || } -eq', "syntax error, unexpected ')'"),
    ('! tolower /(/', "syntax error, unexpected T_REGEX, expecting '('"),
    ('-ipmatch -d', 'syntax error, unexpected T_OP_BINARY'),
    ("-T != %{tolower:'a'} !~ -foo &&", 'syntax error, unexpected T_OP_STR_NE'),
    ("%{tolower:'a'} %{req:x} !~ , -strmatch -d -q", 'JAM'),
    ("not ) tolower('x') != -eq", "syntax error, unexpected ')'"),
    ("'a' -R !=", 'syntax error, unexpected T_OP_UNARY'),
    ('== true /(/', 'syntax error, unexpected T_OP_STR_EQ'),
    ('&& -z %{FOO} #', 'syntax error, unexpected T_OP_AND'),
    ('-foo %{X %{req:x}', 'syntax error, unexpected T_OP_BINARY'),
    (". true : true 1 || PeerExtList('x')", 'syntax error, unexpected T_OP_CONCAT'),
    (': not', "syntax error, unexpected ':'"),
    ('( : -ipmatch || -R', "syntax error, unexpected ':'"),
    ('-eq', 'syntax error, unexpected T_OP_EQ'),
    ('-q', 'syntax error, unexpected $end'),
    (") -z 'x not", "syntax error, unexpected ')'"),
    ("'a' $1 %{tolower:'a'} 1 'x -1", 'syntax error, unexpected T_REGEX_BACKREF'),
    ("tolower('x') -T", 'syntax error, unexpected T_OP_UNARY'),
    ('-z not', 'syntax error, unexpected T_OP_NOT'),
    ('\'a\' %{req:"} -z tolower && !=', 'syntax error, unexpected T_VAR_BEGIN'),
    ("'x $1 !", 'syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_STR_END or T_VAR_BEGIN: Unterminated string or variable'),
    ('-lt < -n and -ipmatch -foo and', 'syntax error, unexpected T_OP_LT'),
    ("'x -lt", 'Unterminated string or variable'),
    ('foo } !', "syntax error, unexpected '}', expecting '('"),
    ('-d -in', 'syntax error, unexpected T_OP_IN'),
    ("'a' }", "syntax error, unexpected '}'"),
    ('%{req:x} foo', 'syntax error, unexpected T_ID'),
    ('%{req:x} =~ {', "syntax error, unexpected '{', expecting T_REGEX or T_REGEX_I"),
    (': -lt , %{req:x} } in -1', "syntax error, unexpected ':'"),
    ("-foo tolower('x') and ==", 'syntax error, unexpected T_OP_BINARY'),
    ('!~ foo .', 'syntax error, unexpected T_OP_NRE'),
    ('-1 :', "syntax error, unexpected ':'"),
    ('true -z %{req:"}', 'syntax error, unexpected T_OP_UNARY, expecting $end'),
    ('{ -eq', "syntax error, unexpected '{'"),
    ("/(/ foo PeerExtList('x')", 'syntax error, unexpected T_REGEX'),
    ("1 ! !~ -ipmatch 'a' =~", 'syntax error, unexpected T_OP_NOT'),
    ('-1 )', "syntax error, unexpected ')'"),
    ("tolower('x') -lt", 'syntax error, unexpected $end'),
    ('-strmatch', 'syntax error, unexpected T_OP_BINARY'),
    ('-lt -1 -z !', 'syntax error, unexpected T_OP_LT'),
    ("=~ !~ PeerExtList('x')", 'syntax error, unexpected T_OP_REG'),
    (': -d', "syntax error, unexpected ':'"),
    ("-d '10.0.0.1' %{FOO} { { {", 'syntax error, unexpected T_VAR_BEGIN, expecting $end'),
    ('/(/ true -R', 'syntax error, unexpected T_REGEX'),
    ("-d : ! ! tolower('x')", "syntax error, unexpected ':'"),
    ('$1 m#b#i <', 'syntax error, unexpected T_REGEX_I'),
    ('!~ -T %{req:x}', 'syntax error, unexpected T_OP_NRE'),
    ('-1 PeerExtList(\'x\') =~ "b" -foo %{X', 'syntax error, unexpected T_ID'),
    ("!~ in %{X 1 %{req:x} . '10.0.0.1'", 'syntax error, unexpected T_OP_NRE'),
    ("-R !~ 'a' %{tolower:'a'}", 'syntax error, unexpected T_OP_NRE'),
    ("false tolower('x') (", 'syntax error, unexpected T_ID, expecting $end'),
    ('-in %{FOO} =~ 1 1', 'syntax error, unexpected T_OP_IN'),
    ('-T -z -foo -1 -in', 'syntax error, unexpected T_OP_UNARY'),
    ('false &&', 'syntax error, unexpected $end'),
    ('!= -z %{FOO} $1 1', 'syntax error, unexpected T_OP_STR_NE'),
    ("tolower('x') $1 in false ,", 'syntax error, unexpected T_REGEX_BACKREF'),
    ("tolower('x') } < )", "syntax error, unexpected '}'"),
    ("/a/ # || ''", 'syntax error, unexpected T_REGEX'),
    ("'10.0.0.1' $1 )", 'syntax error, unexpected T_REGEX_BACKREF'),
    ('!= || !~', 'syntax error, unexpected T_OP_STR_NE'),
]

STRING_PARSE_CASES = [
    ('plain realm', 'OK'),
    ('realm %{HTTP_HOST}', 'OK'),
    ('%{HTTP_HOST}', 'OK'),
    ('%{FOO}', "Variable 'FOO' does not exist"),
    ('%{FOO} and %{BAR}', "Variable 'BAR' does not exist"),
    ('%{req:Host}', 'OK'),
    ('%{req:%{HTTP_HOST}}', 'OK'),
    ('%{req:a%{HTTP_HOST}b}', 'OK'),
    ('%{req:a', 'Unterminated string or variable'),
    ('%{HTTP_HOST', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"),
    ('%{', 'syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable'),
    ('%', 'OK'),
    ('%x', 'OK'),
    ('100%', 'OK'),
    ('a}b', 'OK'),
    ('$1', 'OK'),
    ('a$1b', 'OK'),
    ('$x', 'OK'),
    ('$', 'OK'),
    ("'quoted'", 'OK'),
    ("it's", 'OK'),
    ('a\\tb', 'OK'),
    ('a\\9', 'Bad escape sequence'),
    ('a\\777', 'Escape sequence out of bound'),
    ('a\\', 'JAM'),
    ('%{tolower:ABC}', 'OK'),
    ('%{unknown:ABC}', "Function 'unknown' does not exist"),
    ("%{req:x'y}", 'JAM'),
    ('%{ldap:x}', 'OK'),
    ('%{HTTP_HOST}%{FOO}', "Variable 'FOO' does not exist"),
    ('%{FOO}%{HTTP_HOST}', "Variable 'FOO' does not exist"),
    ('%{}', 'syntax error, unexpected T_VAR_END, expecting T_ID'),
    ('%{:x}', "syntax error, unexpected ':', expecting T_ID"),
    ('%{ }', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('%{req:x}}', 'OK'),
    ('{}', 'OK'),
    ('%{req:$1}', 'OK'),
    ('%{req:%}', 'OK'),
    ('%{req:a\\}b}', 'OK'),
    ('%{req:a$1b}{%{req:x}', 'OK'),
    ('%{req:%{x$9x', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '$'"),
    ('%{FOO}%{req:%{FOO}}', "Variable 'FOO' does not exist"),
    ('$1b c%a%{HTTP_HOST}', 'OK'),
    ('%{:}%{HTTP_HOST:x}', "syntax error, unexpected ':', expecting T_ID"),
    ('\\n:', 'OK'),
    ("%{' \\n", "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '''"),
    ('{$9x%{:}%{', "syntax error, unexpected ':', expecting T_ID"),
    (':a ', 'OK'),
    ('$a%{tolower:%{HTTP_HOST}}%{req:a$1b}%{req:', 'Unterminated string or variable'),
    ('%{escape:a b}$9x\\\\n', 'OK'),
    ('%{escape:a b}%{:}%{escape:a b}', "syntax error, unexpected ':', expecting T_ID"),
    ('\\t{%{\\\\t', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '\\'"),
    ('%{req:a$1b}%{req:x}', 'OK'),
    ("%{HTTP_HOST}%{req:x}'", 'OK'),
    (' \\n', 'OK'),
    ('\\ta', 'OK'),
    ('{$1}\\t%{req:%{FOO}}', "Variable 'FOO' does not exist"),
    ('$1%{escape:a b}', 'OK'),
    ('%{HTTP_HOST}%{x}}:', "Variable 'x' does not exist"),
    ("%{req:%{FOO}}'%", "Variable 'FOO' does not exist"),
    ('%{req:x}%{req:', 'Unterminated string or variable'),
    ("'b c%{req:", 'Unterminated string or variable'),
    ('{%{req:a$1b}', 'OK'),
    ('b c%{x\\ %{tolower:%{HTTP_HOST}}', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '\\'"),
    ('aa%{FOO}%{req:\\n', 'Unterminated string or variable'),
    ('%{HTTP_HOST:x}%{HTTP_HOST}\\9%{tolower:%{HTTP_HOST}}', 'syntax error, unexpected T_ERROR, expecting $end: Bad escape sequence'),
    ('\\101%{xb c\\%{req:x}', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name ' '"),
    ('%{req:%{FOO}}%{req:x}%{x%{', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '%'"),
    ('%%{req:%{FOO}}%{req:a$1b}%{escape:a b}\\101', "Variable 'FOO' does not exist"),
    ('\\9%{x', 'Bad escape sequence'),
    ('\\101%{escape:a b}\\101\\t', 'OK'),
    ('%{:}}$9x', "syntax error, unexpected ':', expecting T_ID"),
    ('\\n\\t}%{tolower:%{HTTP_HOST}}}', 'OK'),
    ('\\t', 'OK'),
    ('%{escape:a b}$9x%{escape:a b}%{req:\\101', 'Unterminated string or variable'),
    (" '", 'OK'),
    ('\\%{escape:a b}', 'OK'),
    ('ab c', 'OK'),
    ("'\\n}}%{req:%{FOO}}", "Variable 'FOO' does not exist"),
    ('\\t%{tolower:%{HTTP_HOST}}', 'OK'),
    ('%{x\\n%{escape:a b}', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '\\'"),
    ('%{escape:a b}:%\\9', 'syntax error, unexpected T_ERROR, expecting $end: Bad escape sequence'),
    ('%\\t%{:}', "syntax error, unexpected ':', expecting T_ID"),
    ('%{:}%{req:x}\\101b c\\101', "syntax error, unexpected ':', expecting T_ID"),
    ('%{req:$1', 'syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN or T_VAR_END: Unterminated string or variable'),
    ('%{req:\\101', 'Unterminated string or variable'),
    ('\\101%{req:x}%{ \\101', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name ' '"),
    ('}%{$%{HTTP_HOST}\\t', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '$'"),
    ('%{x$9x%{HTTP_HOST}', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '$'"),
    ('%{x%{x', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '%'"),
    ('%{req:a$1b}aa', 'OK'),
    ('$%%{HTTP_HOST:x}%{%{req:x}', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '%'"),
    ("'{%{req:}}", 'syntax error, unexpected T_VAR_END, expecting T_ERROR or T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN'),
    ('a}}} ', 'OK'),
    ('% ', 'OK'),
    ('$1%{escape:a b}%{escape:a b}}}', 'OK'),
    ('\\n%{tolower:%{HTTP_HOST}}$1', 'OK'),
    ("'\\b c%{HTTP_HOST}%{x", "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"),
    ('\\9{\\101\\9', 'Bad escape sequence'),
    ('%{req:x}%{req:a$1b}%{req:x}', 'OK'),
    ('a%{HTTP_HOST:x}', "Function 'HTTP_HOST' does not exist"),
    ('$1$9x%{req:a$1b}', 'OK'),
    ('%{req:%{FOO}}$1}}%{HTTP_HOST}', "Variable 'FOO' does not exist"),
    ('$9x%{x%{escape:a b}%{', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '%'"),
    ('\\\\n', 'OK'),
    ('$1%{HTTP_HOST}', 'OK'),
    ('%{HTTP_HOST}%{%{req:b c%{req:x}', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '%'"),
    ("'%{escape:a b}%{%{req:a$1b}%{req:x}", "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '%'"),
    ('%{FOO}%{req:%{$9x', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '$'"),
    ('\\t\\t%{\\n', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '\\'"),
    ('%{FOO}\\t', "Variable 'FOO' does not exist"),
    ('\\n%{req:%{FOO}}%{escape:a b}}', "Variable 'FOO' does not exist"),
    ('a%{req:a$1b}', 'OK'),
    ('%%{req:%{FOO}}%%{HTTP_HOST:x}', "Function 'HTTP_HOST' does not exist"),
    ('%{req:%{FOO}}%{HTTP_HOST}', "Variable 'FOO' does not exist"),
    ('\\n%{:}}', "syntax error, unexpected ':', expecting T_ID"),
    ('%{req:x}a%{tolower:%{HTTP_HOST}} }', 'OK'),
    ("%{HTTP_HOST:x}%{x'", "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '''"),
    ('}{%{FOO}', "Variable 'FOO' does not exist"),
    ('%{x$9x}', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '$'"),
    ('\\101$9x', 'OK'),
    ('%{escape:a b}a%{req::', 'Unterminated string or variable'),
    ('%{tolower:%{HTTP_HOST}}%{x%', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name '%'"),
    ('}}}$1', 'OK'),
    ('%{req:x}%{req:%{FOO}}}', "Variable 'FOO' does not exist"),
    ('a\\%{req:a$1b}%{:}', "syntax error, unexpected ':', expecting T_ID"),
    ('%{escape:a b}%{req:%{FOO}}}}%{:}', "syntax error, unexpected ':', expecting T_ID: Variable 'FOO' does not exist"),
    ('%{escape:a b}\\101', 'OK'),
    ('%{req:x}', 'OK'),
    ('$9x%{req:%{FOO}}%{:', "syntax error, unexpected ':', expecting T_ID: Variable 'FOO' does not exist"),
    ('%{req:a$1b}$}}%{x', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"),
    (' %{HTTP_HOST:x}', "Function 'HTTP_HOST' does not exist"),
    ('%{tolower:%{HTTP_HOST}}%{req:a$1b}', 'OK'),
    ('%{\\n%{tolower:%{HTTP_HOST}}%{req:a', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '\\'"),
    ('%{req:x}%', 'OK'),
    ('a$1%{req:a$1b}\\101', 'OK'),
    ('$%{b c', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Invalid character in variable name ' '"),
    ("%{req:a$1b}'%{req:a$1b}%{", 'syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable'),
    ('\\t$9x%{req:%{FOO}}%{x', "syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"),
    ('a\\n%{req:%', 'Unterminated string or variable'),
    ('}%{tolower:%{HTTP_HOST}}', 'OK'),
    ('\\9', 'Bad escape sequence'),
    ('%{req:x}: }', 'OK'),
    ('$9x%{req:a$1b}', 'OK'),
    ('%{req:a$1b} ', 'OK'),
    ('$1a', 'OK'),
    ("'a\\t%{HTTP_HOST}:", 'OK'),
    ('%%$', 'OK'),
    ('$1%{:}}%{:}%{req:', "syntax error, unexpected ':', expecting T_ID"),
    ('\\t:', 'OK'),
    ('a%{escape:a b}}', 'OK'),
    ('%{req:%{FOO}}\\101', "Variable 'FOO' does not exist"),
    ('%{escape:a b}\\101{%{tolower:%{HTTP_HOST}}', 'OK'),
    ('\\t%{HTTP_HOST:x}%{HTTP_HOST:x}b c{', "Function 'HTTP_HOST' does not exist"),
    ('\\101}}%{req:%{FOO}}', "Variable 'FOO' does not exist"),
    ('\\t%{req:\\101', 'Unterminated string or variable'),
    ('%{escape:a b}%{req:%{req:a$1b}', 'syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN or T_VAR_END: Unterminated string or variable'),
    ('%{FOO} %{%{HTTP_HOST:x}%{req:a$1b}', "syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '%'"),
]

REGEX_CASES = [
    ('a{111111111111111111}', 'FAIL'),
    ('a{65535}', 'OK'),
    ('a{65536}', 'FAIL'),
    ('a{1,65535}', 'OK'),
    ('a{1,65536}', 'FAIL'),
    ('a{3,2}', 'FAIL'),
    ('a{,3}', 'OK'),
    ('a{1,}', 'OK'),
    ('a{ 1}', 'OK'),
    ('a{1', 'OK'),
    ('x{}', 'OK'),
    ('{1}', 'FAIL'),
    ('*a', 'FAIL'),
    ('a**', 'FAIL'),
    ('a*+', 'OK'),
    ('a++b', 'OK'),
    ('a?+', 'OK'),
    ('a{2}{3}', 'FAIL'),
    ('a{2}+', 'OK'),
    ('(?>ab)c', 'OK'),
    ('(?<n>a)\\k<n>', 'OK'),
    ('(?<n>a)\\k{n}', 'OK'),
    ("(?<n>a)\\k'n'", 'OK'),
    ("(?'n'a)\\g{n}", 'OK'),
    ('(?P<n>a)(?P=n)', 'OK'),
    ('(?<n>a)(?<n>b)', 'OK'),
    ('(a)\\g1', 'OK'),
    ('(a)\\g{-1}', 'OK'),
    ('(a)\\g-1', 'OK'),
    ('(a)\\2', 'FAIL'),
    ('\\1', 'FAIL'),
    ('(a)\\10', 'OK'),
    ('\\8', 'FAIL'),
    ('\\81', 'FAIL'),
    ('\\012', 'OK'),
    ('\\0', 'OK'),
    ('\\x41', 'OK'),
    ('\\x{41}', 'OK'),
    ('\\x{100}', 'FAIL'),
    ('\\x', 'OK'),
    ('\\xZ', 'OK'),
    ('\\o{101}', 'OK'),
    ('\\o{777}', 'FAIL'),
    ('\\cA', 'OK'),
    ('\\c', 'FAIL'),
    ('\\e', 'OK'),
    ('\\h+', 'OK'),
    ('\\H', 'OK'),
    ('\\v', 'OK'),
    ('\\V', 'OK'),
    ('\\R', 'OK'),
    ('\\N', 'OK'),
    ('\\N{U+41}', 'FAIL'),
    ('\\X', 'OK'),
    ('\\C', 'OK'),
    ('\\K', 'OK'),
    ('\\G', 'OK'),
    ('\\z', 'OK'),
    ('\\Z', 'OK'),
    ('\\A', 'OK'),
    ('\\Q.*\\E', 'OK'),
    ('\\Qabc', 'OK'),
    ('\\E', 'OK'),
    ('\\p{L}', 'OK'),
    ('\\p{Lu}', 'OK'),
    ('\\pL', 'OK'),
    ('\\P{N}', 'OK'),
    ('\\p{Xan}', 'OK'),
    ('\\p{Greek}', 'OK'),
    ('\\u0041', 'FAIL'),
    ('\\U', 'FAIL'),
    ('\\l', 'FAIL'),
    ('\\L', 'FAIL'),
    ('\\i', 'FAIL'),
    ('\\y', 'FAIL'),
    ('\\_', 'OK'),
    ('\\-', 'OK'),
    ('\\/', 'OK'),
    ('[[:alpha:]]', 'OK'),
    ('[[:^alpha:]]', 'OK'),
    ('[[:foo:]]', 'FAIL'),
    ('[[:alpha:]-z]', 'FAIL'),
    ('[a-[:alpha:]]', 'FAIL'),
    ('[:alpha:]', 'FAIL'),
    ('[[.a.]]', 'FAIL'),
    ('[[=a=]]', 'FAIL'),
    ('[.a.]', 'FAIL'),
    ('[[:<:]]foo[[:>:]]', 'OK'),
    ('[a-\\d]', 'FAIL'),
    ('[\\d-z]', 'FAIL'),
    ('[z-a]', 'FAIL'),
    ('[]a]', 'OK'),
    ('[^]a]', 'OK'),
    ('[]', 'FAIL'),
    ('[^]', 'FAIL'),
    ('[a-]', 'OK'),
    ('[-a]', 'OK'),
    ('[\\Qa-z\\E]', 'OK'),
    ('[\\b]', 'OK'),
    ('[\\1]', 'OK'),
    ('[\\8]', 'OK'),
    ('[\\R]', 'FAIL'),
    ('[\\N]', 'FAIL'),
    ('[\\w-.]', 'FAIL'),
    ('[a\\-z]', 'OK'),
    ('[\\x{41}-\\x{5a}]', 'OK'),
    ('(?i)a', 'OK'),
    ('a(?i)b', 'OK'),
    ('a(?-i)b', 'OK'),
    ('(?i:a)b', 'OK'),
    ('(?^)a', 'OK'),
    ('(?U)a*', 'UNSUPPORTED'),
    ('(?n)(a)', 'UNSUPPORTED'),
    ('(?J)(?<n>a)(?<n>b)', 'OK'),
    ('(?x) a b # comment', 'OK'),
    ('(?s).', 'OK'),
    ('(?m)^a$', 'OK'),
    ('(?#comment)a', 'OK'),
    ('(?|a|b)', 'UNSUPPORTED'),
    ('(?R)', 'UNSUPPORTED'),
    ('(a(?1))', 'UNSUPPORTED'),
    ('(?&n)', 'FAIL'),
    ('(?P>n)', 'FAIL'),
    ('(?(1)a|b)', 'FAIL'),
    ('(a)?(?(1)b|c)', 'OK'),
    ('(?<n>a)?(?(<n>)b|c)', 'OK'),
    ('(?(?=a)ab|c)', 'UNSUPPORTED'),
    ('(?(DEFINE)a)', 'UNSUPPORTED'),
    ('(*FAIL)', 'OK'),
    ('(*F)', 'OK'),
    ('(*ACCEPT)', 'UNSUPPORTED'),
    ('(*UTF)a', 'OK'),
    ('(*UCP)a', 'UNSUPPORTED'),
    ('(*CRLF)a', 'OK'),
    ('(*LIMIT_MATCH=10)a', 'OK'),
    ('(?<=a|bc)d', 'OK'),
    ('(?<!a|bc)d', 'OK'),
    ('(?<=a+)b', 'FAIL'),
    ('(?<=a{2})b', 'OK'),
    ('(?=a)*', 'OK'),
    ('^*', 'FAIL'),
    ('\\b*', 'FAIL'),
    ('(', 'FAIL'),
    (')', 'FAIL'),
    ('a)', 'FAIL'),
    ('(?', 'FAIL'),
    ('(?:', 'FAIL'),
    ('(?<', 'FAIL'),
    ('(?<1n>a)', 'FAIL'),
    ('[a', 'FAIL'),
    ('\\', 'FAIL'),
    ('a|*', 'FAIL'),
    ('a||b', 'OK'),
    ('|', 'OK'),
    ('$', 'OK'),
    ('.', 'OK'),
    ('\\d+\\.\\d+', 'OK'),
    ('^/(?:index\\.php)?$', 'OK'),
    ('\\.(?:css|js)$', 'OK'),
    ('^(.*)\\.(jpe?g|gif|png)$', 'OK'),
    ('[^/]+', 'OK'),
    ('\\s*;\\s*', 'OK'),
    ('\\p{Latin}', 'OK'),
    ('\\p{latin}', 'OK'),
    ('\\p{Common}', 'OK'),
    ('\\p{Cyrillic}', 'OK'),
    ('\\P{Greek}', 'OK'),
    ('\\p{lu}', 'OK'),
    ('\\p{L_u}', 'OK'),
    ('\\p{Any}', 'OK'),
    ('\\p{L&}', 'OK'),
    ('[\\p{Lu}\\d]', 'OK'),
    ('[\\w-]', 'OK'),
    ('[a-z\\d-]', 'OK'),
    ('(?1)(a)', 'UNSUPPORTED'),
    ('(?2)(a)', 'FAIL'),
    ('(?-1)', 'FAIL'),
    ('(?+1)(a)', 'UNSUPPORTED'),
    ('(?&n)(?<n>a)', 'UNSUPPORTED'),
    ('\\p', 'FAIL'),
    ('\\pZ', 'OK'),
    ('[\\P{L}]', 'OK'),
]

EVAL_CASES = [
    ('s', '%{tolower:AbC}', 'abc'),
    ('s', '%{toupper:AbC}', 'ABC'),
    ('s', '%{escape:a b/c?d&e%f#g}', 'a%20b/c%3fd&e%25f%23g'),
    ('s', '%{unescape:a%20b%2fc%41}', 'a b%2fcA'),
    ('s', '%{unescape:a%zz}', ''),
    ('s', '%{unescape:a%00b}', ''),
    ('s', '%{base64:hello world}', 'aGVsbG8gd29ybGQ='),
    ('s', '%{unbase64:aGVsbG8gd29ybGQ=}', 'hello world'),
    ('s', '%{unbase64:aGVsbG8}', 'hello'),
    ('s', '%{unbase64:aGVsbG8*xx}', 'hello'),
    ('s', '%{md5:abc}', '900150983cd24fb0d6963f7d28e17f72'),
    ('s', '%{sha1:abc}', 'a9993e364706816aba3e25717850c26c9cd0d89d'),
    ('s', '%{ldap:a(b)*c\\\\d,e=f+g<h>;}', 'a\\28b\\29\\2ac\\5cd\\2ce=f\\2bg\\3ch\\3e\\3b'),
    ('s', '%{req:X-Foo}', 'Bar'),
    ('s', '%{http:x-foo}', 'Bar'),
    ('s', '%{req_novary:X-Foo}', 'Bar'),
    ('s', '%{HTTP_USER_AGENT}', 'UA/1.0'),
    ('s', '%{HTTP_COOKIE}', 'a=b'),
    ('s', '%{REQUEST_URI}', '/index.html'),
    ('s', '%{QUERY_STRING}', 'q=1&x=%2F'),
    ('s', '%{REQUEST_METHOD}', 'GET'),
    ('s', '%{SERVER_PROTOCOL}', 'HTTP/1.1'),
    ('s', '%{HTTPS}', 'off'),
    ('s', '%{REQUEST_SCHEME}', 'http'),
    ('s', '%{THE_REQUEST}', 'GET /index.html?q=1&x=%2F HTTP/1.1'),
    ('s', '%{IS_SUBREQ}', 'false'),
    ('s', '%{API_VERSION}', '20120211'),
    ('s', 'pre-%{req:X-Foo}-post', 'pre-Bar-post'),
    ('s', '%{req:X-%{req:X-Foo}}', ''),
    ('s', '%{escape:%{req:X-Path}}', '/a%20b/%2541%252f%25zz'),
    ('s', '%{unescape:%{req:X-Path}}', ''),
    ('s', '%{filesize:{F}}', '12'),
    ('s', '%{filesize:/nonexistent}', '0'),
    ('s', '%{file:{F}}', 'file-content'),
    ('s', '%{osenv:NOPE_NOT_SET}', ''),
    ('s', '%{tolower:%{HTTP_HOST}}', '127.0.0.1:18080'),
    ('b', "%{req:X-Foo} == 'Bar'", True),
    ('b', "%{req:X-Foo} == 'bar'", False),
    ('b', '%{req:X-Num} -eq 42', True),
    ('b', "%{req:X-Num} -eq '042'", True),
    ('b', "%{req:X-Num} == '042'", False),
    ('b', '%{req:X-Num} -gt 100', False),
    ('b', '%{req:X-Num} > 100', True),
    ('b', "'abc' < 'abd'", True),
    ('b', "'10' < '9'", True),
    ('b', '10 -lt 9', False),
    ('b', "'12abc' -eq 12", True),
    ('b', "'  7' -eq 7", True),
    ('b', "'' -eq 0", True),
    ('b', "'-5' -lt -4", True),
    ('b', "'99999999999999999999' -eq '9223372036854775807'", True),
    ('b', '%{req:X-Foo} =~ /^B/', True),
    ('b', '%{req:X-Foo} =~ /^b/', False),
    ('b', '%{req:X-Foo} =~ /^b/i', True),
    ('b', '%{req:X-Foo} !~ /^b/', True),
    ('b', "%{req:X-Foo} =~ /^(B)(a)/ && $1 == 'B' && $2 == 'a'", True),
    ('b', "%{req:X-Foo} =~ /^(B)(a)/ && $0 == 'Ba'", True),
    ('b', "%{req:X-Foo} =~ /^(x)?B/ && $1 == ''", True),
    ('b', "%{req:X-Foo} =~ /(Q)/ || $1 == ''", True),
    ('b', "%{req:X-Foo} =~ /(B)/ && 'zz' =~ /z/ && $1 == 'B'", True),
    ('b', "%{req:X-Foo} =~ /(B)/ && 'zz' =~ /(q)/ || $1 == ''", True),
    ('b', "%{req:X-Foo} -in {'Foo','Bar'}", True),
    ('b', "%{req:X-Foo} -in {'Foo','bar'}", False),
    ('b', "'x' in {'x'}", True),
    ('b', "%{req:X-Ip} -ipmatch '10.0.0.0/8'", True),
    ('b', "%{req:X-Ip} -ipmatch '10.1'", True),
    ('b', "%{req:X-Ip} -ipmatch '10.2.0.0/255.255.0.0'", False),
    ('b', "%{req:X-Ip} -ipmatch '::1'", False),
    ('b', "'::ffff:10.1.2.3' -ipmatch '10.1.2.0/24'", True),
    ('b', "-R '127.0.0.1'", True),
    ('b', "-R '127.0.0.0/8'", True),
    ('b', "-R '10.0.0.0/8'", False),
    ('b', "%{REMOTE_ADDR} -ipmatch '127.0.0.1'", True),
    ('b', "'foo.example.com' -strmatch '*.example.com'", True),
    ('b', "'FOO.example.com' -strmatch 'foo*'", False),
    ('b', "'FOO.example.com' -strcmatch 'foo*'", True),
    ('b', "'a/b' -strmatch 'a*'", True),
    ('b', "'a/b' -fnmatch 'a*'", False),
    ('b', "'a/b' -fnmatch 'a/*'", True),
    ('b', "'a.b' -strmatch 'a?b'", True),
    ('b', "'a[b' -strmatch 'a[b'", True),
    ('b', "'abc' -strmatch '[a-c]bc'", True),
    ('b', "'abc' -strmatch '[!a]bc'", False),
    ('b', "'abc' -strmatch '[^a]bc'", False),
    ('b', "'a*c' -strmatch 'a\\\\*c'", True),
    ('b', "'abc' -strmatch 'a\\\\*c'", False),
    ('b', '-n %{req:X-Foo}', True),
    ('b', '-z %{req:X-None}', True),
    ('b', "-n ''", False),
    ('b', "-T 'off'", False),
    ('b', "-T 'OFF'", False),
    ('b', "-T 'no'", False),
    ('b', "-T '0'", False),
    ('b', "-T '00'", True),
    ('b', "-T 'false'", False),
    ('b', "-T 'fals'", True),
    ('b', "-T 'yes'", True),
    ('b', "-T ''", False),
    ('b', "-d '/tmp'", True),
    ('b', "-d '/etc/passwd'", False),
    ('b', "-f '/etc/passwd'", True),
    ('b', "-e '/nonexistent'", False),
    ('b', "-s '{F}'", True),
    ('b', "-x '/bin/sh'", True),
    ('b', "-L '{L}'", True),
    ('b', "-h '/etc/passwd'", False),
    ('b', '!true', False),
    ('b', '!!true', True),
    ('b', '!(true && false)', True),
    ('b', 'true && false || true', True),
    ('b', 'false || false', False),
    ('b', '!false && !false', True),
    ('b', "1 . 2 == '12'", True),
    ('b', "'a' . %{req:X-Foo} . 'c' == 'aBarc'", True),
    ('b', "md5('abc') == '900150983cd24fb0d6963f7d28e17f72'", True),
    ('b', "tolower('ABC') == 'abc'", True),
    ('b', "req('X-Foo') == 'Bar'", True),
    ('b', '%{TIME_YEAR} -gt 2000', True),
    ('b', "%{SERVER_NAME} == 'localhost'", False),
    ('b', "%{SERVER_PORT} == '18080'", True),
    ('b', '%{CONTENT_TYPE} =~ m#text/html#i', True),
    ('b', '-z %{CONTENT_TYPE}', False),
    ('b', "%{resp:Cache-Control} == 'x'", False),
    ('b', "%{HTTP_HOST} == '127.0.0.1:18080'", True),
    ('b', "%{env:NOPE} == ''", True),
]


# =~ results on the live server (httpd compiles with DOTALL|DOLLAR_ENDONLY by default)
REGEX_MATCH_CASES = [
    ("'foo\\n' =~ /^foo$/", False),
    ("'foo\\n' =~ /^foo\\Z/", True),
    ("'foo\\n' =~ /^foo\\z/", False),
    ("'a\\nb' =~ /^b/", False),
    ("'a\\nb' =~ /a.b/", True),
    ("'a\\rb' =~ /a.b/", True),
    ("'caf\\303\\251' =~ /^caf.$/", False),
    ("'caf\\303\\251' =~ /^caf..$/", True),
    ("'caf\\303\\251' =~ /^\\w+$/", False),
    ("'\\303\\251' =~ /[[:alpha:]]/", False),
    ("'\\240' =~ /\\h/", True),
    ("'\\205' =~ /\\v/", True),
    ("'\\205' =~ /\\s/", False),
    ("'\\013' =~ /\\s/", True),
    ("'ABC' =~ /abc/i", True),
    ("'\\311' =~ /\\351/i", False),
    ("'ab' =~ /a(?i)B/", True),
    ("'aB' =~ /(?i)a(?-i)b/", False),
    ("'x{,3}' =~ /x{,3}/", True),
    ("'xx' =~ /^x{,3}$/", False),
    ("'cd' =~ /(?<=ab|c)d/", True),
    ("'2024-2024' =~ /(?<y>\\d+)-\\k<y>/", True),
    ("'a.b' =~ /a\\Q.\\Eb/", True),
    ("'a-b' =~ /a[\\w-]b/", True),
    ("'a]b' =~ /a[]]b/", True),
    ("'\\001' =~ /\\cA/", True),
    ("'\\033' =~ /\\e/", True),
    ("'ab' =~ /a\\Kb/ && $0 == 'b'", False),
    ("'ab' =~ /a\\Kb/ && $0 == 'ab'", False),
    ("'foo bar' =~ /[[:<:]]bar/", True),
    ("'foobar' =~ /[[:<:]]bar/", False),
    ("'\\252' =~ /\\p{L}/", True),
    ("'\\252' =~ /\\p{Latin}/", True),
    ("'\\265' =~ /\\p{Latin}/", False),
    ("'\\265' =~ /\\p{Common}/", True),
    ("'\\265' =~ /\\p{L&}/", True),
    ("'\\327' =~ /\\p{Common}/", True),
    ("'A' =~ /\\p{Any}/", True),
    ("'\\303\\251' =~ /^\\p{Any}$/", False),
    ("'ab\\n' =~ /^ab\\R/", True),
    ("'ab\\r\\n' =~ /^ab\\R$/", True),
    ("'aaa' =~ /^(a)+$/ && $1 == 'a'", True),
    ("'abc' =~ /(a)|(b)/ && $2 == ''", True),
    ("'a' =~ /(a)(b)?(c)?(d)?(e)?(f)?(g)?(h)?(i)?(j)?(k)?/ && $9 == ''", True),
    ("'ABC' =~ /[[:lower:]]/i", True),
    ("'ABC' =~ /[a-z]/i", True),
    ("'_' =~ /[[:word:]]/", True),
    ("'_' =~ /[[:punct:]]/", True),
    ("'\\177' =~ /[[:cntrl:]]/", True),
    ("'\\237' =~ /[[:cntrl:]]/", False),
    ("'\\240' =~ /[[:space:]]/", False),
    ("'\\240' =~ /[[:print:]]/", False),
]


@pytest.mark.parametrize("text,expected", BOOL_PARSE_CASES)
def test_bool_parse_matches_httpd(text, expected):
    assert verdict(text) == expected


@pytest.mark.parametrize("text,expected", STRING_PARSE_CASES)
def test_string_parse_matches_httpd(text, expected):
    assert verdict(text, True) == expected


@pytest.mark.parametrize("pattern,expected", REGEX_CASES)
def test_regex_acceptance_matches_pcre(pattern, expected):
    try:
        compile_pcre(pattern)
        got = "OK"
    except PcreUnsupported:
        got = "UNSUPPORTED"
    except PcreError:
        got = "FAIL"
    assert got == expected
    # and inside an expression httpd says this (patterns we cannot run still parse)
    if "#" not in pattern:
        want = "Failed to compile regular expression" if expected == "FAIL" else "OK"
        assert verdict("'' =~ m#%s#" % pattern) == want


@pytest.mark.parametrize("kind,text,expected", EVAL_CASES)
def test_evaluation_matches_httpd(kind, text, expected, tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("file-content")
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    text = text.replace("{F}", str(f)).replace("{L}", str(link))
    expr = parse(text, string_mode=(kind == "s"))
    assert expr.evaluate(live_context()) == expected


@pytest.mark.parametrize("text,expected", REGEX_MATCH_CASES)
def test_regex_matching_matches_httpd(text, expected):
    assert parse(text).evaluate(SimpleContext()) is expected


@pytest.mark.parametrize("depth,ok", [(19, True), (20, False), (23, False)])
def test_recursion_limit(depth, ok):
    nested = "true"
    for _ in range(depth):
        nested = "(%s && true)" % nested
    word = "'A'"
    for _ in range(depth - 1):
        word = "tolower(%s)" % word
    for text in (nested, word + " == 'a'"):
        expr = parse(text)
        if ok:
            assert expr.evaluate(SimpleContext()) is True
        else:
            with pytest.raises(ExprEvalError, match="^Recursion limit reached$"):
                expr.evaluate(SimpleContext())
    # long "." chains and && chains are iterated, not recursed
    assert parse("-n " + " . ".join(["'a'"] * 40)).evaluate(SimpleContext()) is True
    assert parse(" && ".join(["true"] * 40)).evaluate(SimpleContext()) is True


def test_captures_are_shared_and_kept():
    cap = Captures()
    e1 = parse("%{REQUEST_URI} =~ m#^/(\\w+)/(\\d+)?#")
    ctx = SimpleContext(vars={"REQUEST_URI": "/shop/42"})
    assert e1.evaluate(ctx, cap) is True
    assert (cap.group(0), cap.group(1), cap.group(2), cap.group(3)) == ("/shop/42", "shop", "42",
                                                                        "")
    # a later regex without groups leaves them alone; one with groups that fails clears them
    assert parse("'x' =~ /x/ && $1 == 'shop'").evaluate(ctx, cap) is True
    assert parse("'x' =~ /(y)/").evaluate(ctx, cap) is False
    assert cap.group(1) == ""
    s = parse("id=$2 in $1", string_mode=True)
    parse("%{REQUEST_URI} =~ m#^/(\\w+)/(\\d+)#").evaluate(ctx, cap)
    assert s.evaluate(ctx, cap) == "id=42 in shop"


def test_referenced_variables():
    assert parse("%{remote_user} == 'a' || %{req:x} == %{HTTP_HOST}").variables == {
        "REMOTE_USER", "HTTP_HOST"}


def test_string_results_and_constants():
    assert parse("Realm", string_mode=True).constant == "Realm"
    assert parse("", string_mode=True).evaluate() == ""
    e = parse("Hello %{req:X-Who}, from %{REQUEST_URI}!", string_mode=True)
    assert e.constant is None
    ctx = SimpleContext(vars={"REQUEST_URI": "/p"}, headers={"x-who": "Bob"})
    assert e.evaluate(ctx) == "Hello Bob, from /p!"
    # quotes and lone specials are literal in string mode; escapes are processed
    assert parse("it's 100% {ok} $ \\t|", string_mode=True).evaluate() == "it's 100% {ok} $ \t|"
    assert parse("a\\0b", string_mode=True).evaluate() == "a"     # C strings end at NUL


def test_missing_values_read_as_empty():
    e = parse("-z %{REQUEST_URI} && -z %{req:X} && %{HTTP_HOST} == '' && $3 == ''")
    assert e.evaluate(SimpleContext()) is True
    assert e.evaluate(None) is True


def test_vary_collection():
    ctx = SimpleContext(headers={"User-Agent": "x", "Host": "h", "X-A": "1"})
    parse("%{HTTP_USER_AGENT} == 'x' && %{HTTP_HOST} == 'h' && req('X-A') == 1 && "
          "req_novary('X-B') == ''").evaluate(ctx)
    assert ctx.vary == ["User-Agent", "X-A"]


def test_file_errors(tmp_path):
    with pytest.raises(ExprEvalError, match="^Cannot open file /nonexistent/x$"):
        parse("file('/nonexistent/x') == ''").evaluate(SimpleContext())
    f = tmp_path / "empty"
    f.write_bytes(b"")
    assert parse("file('%s') == ''" % f).evaluate(SimpleContext()) is True
    assert parse("filesize('%s') == 0" % f).evaluate(SimpleContext()) is True


def test_ssl_compat_comparisons():
    # SSLRequire semantics: compare by length first, integers and strings alike
    assert parse("'9' < '10'", ssl_compat=True).evaluate(SimpleContext()) is True
    assert parse("'9' < '10'").evaluate(SimpleContext()) is False


def test_time_variables():
    ctx = SimpleContext(timestamp=0.0)
    import time
    tm = time.localtime(0)
    assert parse("%{TIME_YEAR}", string_mode=True).evaluate(ctx) == "%04d" % tm.tm_year
    assert parse("%{TIME}", string_mode=True).evaluate(ctx) == time.strftime("%Y%m%d%H%M%S", tm)
    wday = (tm.tm_wday + 1) % 7
    assert parse("%{TIME_WDAY}", string_mode=True).evaluate(ctx) == str(wday)


# --- helpers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("pattern,string,kw,expected", [
    ("*.example.com", "www.example.com", {}, True),
    ("*", "a/b", {}, True),
    ("*", "a/b", {"pathname": True}, False),
    ("a/*", "a/b", {"pathname": True}, True),
    ("a?b", "a/b", {"pathname": True}, False),
    ("[a-c]x", "bx", {}, True),
    ("[!a-c]x", "bx", {}, False),
    ("[^a-c]x", "dx", {}, True),
    ("[]]", "]", {}, True),
    ("a[", "a[", {}, True),
    ("a\\*", "a*", {}, True),
    ("a\\*", "ab", {}, False),
    ("ABC*", "abcd", {"casefold": True}, True),
    ("ABC*", "abcd", {}, False),
])
def test_fnmatch(pattern, string, kw, expected):
    assert fnmatch(pattern, string, **kw) is expected


@pytest.mark.parametrize("ip,mask,addr,expected", [
    ("10.0.0.0", "8", "10.1.2.3", True),
    ("10.0.0.0", "255.0.0.0", "11.1.2.3", False),
    ("10.1", None, "10.1.200.3", True),
    ("10.", None, "10.9.9.9", True),
    ("192.168.1.1", None, "192.168.1.1", True),
    ("192.168.1.0", "24", "::ffff:192.168.1.77", True),
    ("2001:db8::", "32", "2001:db8:1::1", True),
    ("2001:db8::", "32", "10.0.0.1", False),
])
def test_ipsubnet(ip, mask, addr, expected):
    subnet = ipsubnet_create(ip, mask)
    assert subnet is not None
    assert ipsubnet_test(subnet, addr) is expected


@pytest.mark.parametrize("ip,mask", [
    ("10.0.0.0", "33"), ("10.0.0.0", "0"), ("10.0/8", None), ("::ffff:1.2.3.4", None),
    ("", None), ("foo", None), ("1.2.3.4.5", None), ("10.0.0.0", "x"),
    ("::1", "255.0.0.0"),
])
def test_ipsubnet_rejects(ip, mask):
    if ip == "10.0/8":
        ip, mask = "10.0", "8"
    assert ipsubnet_create(ip, mask) is None


# --- pcre translation details -----------------------------------------------------------------
@pytest.mark.parametrize("pattern,flags,subject,expected", [
    (r"^foo\Z", 0, "foo\n", True),
    (r"^foo\z", 0, "foo\n", False),
    (r"^foo$", "N", "foo\n", True),       # plain PCRE
    (r"^foo$", 0, "foo\n", False),       # httpd's default DOLLAR_ENDONLY
    (r"^foo$", "ND", "foo\n", False),
    (r"(?m)^foo$", 0, "foo\nx", True),   # multiline overrides DOLLAR_ENDONLY
    (r"[[:alpha:]]+[[:digit:]]", 0, "abc1", True),
    (r"^[[:^space:]]+$", 0, "a b", False),
    (r"\h", 0, "a\tb", True),
    (r"\h", 0, "a\nb", False),
    (r"^a\Rb$", 0, "a\r\nb", True),
    (r"(?<year>\d{4})-\k<year>", 0, "2024-2024", True),
    (r"a(?i)b|c", 0, "C", True),
    (r"a(?i)b|c", 0, "aB", True),
    (r"a(?i)b|c", 0, "AB", False),
    (r"x{,3}", 0, "x{,3}", True),
    (r"x{,3}", 0, "xx", False),
    (r"(?<=ab|c)d", 0, "cd", True),
    (r"(?<!ab|c)d", 0, "bd", True),
    (r"(?<!ab|c)d", 0, "abd", False),
    (r"^\w+$", 0, "caf\u00e9", False),          # \w is ASCII only without UCP
    (r"ABC", "i", "abc", True),
    (r"^\Q.*\E$", 0, ".*", True),
    (r"^\Q.*\E$", 0, "ab", False),
    (r"^\x41\101\o{101}\x{41}$", 0, "AAAA", True),
    (r"(a)(?:x|\1)", 0, "aa", True),
    (r"\p{Lu}\p{Ll}", 0, "Ab", True),
    (r"\p{Greek}", 0, "\u03b1", False),          # no single byte is Greek
    (r"^a.c$", "Ns", "a\nc", True),
    (r"^a.c$", "N", "a\nc", False),
    (r"^a.c$", 0, "a\nc", True),          # httpd's default DOTALL
    (r"^a(?-s).c$", 0, "a\nc", False),
    (r"^b$", "m", "a\nb\nc", True),
    (r"\bfoo[[:>:]]", 0, "foo bar", True),
    (r"[[:<:]]oo", 0, "foo", False),
])
def test_pcre_semantics(pattern, flags, subject, expected):
    assert bool(compile_pcre(pattern, flags).search(subject)) is expected


def test_pcre_binary_mode_is_bytewise():
    rx = compile_pcre(r"^caf.$", binary=True)
    assert rx.search("caf\u00e9".encode()) is None           # é is two bytes
    assert rx.search(b"cafe") is not None
    assert compile_pcre(r"^caf..$", binary=True).search("caf\u00e9".encode())


def test_pcre_inline_flags_scope():
    assert translate("(?i)abc") == "(?i:abc)"
    assert translate("a(?i)b|c") == "a(?i:b)|(?i:c)"
    assert translate("(a(?i)b|c)d") == "(a(?i:b)|(?i:c))d"
    rx = compile_pcre("(a(?i)b|c)d")
    assert rx.search("aBd") and rx.search("Cd") and not rx.search("aBD")


def test_pcre_duplicate_names_allowed():
    rx = compile_pcre(r"(?<n>a)|(?<n>b)")
    assert rx.search("b")


@pytest.mark.parametrize("pattern,message", [
    ("a{111111111111111111}", "number too big in {} quantifier"),
    ("a{65536}", "number too big in {} quantifier"),
    ("a{3,2}", "numbers out of order in {} quantifier"),
    ("[[:foo:]]", "unknown POSIX class name"),
    ("[:alpha:]", "POSIX named classes are supported only within a class"),
    ("[z-a]", "range out of order in character class"),
    ("[\\d-z]", "invalid range in character class"),
    ("\\u0041", "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u"),
    ("\\i", "unrecognized character follows \\"),
    ("\\c", "\\c at end of pattern"),
    ("(a)\\2", "reference to non-existent subpattern"),
    ("\\x{100}", "character code point value in \\x{} or \\o{} is too large"),
])
def test_pcre_error_messages(pattern, message):
    with pytest.raises(PcreError) as info:
        compile_pcre(pattern)
    assert str(info.value) == message
    assert not isinstance(info.value, PcreUnsupported)


@pytest.mark.parametrize("pattern", ["(?R)", "(a(?1))", "(?|a|b)", "(?U)a*", "(*ACCEPT)",
                                     "(?(DEFINE)a)", "\\g<1>(a)", "\\p{Foo}"])
def test_pcre_unsupported(pattern):
    with pytest.raises(PcreUnsupported):
        compile_pcre(pattern)


def test_untranslatable_regex_fails_at_evaluation_only():
    expr = parse("%{REQUEST_URI} =~ /(?|a|b)/")          # valid for httpd
    with pytest.raises(ExprEvalError, match="cannot evaluate regular expression"):
        expr.evaluate(SimpleContext(vars={"REQUEST_URI": "/a"}))


def test_expression_regex_translation_used():
    # POSIX classes and (?<name>) work inside expressions too
    e = parse("%{REQUEST_URI} =~ m#^/[[:alpha:]]+/(?<id>[[:digit:]]+)$# && $1 == '7'")
    assert e.evaluate(SimpleContext(vars={"REQUEST_URI": "/item/7"})) is True
