import { describe, expect, it } from 'vitest';
import { placeAt } from '../../web/src/place.js';
import { infeasibleDemo } from '../functions/helpers/data.js';

/*
 * Where the web app draws a proposed new site (SPEC 7.3): the infeasible demo's
 * G1512 stretch from 兰阳服务区 (km 1037.4) to 金源服务区 (km 1196.8), whose two
 * excluded service areas in between have coordinates of their own.
 */
const dataset = infeasibleDemo();
const sites = dataset.serviceAreas.map((area) => ({ corridor: area.corridor, km: area.km, lat: area.lat ?? null, lon: area.lon ?? null, status: area.status ?? 'candidate' }));
const area = (id: string) => dataset.serviceAreas.find((candidate) => candidate.id === id)!;
const stretch = { corridor: 'G1512', fromKm: 1037.4, toKm: 1196.8 };

describe('the place of a proposed new site', () => {
  it('interpolates between the two service areas that bound its stretch, not the excluded ones inside it', () => {
    const from = area('G1512-1037');
    const to = area('G1512-1197');
    const share = (1117.1 - 1037.4) / (1196.8 - 1037.4);

    const place = placeAt(sites, stretch, 1117.1)!;

    expect(place.lat).toBeCloseTo(from.lat! + share * (to.lat! - from.lat!), 9);
    expect(place.lon).toBeCloseTo(from.lon! + share * (to.lon! - from.lon!), 9);
  });

  it('lands on a bounding service area at its own km, and falls back to the nearest located pair when an end has no coordinates', () => {
    const from = area('G1512-1037');
    expect(placeAt(sites, stretch, 1037.4)).toEqual({ lat: from.lat, lon: from.lon });

    const withoutEnd = sites.map((site, index) => (dataset.serviceAreas[index]!.id === 'G1512-1197' ? { ...site, lat: null, lon: null } : site));
    const low = area('G1512-1099');
    const high = area('G1512-1156');
    const share = (1117.1 - low.km) / (high.km - low.km);
    const place = placeAt(withoutEnd, stretch, 1117.1)!;
    expect(place.lat).toBeCloseTo(low.lat! + share * (high.lat! - low.lat!), 9);
  });

  it('has no place beyond the last service area with coordinates (a stretch to the corridor end)', () => {
    expect(placeAt(sites, { corridor: 'G1512', fromKm: 1323.3, toKm: 1357.2 }, 1340)).toBeUndefined();
  });
});
