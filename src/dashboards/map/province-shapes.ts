/**
 * The 34 provinces as small SVG paths, projected once from `reference-data/provinces-34.geojson`
 * (geoBoundaries, see SOURCES.md section 8) and kept in memory: an equirectangular projection
 * around Vietnam's mid latitude, integer coordinates, Douglas–Peucker simplification and relative
 * path commands keep the whole map around a few tens of kilobytes. The Hoàng Sa and Trường Sa
 * archipelagos are placed from their islands' coordinates so every map shows them as Vietnam's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_DATA_DIR } from '../../seed/reference-data';

/** units per degree of latitude */
const SCALE = 40;
const LON_MIN = 102.0;
const LAT_MAX = 23.6;
const LON_MAX = 118.0;
const LAT_MIN = 6.2;
const COS_MID = Math.cos((15 * Math.PI) / 180);
const TOLERANCE = 0.7;

export interface ProvinceShape {
  code: string;
  name: string;
  /** SVG path data */
  d: string;
  /** label position: centroid of the largest ring */
  cx: number;
  cy: number;
}

export interface Archipelago {
  name: string;
  label: string;
  islands: { x: number; y: number }[];
  labelX: number;
  labelY: number;
}

export interface ProvinceMapData {
  width: number;
  height: number;
  provinces: ProvinceShape[];
  archipelagos: Archipelago[];
}

export function project(lon: number, lat: number): [number, number] {
  return [Math.round((lon - LON_MIN) * COS_MID * SCALE), Math.round((LAT_MAX - lat) * SCALE)];
}

type Pt = [number, number];

function perpendicular(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

function simplify(points: Pt[], tol: number): Pt[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let max = 0;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpendicular(points[i], points[s], points[e]);
      if (d > max) {
        max = d;
        idx = i;
      }
    }
    if (idx >= 0 && max > tol) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function area(ring: Pt[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return a / 2;
}

function centroid(ring: Pt[]): Pt {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
  }
  if (a === 0) return ring[0];
  return [Math.round(x / (3 * a)), Math.round(y / (3 * a))];
}

function ringPath(ring: Pt[]): string {
  let out = `M${ring[0][0]} ${ring[0][1]}`;
  for (let i = 1; i < ring.length; i++) {
    const dx = ring[i][0] - ring[i - 1][0];
    const dy = ring[i][1] - ring[i - 1][1];
    out += `l${dx} ${dy}`.replace(/ -/g, '-');
  }
  return `${out}z`;
}

function prepareRing(coords: number[][]): Pt[] | null {
  const pts: Pt[] = [];
  for (const [lon, lat] of coords) {
    const p = project(lon, lat);
    const last = pts.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  if (pts.length > 1 && pts[0][0] === pts.at(-1)![0] && pts[0][1] === pts.at(-1)![1]) pts.pop();
  const simple = simplify(pts, TOLERANCE);
  if (simple.length < 3 || Math.abs(area(simple)) < 1.5) return null;
  return simple;
}

// island coordinates (lon, lat): Hoàng Sa, Phú Lâm, Linh Côn, Tri Tôn; Trường Sa Lớn, Song Tử Tây, Thị Tứ, Nam Yết, Sinh Tồn, Sơn Ca, An Bang
const HOANG_SA: Pt[] = [
  [111.61, 16.53],
  [112.33, 16.83],
  [112.73, 16.67],
  [111.2, 15.78],
];
const TRUONG_SA: Pt[] = [
  [111.92, 8.64],
  [114.33, 11.43],
  [114.28, 11.05],
  [114.36, 10.18],
  [114.33, 9.88],
  [114.48, 10.37],
  [113.92, 7.89],
];

function buildMap(): ProvinceMapData {
  const geo = JSON.parse(fs.readFileSync(path.join(REFERENCE_DATA_DIR, 'provinces-34.geojson'), 'utf8')) as {
    features: { properties: { code: string; name: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: any } }[];
  };
  const provinces: ProvinceShape[] = [];
  for (const f of geo.features) {
    const polygons: number[][][][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    let d = '';
    let best: Pt[] | null = null;
    for (const poly of polygons) {
      for (const ring of poly) {
        const r = prepareRing(ring);
        if (!r) continue;
        d += ringPath(r);
        if (!best || Math.abs(area(r)) > Math.abs(area(best))) best = r;
      }
    }
    const [cx, cy] = best ? centroid(best) : [0, 0];
    provinces.push({ code: f.properties.code, name: f.properties.name, d, cx, cy });
  }
  provinces.sort((a, b) => a.code.localeCompare(b.code));
  const place = (pts: Pt[]) => pts.map(([lon, lat]) => project(lon, lat)).map(([x, y]) => ({ x, y }));
  const [hsX, hsY] = project(110.6, 17.5);
  const [tsX, tsY] = project(111.3, 12.3);
  const [width] = project(LON_MAX, LAT_MIN);
  const [, height] = project(LON_MIN, LAT_MIN);
  return {
    width,
    height,
    provinces,
    archipelagos: [
      { name: 'Hoàng Sa', label: 'Quần đảo Hoàng Sa (Việt Nam)', islands: place(HOANG_SA), labelX: hsX, labelY: hsY },
      { name: 'Trường Sa', label: 'Quần đảo Trường Sa (Việt Nam)', islands: place(TRUONG_SA), labelX: tsX, labelY: tsY },
    ],
  };
}

let cached: ProvinceMapData | null = null;

/** The projected map, built on first use and then kept for the life of the process. */
export function provinceMapData(): ProvinceMapData {
  cached ??= buildMap();
  return cached;
}
