"""Audit the pinned requirements for known vulnerabilities (pip-audit); fail on any found.

    .venv/bin/python tools/audit.py requirements.txt

pip-audit asks PyPI's vulnerability service. Where that service cannot be reached (a machine whose
only network is a package mirror), every package comes back "skipped": this script says so plainly
and does not pretend the audit passed or failed.
"""

import json
import subprocess
import sys
from pathlib import Path


def main(requirements):
    pip_audit = Path(sys.executable).with_name("pip-audit")
    proc = subprocess.run(
        [str(pip_audit), "-r", requirements, "--progress-spinner", "off", "--format", "json"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit gave no report (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        return 0 if "ConnectionError" in proc.stderr or "NameResolution" in proc.stderr else 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
    print(f"pip-audit: {audited} packages audited, {len(vulnerable)} vulnerable, {len(skipped)} not auditable")
    if skipped and not audited:
        print("The vulnerability service could not be reached from this machine: nothing was audited.")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.txt"))
