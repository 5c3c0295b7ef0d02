"""The parse cache (apachepy/config/source.py): a hit gives exactly what the grammar gives,
any change to a file's text is seen, and only a private directory is trusted."""
import os
import subprocess
import sys

import pytest

from apachepy.config import source


def lines_of(path, cache_dir, monkeypatch):
    monkeypatch.setenv("APACHEPY_CACHE_DIR", str(cache_dir))
    source.cache_dir.cache_clear()
    src = source.LineSource.open(str(path), cache=True)
    out = []
    while (s := src.next()) is not None:
        out.append((s, src.line))
    return out


@pytest.fixture
def conf(tmp_path):
    p = tmp_path / "a.conf"
    p.write_text("# c\nServerName a\\\n.example\n\n<Directory /x>\n  Options None\n</Directory>\n")
    return p


def test_hit_equals_parse_and_edits_are_seen(tmp_path, conf, monkeypatch):
    cache = tmp_path / "cache"
    cold = lines_of(conf, cache, monkeypatch)
    assert cold == [("# c", 1), ("ServerName a.example", 3), ("<Directory /x>", 5),
                    ("Options None", 6), ("</Directory>", 7)]
    assert len([n for n in os.listdir(cache) if n.startswith("lines-")]) == 1
    assert lines_of(conf, cache, monkeypatch) == cold
    # same size, same mtime, different text: still re-read, because the text is compared
    st = os.stat(conf)
    conf.write_text(conf.read_text().replace("None", "All!"))
    os.utime(conf, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert lines_of(conf, cache, monkeypatch)[3] == ("Options All!", 6)


def test_corrupt_entries_are_ignored(tmp_path, conf, monkeypatch):
    cache = tmp_path / "cache"
    cold = lines_of(conf, cache, monkeypatch)
    for n in os.listdir(cache):
        if n.startswith("lines-"):
            (cache / n).write_bytes(b"\x00garbage")
    assert lines_of(conf, cache, monkeypatch) == cold


def test_a_directory_others_can_write_is_not_trusted(tmp_path, conf, monkeypatch):
    cache = tmp_path / "shared"
    cache.mkdir()
    os.chmod(cache, 0o777)
    monkeypatch.setenv("APACHEPY_CACHE_DIR", str(cache))
    source.cache_dir.cache_clear()
    assert source.cache_dir() is None
    lines_of(conf, cache, monkeypatch)
    assert os.listdir(cache) == []
    monkeypatch.setenv("APACHEPY_CACHE_DIR", "")
    source.cache_dir.cache_clear()
    assert source.cache_dir() is None
    source.cache_dir.cache_clear()


def test_cache_is_bounded(tmp_path, conf, monkeypatch):
    monkeypatch.setattr(source, "_CACHE_MAX_ENTRIES", 8)
    cache = tmp_path / "cache"
    for i in range(20):
        p = tmp_path / f"c{i}.conf"
        p.write_text(f"Listen {8000 + i}\n")
        lines_of(p, cache, monkeypatch)
    assert len([n for n in os.listdir(cache) if n.startswith("lines-")]) <= 8


def test_warm_check_does_not_import_lark(tmp_path):
    root = tmp_path / "root"
    (root / "logs").mkdir(parents=True)
    (root / "httpd.conf").write_text("LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
                                     "ServerName a.example\nListen 8080\n")
    env = {**os.environ, "APACHEPY_CACHE_DIR": str(tmp_path / "cache")}
    probe = ("import sys; import apachepy.cli.main as m;"
             "code = m.main(['apachepy', '-t', '-d', %r, '-f', 'httpd.conf']);"
             "print('lark' in sys.modules, code)") % str(root)
    runs = [subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
            for _ in range(2)]
    assert [r.stdout.split()[-2:] for r in runs] == [["True", "0"], ["False", "0"]], runs
    assert all("Syntax OK" in r.stderr for r in runs)
