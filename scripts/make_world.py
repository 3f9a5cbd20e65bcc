#!/usr/bin/env python3
"""Make assets/world-borders.json from Natural Earth 1:110m admin-0 countries (TopoJSON).

Usage:
    python3 scripts/make_world.py countries-110m.json [--tolerance 0.2] [--out assets/world-borders.json]

INPUT is `countries-110m.json` from the npm package `world-atlas` (version 2.0.2 carries
Natural Earth 4.1.0; get it with `npm pack world-atlas@2.0.2` and unpack the tarball). The
map draws lines, not filled shapes, so the script works on the topology's *arcs*: each
stretch of coastline or border is kept once, however many countries share it. Python 3,
standard library only, deterministic. See docs/MAP.md for provenance and checks.

Steps:
  1. decode the quantized, delta-encoded arcs with the topology's transform;
  2. keep only arcs used by some country, and cut each arc where it runs along the
     antimeridian (Natural Earth splits Russia and Fiji there; that seam is not a border);
  3. simplify each piece with Douglas-Peucker (tolerance in degrees, plain lon/lat), which
     keeps its end points, so neighbouring borders still meet;
  4. round to whole tenths of a degree (about 11 km) and store each point as two integers
     (tenths of a degree, longitude first), dropping repeated points and pieces that shrink
     to one point.
"""

import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_outline import douglas_peucker  # noqa: E402  (the same simplification as Kazakhstan's)

SOURCE = (
    "Natural Earth 4.1.0, 1:110m Cultural Vectors, Admin 0 - Countries, "
    "as TopoJSON in the npm package world-atlas 2.0.2 (countries-110m.json)"
)
ATTRIBUTION = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."


def decode_arcs(topology):
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def used_arcs(topology):
    """Indices of the arcs that the countries' polygons refer to."""
    used = set()

    def walk(value):
        if isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, int):
            used.add(value if value >= 0 else ~value)

    for geometry in topology["objects"]["countries"]["geometries"]:
        walk(geometry.get("arcs", []))
    return sorted(used)


def on_seam(a, b):
    return abs(a[0]) >= 179.99 and abs(b[0]) >= 179.99


def cut_seams(points):
    """Split a polyline wherever a segment runs along the antimeridian."""
    pieces, current = [], [points[0]]
    for a, b in zip(points, points[1:]):
        if on_seam(a, b):
            if len(current) > 1:
                pieces.append(current)
            current = [b]
        else:
            current.append(b)
    if len(current) > 1:
        pieces.append(current)
    return pieces


def simplify(points, tolerance):
    """Douglas-Peucker (shared with make_outline.py), keeping both end points. A closed
    polyline (an island drawn by one arc) is split at its farthest point first."""
    if len(points) >= 3 and points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        if 0 < far < len(points) - 1:
            first = douglas_peucker(points[: far + 1], tolerance)
            return first[:-1] + douglas_peucker(points[far:], tolerance)
    return douglas_peucker(points, tolerance)


def to_tenths(points):
    out = []
    for x, y in points:
        p = [int(round(x * 10)), int(round(y * 10))]
        if not out or out[-1] != p:
            out.append(p)
    return out


def dump(doc):
    """JSON with one line per line piece: small and diffable."""
    head = {k: v for k, v in doc.items() if k != "lines"}
    out = ["{"]
    for key, value in head.items():
        out.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    out.append('  "lines": [')
    for i, line in enumerate(doc["lines"]):
        flat = ",".join(f"{x},{y}" for x, y in line)
        out.append(f"    [{flat}]" + ("," if i + 1 < len(doc["lines"]) else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="countries-110m.json from the npm package world-atlas")
    parser.add_argument("--tolerance", type=float, default=0.2,
                        help="Douglas-Peucker tolerance in degrees (default 0.2)")
    parser.add_argument("--out", default="assets/world-borders.json")
    args = parser.parse_args(argv)

    with open(args.input, encoding="utf-8") as f:
        topology = json.load(f)
    if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
        raise SystemExit("input is not a TopoJSON topology with a 'countries' object")
    arcs = decode_arcs(topology)
    total = kept = 0
    lines = []
    for index in used_arcs(topology):
        total += len(arcs[index])
        for piece in cut_seams(arcs[index]):
            simple = to_tenths(simplify(piece, args.tolerance))
            if len(simple) >= 2:
                lines.append(simple)
                kept += len(simple)
    doc = {
        "source": SOURCE,
        "license": "public domain",
        "attribution": ATTRIBUTION,
        "generated_by": "scripts/make_world.py",
        "tolerance": args.tolerance,
        "unit": "tenths of a degree, longitude then latitude, flattened",
        "points": kept,
        "lines": lines,
    }
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(doc))
    print(f"{args.out}: {len(lines)} lines, {kept} points (from {total})", file=sys.stderr)


if __name__ == "__main__":
    main()
