#!/usr/bin/env node
// Converts Natural Earth country outlines (the world-atlas TopoJSON) into the SVG paths
// of data/world-map.tsv, which the `/countries/` map embeds. Run once when the source
// changes, never during a build:
//
//   dir="$(mktemp -d)" && npm install --prefix "$dir" world-atlas@2.0.2 topojson-client@3.1.0
//   NODE_PATH="$dir/node_modules" node scripts/world-map/convert.js \
//     "$dir/node_modules/world-atlas/countries-110m.json" > data/world-map.tsv
//
// The projection is Natural Earth I (Šavrič, Jenny, Patterson and Jenny, 2011), written
// out here so that nothing else is needed. Coordinates are rounded to whole units of a
// 1000-unit-wide map and written as relative moves; rounding is applied to absolute
// positions, so errors do not add up along a ring. Antarctica is left out: it would take
// a fifth of the height and few briefings are about it. The output is sorted by code, so
// the same input gives the same bytes.
"use strict";

const fs = require("fs");
const topojson = require("topojson-client");

const WIDTH = 1000;
const SKIPPED = new Set(["010"]); // Antarctica
// ISO 3166-1 counts these Natural Earth units as part of a member state; they are drawn
// with that state so that its shade covers all of it.
const MERGED = { "N. Cyprus": "196", Somaliland: "706" };

function naturalEarth(longitude, latitude) {
  const lambda = (longitude * Math.PI) / 180;
  const phi = (latitude * Math.PI) / 180;
  const phi2 = phi * phi;
  const phi4 = phi2 * phi2;
  return [
    lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))),
    phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))),
  ];
}

function main() {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: convert.js countries-110m.json > data/world-map.tsv");
    process.exit(2);
  }
  const world = JSON.parse(fs.readFileSync(source, "utf8"));
  const features = topojson.feature(world, world.objects.countries).features;

  const shapes = [];
  for (const feature of features) {
    const name = feature.properties.name;
    const code = feature.id === undefined ? MERGED[name] || "-" : feature.id;
    if (SKIPPED.has(code)) continue;
    const polygons =
      feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const rings = polygons
      .flat()
      .flatMap(splitAtAntimeridian)
      .map((ring) => ring.map(([lon, lat]) => naturalEarth(lon, lat)));
    shapes.push({ code, name, rings });
  }

  // Scale to the map's width; the height follows from the extent of what is drawn.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const shape of shapes) {
    for (const ring of shape.rings) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  const scale = WIDTH / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale);
  const place = ([x, y]) => [Math.round((x - minX) * scale), Math.round((maxY - y) * scale)];

  const byCode = new Map();
  for (const shape of shapes) {
    const path = shape.rings.map((ring) => ringPath(ring.map(place))).join("");
    if (!path) continue;
    const entry = byCode.get(shape.code) || { names: [], paths: [] };
    entry.names.push(shape.name);
    entry.paths.push(path);
    byCode.set(shape.code, entry);
  }

  const lines = [
    "# Country outlines for the /countries/ map: ISO 3166-1 numeric code, name, SVG path.",
    "# Natural Earth 1:110m (public domain) via world-atlas 2.0.2 (ISC); see world-map.SOURCE.md.",
    "# Made by scripts/world-map/convert.js; do not edit by hand. `-` marks a shape with no ISO code.",
    `viewbox\t0 0 ${WIDTH} ${height}`,
  ];
  const codes = [...byCode.keys()].sort();
  for (const code of codes) {
    const entry = byCode.get(code);
    lines.push(`${code}\t${entry.names.join(" + ")}\t${entry.paths.join("")}`);
  }
  process.stdout.write(lines.join("\n") + "\n");
}

// Natural Earth cuts most shapes at 180°, but a few rings (Russia's Chukotka, Fiji) step
// across it; projected as they are, they would streak across the whole map. Such a ring
// is unwrapped into continuous longitudes, then clipped into its part on each side.
function splitAtAntimeridian(ring) {
  const unwrapped = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    let [lon, lat] = ring[i];
    const previous = unwrapped[i - 1][0];
    while (lon - previous > 180) lon -= 360;
    while (previous - lon > 180) lon += 360;
    unwrapped.push([lon, lat]);
  }
  const lons = unwrapped.map(([lon]) => lon);
  if (Math.min(...lons) >= -180 && Math.max(...lons) <= 180) return [ring];
  const shift = Math.max(...lons) > 180 ? -360 : 360;
  const shifted = unwrapped.map(([lon, lat]) => [lon + shift, lat]);
  return [clip(unwrapped, 180 * Math.sign(-shift)), clip(shifted, 180 * Math.sign(shift))].filter(
    (part) => part.length >= 3,
  );
}

// Sutherland–Hodgman against one meridian: keeps the part of `ring` between `edge` and 0.
function clip(ring, edge) {
  const inside = ([lon]) => (edge > 0 ? lon <= edge : lon >= edge);
  const cross = ([lon1, lat1], [lon2, lat2]) => [edge, lat1 + ((lat2 - lat1) * (edge - lon1)) / (lon2 - lon1)];
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i];
    const previous = ring[(i + ring.length - 1) % ring.length];
    if (inside(current)) {
      if (!inside(previous)) out.push(cross(previous, current));
      out.push(current);
    } else if (inside(previous)) {
      out.push(cross(previous, current));
    }
  }
  return out;
}

// One closed ring as `M x y l dx dy ... z`, without repeated points; empty when rounding
// leaves fewer than three distinct points.
function ringPath(points) {
  const kept = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
  }
  if (kept.length > 1 && kept[0][0] === kept[kept.length - 1][0] && kept[0][1] === kept[kept.length - 1][1]) {
    kept.pop();
  }
  if (kept.length < 3) return "";
  let path = `M${kept[0][0]} ${kept[0][1]}l`;
  for (let i = 1; i < kept.length; i++) {
    const dx = kept[i][0] - kept[i - 1][0];
    const dy = kept[i][1] - kept[i - 1][1];
    path += (i > 1 && dx >= 0 ? " " : "") + dx + (dy >= 0 ? " " : "") + dy;
  }
  return path + "z";
}

main();
