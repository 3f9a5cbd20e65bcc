#!/usr/bin/env python3
"""Own-words check for a timeline: report every run of N words (default 8) that a text of the
timeline shares with a source text, outside quotation marks.

    scripts/check_wording.py SOURCE.txt [SOURCE.txt ...] [--n 8] [--timeline assets/timeline.json]

SOURCE.txt holds the published text of a source (for example the RFE/RL report of 5 January
2023 in ../shared/sources/). The words are compared the way the project's pre-stop check does:
lower case, letters and digits only, text in quotation marks ("...", “...”, «...») left out,
because quoted words are an official's or a witness's own and are attributed. Checked: event
titles, summaries, bodies and teacher notes, claim texts and notes, and glossary definitions.

Exit status 1 when a shared run is found, so the script can gate a commit.
"""

import argparse
import json
import re
import sys

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
QUOTED = re.compile(r'["“«][^"”»]{0,400}["”»]')


def words(text):
    return WORD.findall(text.lower())


def texts(timeline):
    """(where, text) for every text a reader sees."""
    for e in timeline.get("events", []):
        for field in ("title", "summary", "body", "notes"):
            if e.get(field):
                yield f"{e['id']}.{field}", e[field]
        for i, c in enumerate(e.get("claims", [])):
            yield f"{e['id']}.claims[{i}].text", c["text"]
            if c.get("note"):
                yield f"{e['id']}.claims[{i}].note", c["note"]
    for i, g in enumerate(timeline.get("glossary", [])):
        yield f"glossary[{i}] ({g['term']})", g["definition"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", help="plain-text files with a source's published text")
    ap.add_argument("--n", type=int, default=8, help="run length in words (default 8)")
    ap.add_argument("--timeline", default="assets/timeline.json")
    args = ap.parse_args()
    with open(args.timeline, encoding="utf-8") as f:
        timeline = json.load(f)
    found = 0
    for path in args.sources:
        with open(path, encoding="utf-8") as f:
            w = words(f.read())
        runs = {tuple(w[i : i + args.n]) for i in range(len(w) - args.n + 1)}
        for where, text in texts(timeline):
            x = words(QUOTED.sub(" ", text))
            hits = [" ".join(x[i : i + args.n]) for i in range(len(x) - args.n + 1) if tuple(x[i : i + args.n]) in runs]
            if hits:
                found += 1
                print(f"{path}: {where}: {hits[0]!r}" + (f" (+{len(hits) - 1} more)" if len(hits) > 1 else ""))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
