#!/usr/bin/env python3
"""Make assets/kazakhstan-outline.json from Natural Earth admin-0 country polygons.

Usage:
    python3 scripts/make_outline.py INPUT.geojson [--tolerance 0.05] [--decimals 2]
                                    [--min-area 0.1] [--out assets/kazakhstan-outline.json]

INPUT is a local copy of a Natural Earth admin-0 countries GeoJSON file (the whole
FeatureCollection, e.g. `ne_50m_admin_0_countries.geojson`, or just the Kazakhstan
Feature cut out of it). The Kazakhstan feature is picked by ADM0_A3 / ISO_A3 == "KAZ".
The script needs no network access and only the Python standard library; its output
is deterministic. See docs/MAP.md for where the input used for the committed asset
came from and how to check it.

Steps:
  1. take the outer ring of every polygon of the feature (Kazakhstan has no holes);
  2. simplify each ring with Douglas-Peucker (tolerance in degrees, measured in plain
     lon/lat, as the map is drawn in plain lon/lat);
  3. drop rings whose area after simplification is below --min-area square degrees
     (the three Caspian islets, too small to see in a terminal);
  4. round coordinates to --decimals places, remove consecutive duplicates, keep the
     rings closed (first point == last point), and write the JSON.
"""

import argparse
import json
import math
import sys

SOURCE = (
    "Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries "
    "(ne_50m_admin_0_countries), feature ADM0_A3 = KAZ"
)
ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."
)


def find_kazakhstan(doc):
    """Return the geometry of the Kazakhstan feature in a GeoJSON document."""
    if doc.get("type") == "FeatureCollection":
        features = doc.get("features", [])
    elif doc.get("type") == "Feature":
        features = [doc]
    else:
        raise SystemExit("input is neither a GeoJSON FeatureCollection nor a Feature")
    matches = []
    for feature in features:
        props = feature.get("properties") or {}
        codes = {props.get(k) for k in ("ADM0_A3", "ISO_A3", "SOV_A3", "adm0_a3", "iso_a3")}
        if "KAZ" in codes:
            matches.append(feature)
    if not matches and len(features) == 1:
        matches = features
    if len(matches) != 1:
        raise SystemExit(f"expected one Kazakhstan (KAZ) feature, found {len(matches)}")
    return matches[0]["geometry"]


def outer_rings(geometry):
    kind = geometry["type"]
    if kind == "Polygon":
        return [geometry["coordinates"][0]]
    if kind == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    raise SystemExit(f"unexpected geometry type {kind}")


def perpendicular_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    """Iterative Douglas-Peucker on an open polyline; keeps both end points."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, None
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tolerance):
    """Simplify a closed ring. The ring is split at the point farthest from its first
    point so that both halves are simplified as open polylines with fixed ends."""
    pts = ring[:-1] if ring[0] == ring[-1] else list(ring)
    if len(pts) < 4:
        return pts + [pts[0]]
    far = max(range(len(pts)), key=lambda i: math.dist(pts[0], pts[i]))
    first = douglas_peucker(pts[: far + 1], tolerance)
    second = douglas_peucker(pts[far:] + [pts[0]], tolerance)
    return first[:-1] + second


def area(ring):
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
    ) / 2.0


def round_ring(ring, decimals):
    out = []
    for x, y in ring:
        p = [round(x, decimals), round(y, decimals)]
        if decimals == 0:
            p = [int(p[0]), int(p[1])]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def fmt(value):
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def dump(doc):
    """JSON with one ring per block and a few points per line: small and diffable."""
    head = {k: v for k, v in doc.items() if k != "rings"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "rings": [')
    for r, ring in enumerate(doc["rings"]):
        lines.append("    [")
        pts = [f"[{fmt(x)},{fmt(y)}]" for x, y in ring]
        for i in range(0, len(pts), 8):
            tail = "," if i + 8 < len(pts) else ""
            lines.append("      " + ",".join(pts[i : i + 8]) + tail)
        lines.append("    ]" + ("," if r + 1 < len(doc["rings"]) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="local Natural Earth admin-0 countries GeoJSON")
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="Douglas-Peucker tolerance in degrees (default 0.05)")
    parser.add_argument("--decimals", type=int, default=2,
                        help="decimal places kept (default 2, about 1 km)")
    parser.add_argument("--min-area", type=float, default=0.1,
                        help="drop rings smaller than this many square degrees (default 0.1)")
    parser.add_argument("--out", default="assets/kazakhstan-outline.json")
    args = parser.parse_args(argv)

    with open(args.input, encoding="utf-8") as f:
        geometry = find_kazakhstan(json.load(f))

    rings = []
    for ring in outer_rings(geometry):
        simple = simplify_ring([tuple(p[:2]) for p in ring], args.tolerance)
        if area(simple) < args.min_area:
            continue
        rings.append(round_ring(simple, args.decimals))
    rings.sort(key=area, reverse=True)
    if not rings:
        raise SystemExit("no ring left; lower --min-area")

    doc = {
        "source": SOURCE,
        "license": "public domain",
        "attribution": ATTRIBUTION,
        "generated_by": "scripts/make_outline.py",
        "tolerance": args.tolerance,
        "decimals": args.decimals,
        "points": sum(len(r) for r in rings),
        "rings": rings,
    }
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(doc))
    kept = sum(len(r) for r in rings)
    total = sum(len(r) for r in outer_rings(geometry))
    print(f"{args.out}: {len(rings)} ring(s), {kept} points (from {total})", file=sys.stderr)


if __name__ == "__main__":
    main()
