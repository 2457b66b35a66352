import { describe, expect, it } from 'vitest';
import { datasetFromGeoJson, EXAMPLE_DATASET } from '../../solver/formats/index.js';

/*
 * A synthetic corridor drawn on the sphere from known segment lengths and
 * bearings, so every kilometre post along it is known without the code under
 * test: the point at km k is reached by walking the great circle of its segment.
 */
const EARTH_KM = 6371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** The point `km` from [lon, lat] on the initial bearing (degrees), along a great circle. */
function destination([lon, lat]: [number, number], km: number, bearing: number): [number, number] {
  const d = km / EARTH_KM;
  const φ1 = rad(lat);
  const λ1 = rad(lon);
  const θ = rad(bearing);
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return [deg(λ2), deg(φ2)];
}

const SEGMENTS = [
  { km: 40, bearing: 10 },
  { km: 35, bearing: 60 },
  { km: 55, bearing: 150 },
  { km: 30, bearing: 95 },
];
const LINE_KM = SEGMENTS.reduce((sum, segment) => sum + segment.km, 0);
const START: [number, number] = [113.0, 23.0];
const vertices: [number, number][] = [START];
for (const segment of SEGMENTS) vertices.push(destination(vertices[vertices.length - 1]!, segment.km, segment.bearing));

/** The point at km k along the line (from its first vertex), moved `offset` km to its side. */
function post(k: number, offset = 0): [number, number] {
  let before = 0;
  for (const [index, segment] of SEGMENTS.entries()) {
    if (k <= before + segment.km || index === SEGMENTS.length - 1) {
      const onLine = destination(vertices[index]!, k - before, segment.bearing);
      return offset === 0 ? onLine : destination(onLine, offset, segment.bearing + 90);
    }
    before += segment.km;
  }
  throw new Error('unreachable');
}

const START_KM = 850;
const TRUE_KMS = [0, 12.5, 39.9, 40.1, 74, 101.3, 129.5, 160];

function base(corridor = 'S1') {
  return {
    ...EXAMPLE_DATASET,
    phases: EXAMPLE_DATASET.phases.map(({ maxGapKm: _gap, ...phase }) => phase),
    regions: [{ id: 'R', name: '示例', class: 'priority' }],
    traffic: [{ corridor, fromKm: START_KM, toKm: START_KM + LINE_KM + 1, aadt: 40_000 }],
    corridors: [{ id: 'replaced', startKm: 0, endKm: 1 }],
  };
}

const line = (properties: Record<string, unknown>, coordinates: unknown = vertices) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
const site = (id: string, at: [number, number], extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { id, name: `服务区 ${id}`, corridor: 'S1', region: 'R', ...extra },
  geometry: { type: 'Point', coordinates: at },
});
const layer = (features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('service areas from GeoJSON', () => {
  it('puts each service area within 0.05 km of its true kilometre post, points beside the line included', () => {
    // Prepare: posts on the line and 0.4 km to either side of it.
    const features = [
      line({ id: 'S1', name: '示例高速', startKm: START_KM }),
      ...TRUE_KMS.map((k, index) => site(`S1-${index}`, post(k, index % 2 === 0 ? 0 : (index % 4 === 1 ? 0.4 : -0.4)))),
    ];

    // Act
    const result = datasetFromGeoJson(layer(features), { value: base() });

    // Assess
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const kms = result.value.serviceAreas.map((area) => area.km);
    TRUE_KMS.forEach((k, index) => expect(Math.abs((kms[index] as number) - (START_KM + k))).toBeLessThan(0.05));
    expect(result.value.corridors).toEqual([{ id: 'S1', name: '示例高速', startKm: START_KM, endKm: expect.closeTo(START_KM + LINE_KM, 1) }]);
    expect(Math.abs(result.value.corridors[0]!.endKm - (START_KM + LINE_KM))).toBeLessThan(0.05);
    expect(result.value.serviceAreas[1]).toMatchObject({ id: 'S1-1', name: '服务区 S1-1', corridor: 'S1', region: 'R', lat: post(12.5, 0.4)[1], lon: post(12.5, 0.4)[0] });
  });

  it('measures along a MultiLineString through its parts in order, from startKm 0 by default', () => {
    const first = vertices.slice(0, 3);
    const second = vertices.slice(2);
    const features = [
      { type: 'Feature', properties: { id: 'S1' }, geometry: { type: 'MultiLineString', coordinates: [first, second] } },
      site('A', post(20)),
      site('B', post(120, 0.2)),
    ];
    const result = datasetFromGeoJson(layer(features), { value: { ...base(), traffic: [{ corridor: 'S1', fromKm: 0, toKm: 200, aadt: 40_000 }] } });

    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(Math.abs(result.value.serviceAreas[0]!.km - 20)).toBeLessThan(0.05);
    expect(Math.abs(result.value.serviceAreas[1]!.km - 120)).toBeLessThan(0.05);
    expect(result.value.corridors[0]!.startKm).toBe(0);
  });

  it('reports a point 3 km off its line by its feature index, and does not snap it', () => {
    const features = [line({ id: 'S1', startKm: START_KM }), site('ON', post(50)), site('OFF', post(90, 3))];

    const result = datasetFromGeoJson(layer(features), { value: base() });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toMatchObject([{ path: 'features[2].geometry', message: expect.stringMatching(/^lies 3\.0\d km from the line of corridor S1; .*within 1 km/) }]);
  });

  it('names features whose corridor has no line, whose properties are unknown or carry km, and base problems by their path', () => {
    const features = [
      line({ id: 'S1', startKm: START_KM }),
      site('A', post(10), { corridor: 'G99' }),
      site('B', post(20), { km: 870, lanes: 4 }),
      site('C', post(30), { status: 'maybe' }),
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
    ];
    const brokenBase = { ...base(), baseYear: 2030 };

    const result = datasetFromGeoJson(layer(features), { value: brokenBase });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(({ path, message }) => ({ path, message }))).toEqual(expect.arrayContaining([
      { path: 'features[1].properties.corridor', message: expect.stringContaining('no LineString or MultiLineString with id "G99"') },
      { path: 'features[2].properties.km', message: expect.stringContaining('comes from the geometry') },
      { path: 'features[2].properties.lanes', message: expect.stringContaining('unknown property') },
      { path: 'features[3].properties.status', message: expect.stringContaining('must be one of') },
      { path: 'features[4].geometry.type', message: expect.stringContaining('Polygon') },
      { path: 'phases[0].year', message: expect.stringContaining('greater than baseYear') },
    ]));
  });

  it('rejects what is not a FeatureCollection', () => {
    expect(datasetFromGeoJson({ type: 'Feature' }, { value: base() })).toMatchObject({ ok: false, issues: [{ path: '$', message: 'must be a GeoJSON FeatureCollection' }] });
  });
});
