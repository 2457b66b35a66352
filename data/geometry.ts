/**
 * The generator's map: a flat km grid around the chosen cities, corridors as
 * polylines through city centres, service areas placed along them.
 */
import { at, type Rng } from './random.js';

/** Below this a remaining length counts as walked, km. */
const EPS = 1e-6;

export interface Point {
  x: number;
  y: number;
}

export class Projection {
  constructor(
    private readonly lat0: number,
    private readonly lon0: number,
  ) {}
  private get kx(): number {
    return 111.32 * Math.cos((this.lat0 * Math.PI) / 180);
  }
  toPoint(lat: number, lon: number): Point {
    return { x: (lon - this.lon0) * this.kx, y: (lat - this.lat0) * 110.57 };
  }
  toLatLon(p: Point): { lat: number; lon: number } {
    return { lat: this.lat0 + p.y / 110.57, lon: this.lon0 + p.x / this.kx };
  }
}

export const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** A polyline through city centres, `length` km long on the map. */
export function walkPath(cities: readonly Point[], length: number, rng: Rng): { points: Point[]; visited: number[] } {
  const startIdx = rng.int(0, cities.length - 1);
  const points: Point[] = [at(cities, startIdx)];
  const visited = [startIdx];
  let remaining = length;
  let guard = 0;
  while (remaining > EPS && guard++ < 100) {
    const cur = at(points, points.length - 1);
    const curIdx = at(visited, visited.length - 1);
    const prevIdx = visited.length > 1 ? visited[visited.length - 2] : undefined;
    let options = cities.map((_, i) => i).filter((i) => i !== curIdx && i !== prevIdx && dist(at(cities, i), cur) > 5);
    if (options.length === 0) options = cities.map((_, i) => i).filter((i) => i !== curIdx && dist(at(cities, i), cur) > 5);
    let target: Point;
    let targetIdx: number;
    if (options.length === 0) {
      // A single city (or all cities on one spot): head off in a random direction.
      const angle = rng.uniform(0, 2 * Math.PI);
      target = { x: cur.x + Math.cos(angle) * remaining, y: cur.y + Math.sin(angle) * remaining };
      targetIdx = curIdx;
    } else {
      targetIdx = rng.pick(options);
      target = at(cities, targetIdx);
    }
    const seg = dist(cur, target);
    if (seg >= remaining) {
      const f = remaining / seg;
      points.push({ x: cur.x + (target.x - cur.x) * f, y: cur.y + (target.y - cur.y) * f });
      if (f > 0.5) visited.push(targetIdx);
      remaining = 0;
    } else {
      points.push(target);
      visited.push(targetIdx);
      remaining -= seg;
    }
  }
  return { points, visited };
}

/** Point at fraction f of a polyline, shifted `offset` km to its left. */
export function pointAlong(points: readonly Point[], f: number, offset: number): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += dist(at(points, i - 1), at(points, i));
  let target = Math.min(Math.max(f, 0), 1) * total;
  for (let i = 1; i < points.length; i++) {
    const a = at(points, i - 1);
    const b = at(points, i);
    const seg = dist(a, b);
    if (target <= seg || i === points.length - 1) {
      const g = seg > 0 ? Math.min(target / seg, 1) : 0;
      const nx = seg > 0 ? -(b.y - a.y) / seg : 0;
      const ny = seg > 0 ? (b.x - a.x) / seg : 0;
      return { x: a.x + (b.x - a.x) * g + nx * offset, y: a.y + (b.y - a.y) * g + ny * offset };
    }
    target -= seg;
  }
  return at(points, 0);
}
