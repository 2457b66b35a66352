import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sitesToCsv, sitesToGeoJson, UnknownPhaseError } from '../../solver/export.js';
import type { Dataset, Plan } from '../../solver/types.js';

// A small province and a plan for it that follows SPEC section 5: one
// existing-covered site, one built in 2024, one never covered, one excluded.
const dataset: Dataset = {
  province: 'ZJ',
  name: '浙江省测试',
  baseYear: 2022,
  currency: 'CNY',
  phases: [
    { id: '2024', year: 2024, evShare: 0.05, targets: { priority: 0.5, standard: 0.4 } },
    { id: '2025', year: 2025, evShare: 0.08, targets: { priority: 0.8, standard: 0.6 }, maxGapKm: 120 },
  ],
  regions: [
    { id: 'HANGZHOU', name: '杭州市', class: 'priority' },
    { id: 'JINHUA', name: '金华市', class: 'standard' },
  ],
  corridors: [{ id: 'G60', name: '沪昆高速', startKm: 100, endKm: 300 }],
  serviceAreas: [
    { id: 'G60-120', name: '临平服务区', corridor: 'G60', km: 120.5, region: 'HANGZHOU', lat: 30.42, lon: 120.3, existingPiles: 2, gridKw: 240 },
    { id: 'G60-170', name: '诸暨, "东"服务区', corridor: 'G60', km: 170, region: 'HANGZHOU', lat: 29.71, lon: 120.24 },
    { id: 'G60-220', name: '义乌\n服务区', corridor: 'G60', km: 220, region: 'JINHUA' },
    { id: 'G60-270', name: '=金华西服务区', corridor: 'G60', km: 270, region: 'JINHUA', lat: 29.1, lon: 119.6, status: 'excluded' },
  ],
  traffic: [{ corridor: 'G60', fromKm: 100, toKm: 300, aadt: 40000 }],
};

const plan: Plan = {
  status: 'optimal',
  objective: 3_012_000,
  bound: 3_012_000,
  gap: 0,
  phases: [
    { id: '2024', year: 2024, capex: 2_508_000, newSites: 1, piles: 6, coverage: [] },
    { id: '2025', year: 2025, capex: 504_000, newSites: 0, piles: 8, coverage: [] },
  ],
  sites: [
    { id: 'G60-120', buildPhase: 'existing', piles: { '2024': 2, '2025': 3 }, capex: { '2024': 0, '2025': 252_000 }, shortfall: { '2024': 0, '2025': 0 } },
    { id: 'G60-170', buildPhase: '2024', piles: { '2024': 4, '2025': 5 }, capex: { '2024': 2_508_000, '2025': 252_000 }, shortfall: { '2024': 0, '2025': 1 } },
    { id: 'G60-220', buildPhase: null, piles: { '2024': 0, '2025': 0 }, capex: {}, shortfall: {} },
    { id: 'G60-270', buildPhase: null, piles: { '2024': 0, '2025': 0 }, capex: {}, shortfall: {} },
  ],
  warnings: [],
  diagnosis: [],
  warningDetails: [],
  diagnosisDetails: [],
  stats: { ms: 1, engine: 'test', columns: 0, rows: 0 },
};

