/**
 * Where a proposed new site (SPEC 7.3) lies on the map: its km on the
 * corridor turned into a latitude and longitude by linear interpolation, first
 * between the two service areas that bound its stretch (those at fromKm and
 * toKm, which the proposal names), else between the nearest service areas with
 * coordinates on either side. Pure: no words, no map.
 */
export interface Located {
  corridor: string | null;
  km: number | null;
  lat: number | null;
  lon: number | null;
  status: string;
}

export interface Stretch {
  corridor: string;
  fromKm: number;
  toKm: number;
}

type Point = Located & { km: number; lat: number; lon: number };

const KM_TOLERANCE = 1e-6;

function between(from: Point, to: Point, km: number): { lat: number; lon: number } {
  const share = to.km === from.km ? 0 : (km - from.km) / (to.km - from.km);
  return { lat: from.lat + share * (to.lat - from.lat), lon: from.lon + share * (to.lon - from.lon) };
}

/** The place of `km` on the stretch's corridor, or none when no two service areas with coordinates bound it. */
export function placeAt(sites: readonly Located[], stretch: Stretch, km: number): { lat: number; lon: number } | undefined {
  const points = sites
    .filter((site): site is Point => site.corridor === stretch.corridor && site.km !== null && site.lat !== null && site.lon !== null)
    .sort((a, b) => a.km - b.km);
  // The stretch's own ends: the coverable service areas at fromKm and toKm (an excluded one there does not bound it).
  const end = (at: number) => points.find((point) => point.status !== 'excluded' && Math.abs(point.km - at) <= KM_TOLERANCE);
  const from = end(stretch.fromKm);
  const to = end(stretch.toKm);
  if (from !== undefined && to !== undefined) return between(from, to, km);
  for (let index = 1; index < points.length; index++) {
    const low = points[index - 1]!;
    const high = points[index]!;
    if (low.km <= km && km <= high.km) return between(low, high, km);
  }
  return undefined;
}
