"""Module implementations load per loaded module (apachepy/modules/base.py): a file named for
a module may register handlers only for that module's own directives, or a configuration that
loads the directive's module without the file's would silently lose the handler."""
import subprocess
import sys

from apachepy.modules import base, catalog


def test_handlers_live_in_their_modules_file():
    base.load_implementations()
    module_files = set(catalog.files())
    wrong = []
    for directive, owner in sorted(base.HANDLER_OWNER.items()):
        name = owner.rsplit(".", 1)[-1]
        if name in module_files:
            mod = catalog.by_name(name + "_module") or catalog.by_name("http_module")
            if directive not in {d.name for d in mod.directives}:
                wrong.append(f"{directive} registered in apachepy/modules/{name}.py")
    assert not wrong, wrong


def test_a_check_imports_only_the_loaded_modules(tmp_path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "httpd.conf").write_text(
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
        "LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\n"
        "ServerName a.example\nListen 8080\nAlias /x /tmp\n")
    probe = ("import sys; import apachepy.cli.main as m;"
             "code = m.main(['apachepy', '-t', '-d', %r, '-f', 'httpd.conf']);"
             "print(code, sorted(n for n in sys.modules if n.startswith('apachepy.modules.catalog.')));"
             "print(sorted(n for n in sys.modules if n.startswith('apachepy.modules.')))") % str(tmp_path)
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "Syntax OK" in p.stderr, p.stderr
    code, cats = p.stdout.splitlines()[0].split(" ", 1)
    impls = p.stdout.splitlines()[1]
    assert code == "0"
    assert "apachepy.modules.catalog.alias" in cats and "apachepy.modules.catalog.rewrite" not in cats
    assert "'apachepy.modules.alias'" in impls and "'apachepy.modules.rewrite'" not in impls