/** Splits RFC 4180 text into records of fields (quoted fields may hold CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

describe('sitesToCsv', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    // Act
    const csv = sitesToCsv(dataset, plan);

    // Assess
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\r')).toBe(false);
  });

  it('writes a header and one row per service area, in data set order, with every phase', () => {
    // Act
    const rows = parseCsv(sitesToCsv(dataset, plan).slice(1));

    // Assess
    expect(rows).toHaveLength(dataset.serviceAreas.length + 1);
    expect(rows[0]).toEqual([
      'id', 'name', 'corridor', 'km', 'region', 'regionClass', 'lat', 'lon', 'status', 'buildPhase',
      'piles_2024', 'piles_2025', 'capex_2024', 'capex_2025', 'shortfall_2024', 'shortfall_2025',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(dataset.serviceAreas.map((s) => s.id));
    expect(rows[1]).toEqual([
      'G60-120', '临平服务区', 'G60', '120.5', 'HANGZHOU', 'priority', '30.42', '120.3', 'candidate', 'existing',
      '2', '3', '0', '252000', '0', '0',
    ]);
  });

  it('keeps Chinese names intact and quotes commas, double quotes and newlines', () => {
    // Act
    const csv = sitesToCsv(dataset, plan);
    const rows = parseCsv(csv.slice(1));

    // Assess
    expect(csv).toContain('"诸暨, ""东""服务区"');
    expect(csv).toContain('"义乌\n服务区"');
    expect(rows[2]?.[1]).toBe('诸暨, "东"服务区');
    expect(rows[3]?.[1]).toBe('义乌\n服务区');
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });

  it('leaves empty cells for a never-covered site and for coordinates it lacks', () => {
    // Act
    const rows = parseCsv(sitesToCsv(dataset, plan).slice(1));

    // Assess
    expect(rows[3]).toEqual([
      'G60-220', '义乌\n服务区', 'G60', '220', 'JINHUA', 'standard', '', '', 'candidate', '',
      '0', '0', '', '', '', '',
    ]);
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    // Act
    const rows = parseCsv(sitesToCsv(dataset, plan).slice(1));

    // Assess
    expect(rows[4]?.[1]).toBe("'=金华西服务区");
    expect(rows[4]?.[8]).toBe('excluded');
  });

  it('writes only the asked phase plus coveredInPhase when given a phase', () => {
    // Act
    const rows = parseCsv(sitesToCsv(dataset, plan, '2024').slice(1));

    // Assess
    expect(rows[0]?.slice(10)).toEqual(['piles_2024', 'capex_2024', 'shortfall_2024', 'coveredInPhase']);
    expect(rows.slice(1).map((r) => r.slice(10))).toEqual([
      ['2', '0', '0', 'true'],
      ['4', '2508000', '0', 'true'],
      ['0', '', '', 'false'],
      ['0', '', '', 'false'],
    ]);
  });

  it('round-trips any name and id through RFC 4180 parsing (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', minLength: 1 }), (name, id) => {
        // Prepare
        const ds: Dataset = { ...dataset, serviceAreas: [{ ...dataset.serviceAreas[1]!, id, name }] };
        const pl: Plan = { ...plan, sites: [{ ...plan.sites[1]!, id }] };

        // Act
        const rows = parseCsv(sitesToCsv(ds, pl).slice(1));

        // Assess
        const defused = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
        expect(rows).toHaveLength(2);
        expect(rows[1]?.[0]).toBe(defused(id));
        expect(rows[1]?.[1]).toBe(defused(name));
        expect(rows[1]?.[10]).toBe('4');
      }),
      { seed: 4180, numRuns: 300 },
    );
  });

  it('rejects an unknown phase with UnknownPhaseError', () => {
    // Act
    const act = (): string => sitesToCsv(dataset, plan, '2030');

    // Assess
    expect(act).toThrow(UnknownPhaseError);
    expect(act).toThrow(/2030/);
  });
});

describe('sitesToGeoJson', () => {
  it('returns a FeatureCollection with one feature per service area, Points as [lon, lat]', () => {
    // Act
    const fc = sitesToGeoJson(dataset, plan);

    // Assess
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(dataset.serviceAreas.length);
    expect(fc.features.map((f) => f.id)).toEqual(dataset.serviceAreas.map((s) => s.id));
    expect(fc.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [120.3, 30.42] });
    for (const f of fc.features) expect(f.type).toBe('Feature');
  });

  it('gives a site without coordinates a null geometry and keeps its properties', () => {
    // Act
    const feature = sitesToGeoJson(dataset, plan).features[2];

    // Assess
    expect(feature?.geometry).toBeNull();
    expect(feature?.properties).toMatchObject({ id: 'G60-220', name: '义乌\n服务区', region: 'JINHUA', buildPhase: null });
  });

  it('carries the plan figures and coverage for every phase', () => {
    // Act
    const props = sitesToGeoJson(dataset, plan).features.map((f) => f.properties);

    // Assess
    expect(props[1]).toEqual({
      id: 'G60-170',
      name: '诸暨, "东"服务区',
      corridor: 'G60',
      km: 170,
      region: 'HANGZHOU',
      regionClass: 'priority',
      status: 'candidate',
      buildPhase: '2024',
      piles: { '2024': 4, '2025': 5 },
      capex: { '2024': 2_508_000, '2025': 252_000 },
      shortfall: { '2024': 0, '2025': 1 },
      covered: { '2024': true, '2025': true },
    });
    expect(props[2]?.covered).toEqual({ '2024': false, '2025': false });
    expect(props[2]?.capex).toEqual({ '2024': null, '2025': null });
    expect(props[0]?.covered).toEqual({ '2024': true, '2025': true });
  });

  it('flattens the figures to one phase when given a phase', () => {
    // Act
    const props = sitesToGeoJson(dataset, plan, '2025').features.map((f) => f.properties);

    // Assess
    expect(props[1]).toMatchObject({ phase: '2025', piles: 5, capex: 252_000, shortfall: 1, covered: true });
    expect(props[3]).toMatchObject({ phase: '2025', piles: 0, capex: null, shortfall: null, covered: false, status: 'excluded' });
  });

  it('survives a JSON round trip unchanged (no undefined values)', () => {
    // Act
    const fc = sitesToGeoJson(dataset, plan);

    // Assess
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });

  it('rejects an unknown phase with UnknownPhaseError', () => {
    // Act
    const act = (): unknown => sitesToGeoJson(dataset, plan, 'nope');

    // Assess
    expect(act).toThrow(UnknownPhaseError);
    try {
      act();
    } catch (err) {
      expect((err as UnknownPhaseError).name).toBe('UnknownPhaseError');
      expect((err as UnknownPhaseError).knownPhases).toEqual(['2024', '2025']);
    }
  });
});
