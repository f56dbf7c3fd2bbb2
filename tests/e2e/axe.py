"""axe-core, the accessibility engine, from the npm registry: installed once with `npm ci` from
package.json and package-lock.json here (the one place its version is pinned), then injected
into the pages the audit opens."""

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PINNED_VERSION = json.loads((HERE / "package.json").read_text())["dependencies"]["axe-core"]
PACKAGE = HERE / "node_modules" / "axe-core"
SCRIPT = PACKAGE / "axe.min.js"
# What the audit fails on; "moderate" and "minor" findings are left to judgement.
FAILING_IMPACTS = {"serious", "critical"}


def installed_version():
    try:
        return json.loads((PACKAGE / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def install():
    """The path of axe.min.js at the pinned version, installing it if needed; None without
    npm. A lock keeps two test runs in this folder from installing at once."""
    if installed_version() == PINNED_VERSION and SCRIPT.exists():
        return SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        return None
    with open(HERE / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed_version() != PINNED_VERSION or not SCRIPT.exists():
            subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=HERE,
                check=True,
                timeout=300,
            )
    return SCRIPT


def violations(page):
    """axe's serious and critical findings on the page as it is now, one line each."""
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = "; ".join(", ".join(map(str, node["target"])) for node in violation["nodes"])
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({targets})")
    return lines
