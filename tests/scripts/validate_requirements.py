#!/usr/bin/env python3
"""Checks the requirements registry and the check-to-requirement map against each other and against the suite.

Usage: validate_requirements.py [REPO_ROOT] [--checks LIST.json]

REPO_ROOT defaults to the repository holding this script. With --checks, the file is the output of
`dotnet run --project runner -- list --format json`, and every check it lists must be mapped (and nothing else).
Exits 1 and prints every problem found, so a broken registry is caught before the C# lint sees it.
"""
import json
import sys
from pathlib import Path

LEVELS = {"MUST", "SHOULD", "MAY"}
WORDINGS = {"keyword", "lowercase", "declarative", "contradictory", "ambiguous"}
UNCLEAR = {"contradictory", "ambiguous"}
FIELDS = ["id", "document", "section", "level", "wording", "text"]


def validate(root: Path, listed_checks: list[str] | None) -> list[str]:
    problems: list[str] = []
    registry = json.loads((root / "suites/Requirements/requirements.json").read_text(encoding="utf-8"))
    mapping = json.loads((root / "suites/Requirements/check-requirements.json").read_text(encoding="utf-8"))

    for key in ("$comment", "documents", "requirements"):
        if key not in registry:
            problems.append(f"requirements.json has no {key}")
    documents = registry.get("documents", {})
    for name, document in documents.items():
        if not document.get("title") or not document.get("uri"):
            problems.append(f"document {name} needs a title and a uri")

    ids: dict[str, dict] = {}
    for entry in registry.get("requirements", []):
        rid = entry.get("id", "<no id>")
        for field in FIELDS:
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                problems.append(f"{rid}: {field} missing or empty")
        if rid in ids:
            problems.append(f"{rid}: duplicate id")
        ids[rid] = entry
        if entry.get("document") not in documents:
            problems.append(f"{rid}: document {entry.get('document')!r} is not in documents")
        if entry.get("level") not in LEVELS:
            problems.append(f"{rid}: level {entry.get('level')!r} is not MUST, SHOULD or MAY")
        if entry.get("wording") not in WORDINGS:
            problems.append(f"{rid}: wording {entry.get('wording')!r} is not one of {sorted(WORDINGS)}")
        ambiguity = entry.get("ambiguity")
        if entry.get("wording") in UNCLEAR:
            if not isinstance(ambiguity, dict) or not ambiguity.get("reason") or len(ambiguity.get("allows", [])) < 2:
                problems.append(f"{rid}: {entry.get('wording')} needs ambiguity with a reason and at least two allowed behaviours")
        elif ambiguity is not None:
            problems.append(f"{rid}: ambiguity given although wording is {entry.get('wording')}")
        extra = set(entry) - set(FIELDS) - {"ambiguity"}
        if extra:
            problems.append(f"{rid}: unknown fields {sorted(extra)}")

    for check, entry in mapping.items():
        rows = entry.get("requirements")
        if not isinstance(rows, list) or not rows:
            problems.append(f"{check}: no requirements")
            continue
        if len(set(rows)) != len(rows):
            problems.append(f"{check}: a requirement is listed twice")
        for rid in rows:
            if rid not in ids:
                problems.append(f"{check}: unknown requirement {rid}")
        extra = set(entry) - {"requirements", "note"}
        if extra:
            problems.append(f"{check}: unknown fields {sorted(extra)}")
        if "note" in entry and not str(entry["note"]).strip():
            problems.append(f"{check}: empty note")

    if listed_checks is not None:
        for check in listed_checks:
            if check not in mapping:
                problems.append(f"{check}: listed by the runner but not mapped")
        for check in mapping:
            if check not in listed_checks:
                problems.append(f"{check}: mapped but not listed by the runner")
    return problems


def main(argv: list[str]) -> int:
    args = list(argv)
    listed = None
    if "--checks" in args:
        at = args.index("--checks")
        listed = [c["id"] for c in json.loads(Path(args[at + 1]).read_text(encoding="utf-8"))]
        del args[at:at + 2]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    problems = validate(root, listed)
    for problem in problems:
        print(problem)
    registry = json.loads((root / "suites/Requirements/requirements.json").read_text(encoding="utf-8"))
    print(f"{len(registry['requirements'])} requirements, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
