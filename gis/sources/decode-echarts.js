// Decode the ECharts 4.9.0 map file map/json/province/beijing.json (UTF8Encoding: coordinates are
// strings, two characters per vertex (x then y), each char - 64, zig-zag, delta-coded from
// encodeOffsets, quantised 1/1024 degree). Output: a plain text format read by DemoAtlas.java:
//   F <code> <name>     start of a feature
//   P                   start of a polygon (part)
//   R                   start of a ring
//   <lon> <lat>         vertex, GCJ-02 degrees (exact multiples of 1/1024)
// Usage: node decode-echarts.js package/map/json/province/beijing.json > districts_gcj02.txt
'use strict';
const fs = require('fs');
const json = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (!json.UTF8Encoding) throw new Error('expected an UTF8Encoding map file');
const scale = json.UTF8Scale || 1024;

function decodeRing(s, offsets) {
  let prevX = offsets[0], prevY = offsets[1];
  const out = [];
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ (-(x & 1));
    y = (y >> 1) ^ (-(y & 1));
    x += prevX; y += prevY;
    prevX = x; prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

const lines = [];
const features = json.features.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
for (const f of features) {
  const g = f.geometry;
  lines.push(`F ${f.id} ${f.properties.name}`);
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  const offs = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
  if (!polys) throw new Error('unexpected geometry ' + g.type);
  polys.forEach((poly, pi) => {
    lines.push('P');
    poly.forEach((ring, ri) => {
      lines.push('R');
      for (const [x, y] of decodeRing(ring, offs[pi][ri])) lines.push(`${x} ${y}`);
    });
  });
}
process.stdout.write(lines.join('\n') + '\n');
