import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataset, validateDataset } from '../../solver/index.js';
import type { ValidationIssue, ValidationResult } from '../../solver/index.js';
import { DATASET_LIMITS, makeStretchLookup } from '../../solver/validate.js';

// The data set of SPEC section 1, as plain JSON.
function example(): Record<string, any> {
  return {
    province: 'GD',
    name: '广东省高速公路快充网络 2023-2025',
    baseYear: 2022,
    currency: 'CNY',
    phases: [
      { id: '2023', year: 2023, evShare: 0.04, targets: { priority: 0.5, standard: 0.4 } },
      { id: '2024', year: 2024, evShare: 0.06, targets: { priority: 0.65, standard: 0.5 }, budget: 90000000 },
      { id: '2025', year: 2025, evShare: 0.08, targets: { priority: 0.8, standard: 0.6 }, maxGapKm: 100 },
    ],
    regions: [
      { id: 'PRD', name: '珠三角', class: 'priority' },
      { id: 'NORTH', class: 'standard' },
    ],
    corridors: [{ id: 'G4', name: '京港澳高速', startKm: 0, endKm: 310 }],
    serviceAreas: [
      {
        id: 'G4-012',
        name: '某某服务区',
        corridor: 'G4',
        km: 12.4,
        region: 'PRD',
        lat: 23.41,
        lon: 113.22,
        existingPiles: 0,
        maxPiles: 16,
        gridKw: 250,
        status: 'required',
        requiredBy: '2024',
        siteCost: 1200000,
      },
    ],
    traffic: [
      { corridor: 'G4', fromKm: 0, toKm: 120, aadt: 68000 },
      { corridor: 'G4', fromKm: 120, toKm: 310, aadt: 41000 },
    ],
    assumptions: {
      trafficGrowth: 0.03,
      chargeRate: 0.05,
      peakHourShare: 0.1,
      sessionMinutes: 30,
      maxWaitProbability: 0.2,
      pileKw: 120,
      minPilesPerSite: 2,
      maxPilesPerSite: 20,
    },
    costs: { site: 1500000, perPile: 180000, gridPerKw: 600, discountRate: 0.0 },
  };
}

/** The example with a second, plain candidate service area at km `km`. */
function withSite(site: Record<string, unknown>): Record<string, any> {
  const data = example();
  data.serviceAreas.push({ id: 'G4-200', corridor: 'G4', km: 200, region: 'NORTH', ...site });
  return data;
}

/** The issues as a client reads them in English: path and message (codes are checked in messages-corpus.test.ts). */
function issuesOf(result: ValidationResult): ValidationIssue[] {
  return result.ok ? [] : result.issues.map(({ path, message }) => ({ path, message }));
}

function expectIssue(input: unknown, path: string, message: string | RegExp): void {
  const result = validateDataset(input);
  expect(result.ok).toBe(false);
  const issues = issuesOf(result);
  const match = issues.find(
    (issue) => issue.path === path && (typeof message === 'string' ? issue.message === message : message.test(issue.message)),
  );
  expect(match, `expected ${path}: ${String(message)} among ${JSON.stringify(issues, null, 1)}`).toBeDefined();
}

function expectValid(input: unknown): void {
  const result = validateDataset(input);
  expect(issuesOf(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

describe('validateDataset: valid data sets', () => {
  it('accepts the example data set of the specification', () => {
    expectValid(example());
  });

  it('returns the very data set it was given, with no defaults filled in', () => {
    // Prepare
    const data = example();
    delete data.assumptions;
    delete data.serviceAreas[0].existingPiles;
    const before = structuredClone(data);
    // Act
    const result = validateDataset(data);
    // Assess
    expect(result.ok && result.dataset).toBe(data);
    expect(data).toEqual(before);
  });

  it('accepts a data set with zero service areas', () => {
    const data = example();
    data.serviceAreas = [];
    expectValid(data);
  });

  it('accepts a region with no service areas', () => {
    const data = example();
    data.regions.push({ id: 'WEST', class: 'standard' });
    expectValid(data);
  });

  it('accepts a data set without assumptions and costs', () => {
    const data = example();
    delete data.assumptions;
    delete data.costs;
    expectValid(data);
  });

  it('accepts empty assumptions and costs objects', () => {
    const data = example();
    data.assumptions = {};
    data.costs = {};
    expectValid(data);
  });

  it('accepts a service area with only its required fields', () => {
    expectValid(withSite({}));
  });

  it('accepts a phase that states no targets', () => {
    const data = example();
    delete data.phases[0].targets;
    expectValid(data);
  });

  it('treats an empty targets object as stating no targets', () => {
    const data = example();
    data.phases[1].targets = {};
    expectValid(data);
  });

  it('accepts targets that leave out a class no region has', () => {
    const data = example();
    data.regions = [data.regions[0]];
    data.phases[0].targets = { priority: 0.5 };
    expectValid(data);
  });

  it('accepts fractional session minutes and a discount rate above 1', () => {
    const data = example();
    data.assumptions.sessionMinutes = 27.5;
    data.costs.discountRate = 1.5;
    expectValid(data);
  });

  it('accepts the bounds of every closed range', () => {
    const data = example();
    data.phases[0].evShare = 0;
    data.phases[1].evShare = 1;
    data.phases[0].targets = { priority: 0, standard: 1 };
    data.phases[1].budget = 0;
    data.assumptions = {
      trafficGrowth: 0,
      chargeRate: 1,
      peakHourShare: 1,
      maxWaitProbability: 1,
      minPilesPerSite: 1,
      maxPilesPerSite: 0,
    };
    data.costs = { site: 0, perPile: 0, gridPerKw: 0, discountRate: 0 };
    Object.assign(data.serviceAreas[0], { lat: -90, lon: 180, existingPiles: 16, maxPiles: 16, gridKw: 0, siteCost: 0 });
    data.traffic[0].aadt = 0;
    expectValid(data);
  });

  it('accepts existing piles up to the default pile cap when maxPiles is omitted', () => {
    const data = withSite({ existingPiles: 20 });
    delete data.assumptions;
    expectValid(data);
  });

  it('accepts a required service area without requiredBy', () => {
    expectValid(withSite({ status: 'required' }));
  });

  it('accepts traffic stretches that touch, leave gaps, or lie on several corridors', () => {
    const data = example();
    data.corridors.push({ id: 'G15', startKm: -5, endKm: 50 });
    data.traffic = [
      { corridor: 'G4', fromKm: 120, toKm: 310, aadt: 41000 },
      { corridor: 'G4', fromKm: 0, toKm: 20, aadt: 68000 },
      { corridor: 'G15', fromKm: -5, toKm: 50, aadt: 10000 },
    ];
    expectValid(data);
  });

  it('accepts a service area at the end of the stretch reaching furthest on its corridor', () => {
    expectValid(withSite({ km: 310 }));
  });

  it('accepts a service area at the start of a stretch that follows a gap', () => {
    const data = withSite({ km: 150 });
    data.traffic = [
      { corridor: 'G4', fromKm: 0, toKm: 100, aadt: 1 },
      { corridor: 'G4', fromKm: 150, toKm: 310, aadt: 1 },
    ];
    expectValid(data);
  });

  it('accepts a service area within 1e-6 km outside its corridor', () => {
    const data = withSite({ km: 310 + 5e-7 });
    expectValid(data);
  });

  it('accepts any order of its arrays', () => {
    const data = example();
    data.regions.reverse();
    data.traffic.reverse();
    expectValid(data);
  });
});

describe('validateDataset: shape and types', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'GD'],
    ['a number', 42],
  ])('rejects a data set that is %s', (_label, input) => {
    const result = validateDataset(input);
    expect(issuesOf(result)).toHaveLength(1);
    expect(issuesOf(result)[0]?.path).toBe('$');
    expect(issuesOf(result)[0]?.message).toMatch(/^must be an object, got /);
  });

  it.each(['province', 'name', 'baseYear', 'currency', 'phases', 'regions', 'corridors', 'serviceAreas', 'traffic'])(
    'rejects a data set without %s',
    (key) => {
      const data = example();
      delete data[key];
      expectIssue(data, key, 'required');
    },
  );

  it.each([
    ['a space', 'G D'],
    ['more than 16 characters', 'ABCDEFGHIJKLMNOPQ'],
    ['nothing', ''],
    ['Chinese characters', '广东'],
  ])('rejects a province code with %s', (_label, province) => {
    const data = example();
    data.province = province;
    expectIssue(data, 'province', `must be 1 to 16 letters, digits, "_" or "-", got ${JSON.stringify(province)}`);
  });

  it('accepts a province code of 16 letters, digits, "_" and "-"', () => {
    const data = example();
    data.province = 'Ab-9_Ab-9_Ab-9_x';
    expectValid(data);
  });

  it('rejects a name or currency that is not a string', () => {
    const data = example();
    data.name = 7;
    data.currency = null;
    expectIssue(data, 'name', 'must be a string, got the number 7');
    expectIssue(data, 'currency', 'must be a string, got null');
  });

  it('rejects a number given as a string', () => {
    const data = example();
    data.phases[0].evShare = '0.04';
    expectIssue(data, 'phases[0].evShare', 'must be a number, got a string ("0.04")');
  });

  it('rejects null where a number is expected, even for an optional field', () => {
    const data = example();
    data.serviceAreas[0].gridKw = null;
    expectIssue(data, 'serviceAreas[0].gridKw', 'must be a number, got null');
  });

  it('rejects numbers that are not finite', () => {
    const data = example();
    data.traffic[0].aadt = Number.POSITIVE_INFINITY;
    data.serviceAreas[0].km = Number.NaN;
    expectIssue(data, 'traffic[0].aadt', 'must be a finite number, got Infinity');
    expectIssue(data, 'serviceAreas[0].km', 'must be a finite number, got NaN');
  });

  it.each([
    ['baseYear', (d: any) => (d.baseYear = 2022.5), 'baseYear'],
    ['a phase year', (d: any) => (d.phases[2].year = 2025.5), 'phases[2].year'],
    ['existingPiles', (d: any) => (d.serviceAreas[0].existingPiles = 1.5), 'serviceAreas[0].existingPiles'],
    ['maxPiles', (d: any) => (d.serviceAreas[0].maxPiles = 15.5), 'serviceAreas[0].maxPiles'],
    ['minPilesPerSite', (d: any) => (d.assumptions.minPilesPerSite = 2.5), 'assumptions.minPilesPerSite'],
    ['maxPilesPerSite', (d: any) => (d.assumptions.maxPilesPerSite = 19.5), 'assumptions.maxPilesPerSite'],
  ])('rejects a fractional %s', (_label, mutate, path) => {
    const data = example();
    mutate(data);
    expectIssue(data, path, /^must be a whole number, got \d+\.5$/);
  });

  it.each([
    ['phases', 'phases'],
    ['regions', 'regions'],
    ['corridors', 'corridors'],
    ['serviceAreas', 'serviceAreas'],
    ['traffic', 'traffic'],
  ])('rejects %s that is not an array', (key) => {
    const data = example();
    data[key] = {};
    expectIssue(data, key, 'must be an array, got an object');
  });

  it('rejects an array item that is not an object', () => {
    const data = example();
    data.serviceAreas.push('G4-300');
    expectIssue(data, 'serviceAreas[1]', 'must be an object, got a string ("G4-300")');
  });

  it('rejects assumptions or costs that are not objects', () => {
    const data = example();
    data.assumptions = null;
    data.costs = [];
    expectIssue(data, 'assumptions', 'must be an object, got null');
    expectIssue(data, 'costs', 'must be an object, got an array');
  });
});

describe('validateDataset: unknown keys', () => {
  it.each([
    ['at the top level', (d: any) => (d.provnce = 'GD'), 'provnce'],
    ['in assumptions', (d: any) => (d.assumptions.chargeRte = 0.1), 'assumptions.chargeRte'],
    ['in costs', (d: any) => (d.costs.sites = 1), 'costs.sites'],
    ['in a phase', (d: any) => (d.phases[1].budjet = 1), 'phases[1].budjet'],
    ['in targets', (d: any) => (d.phases[0].targets.urban = 0.5), 'phases[0].targets.urban'],
    ['in a region', (d: any) => (d.regions[1].klass = 'standard'), 'regions[1].klass'],
    ['in a corridor', (d: any) => (d.corridors[0].lengthKm = 310), 'corridors[0].lengthKm'],
    ['in a service area', (d: any) => (d.serviceAreas[0].existingPile = 2), 'serviceAreas[0].existingPile'],
    ['in a traffic stretch', (d: any) => (d.traffic[1].AADT = 2), 'traffic[1].AADT'],
  ])('rejects an unknown key %s', (_label, mutate, path) => {
    const data = example();
    mutate(data);
    expectIssue(data, path, 'unknown key');
  });

  it('quotes an unknown key that is not a plain name', () => {
    const data = example();
    data.assumptions['charge rate'] = 0.1;
    data['max piles'] = 1;
    expectIssue(data, 'assumptions["charge rate"]', 'unknown key');
    expectIssue(data, '$["max piles"]', 'unknown key');
  });

  it('rejects a __proto__ key in parsed JSON as an unknown key', () => {
    const text = JSON.stringify(example()).replace('"assumptions":{', '"assumptions":{"__proto__":{"x":1},');
    const result = parseDataset(text);
    expect(issuesOf(result)).toEqual([{ path: 'assumptions.__proto__', message: 'unknown key' }]);
  });
});

describe('validateDataset: ids and references', () => {
  it.each([
    ['phases', 'phases[1]'],
    ['regions', 'regions[1]'],
    ['corridors', 'corridors[1]'],
    ['serviceAreas', 'serviceAreas[1]'],
  ])('rejects a duplicate id among %s', (kind, path) => {
    const data = example();
    const copy = { ...data[kind][0] };
    if (kind === 'phases') copy.year = 2030;
    data[kind].splice(1, 0, copy);
    expectIssue(data, `${path}.id`, `duplicate id ${data[kind][0].id} (also ${kind}[0].id)`);
  });

  it.each(['phases', 'regions', 'corridors', 'serviceAreas'])('rejects an empty id among %s', (kind) => {
    const data = example();
    data[kind][0].id = '';
    expectIssue(data, `${kind}[0].id`, 'must not be empty');
  });

  it('rejects an id that is a number', () => {
    const data = example();
    data.phases[0].id = 2023;
    expectIssue(data, 'phases[0].id', 'must be a string, got the number 2023');
  });

  it('rejects a service area on an unknown corridor', () => {
    const data = withSite({ corridor: 'NO-SUCH-ROAD' });
    expectIssue(data, 'serviceAreas[1].corridor', 'unknown corridor NO-SUCH-ROAD');
  });

  it('rejects a service area in an unknown region', () => {
    const data = withSite({ region: 'SOUTH' });
    expectIssue(data, 'serviceAreas[1].region', 'unknown region SOUTH');
  });

  it('rejects a traffic stretch on an unknown corridor', () => {
    const data = example();
    data.traffic.push({ corridor: 'G5', fromKm: 0, toKm: 10, aadt: 1 });
    expectIssue(data, 'traffic[2].corridor', 'unknown corridor G5');
  });

  it('rejects requiredBy naming an unknown phase', () => {
    const data = example();
    data.serviceAreas[0].requiredBy = '2030';
    expectIssue(data, 'serviceAreas[0].requiredBy', 'unknown phase 2030');
  });

  it('reports unknown references without flooding when the referenced list itself is broken', () => {
    const data = example();
    data.corridors = 'G4';
    const issues = issuesOf(validateDataset(data));
    expect(issues).toEqual([{ path: 'corridors', message: 'must be an array, got a string ("G4")' }]);
  });
});

describe('validateDataset: regions and targets', () => {
  it('rejects a data set whose region has no class', () => {
    const data = example();
    delete data.regions[1].class;
    expectIssue(data, 'regions[1].class', 'required');
  });

  it('rejects a region class other than priority or standard', () => {
    const data = example();
    data.regions[1].class = 'rural';
    expectIssue(data, 'regions[1].class', 'must be one of "priority", "standard", got "rural"');
  });

  it('rejects a phase that states targets but none for a class some region has', () => {
    const data = example();
    data.phases[2].targets = { priority: 0.8 };
    expectIssue(
      data,
      'phases[2].targets.standard',
      'required: region NORTH (regions[1]) has class standard and this phase states targets',
    );
  });

  it('rejects a target outside [0, 1]', () => {
    const data = example();
    data.phases[0].targets.priority = 1.2;
    data.phases[0].targets.standard = -0.1;
    expectIssue(data, 'phases[0].targets.priority', 'must be between 0 and 1, got 1.2');
    expectIssue(data, 'phases[0].targets.standard', 'must be between 0 and 1, got -0.1');
  });

  it('rejects targets that are not an object', () => {
    const data = example();
    data.phases[0].targets = 0.5;
    expectIssue(data, 'phases[0].targets', 'must be an object, got the number 0.5');
  });
});

describe('validateDataset: phases and years', () => {
  it('rejects a data set with no phases', () => {
    const data = example();
    data.phases = [];
    data.serviceAreas[0].status = 'candidate';
    delete data.serviceAreas[0].requiredBy;
    expectIssue(data, 'phases', 'must list at least one phase');
  });

  it('rejects more than 10 phases', () => {
    const data = example();
    data.phases = Array.from({ length: 11 }, (_, i) => ({ id: `P${i}`, year: 2023 + i, evShare: 0.1 }));
    expectIssue(data, 'phases', 'at most 10 phases are allowed, got 11');
  });

  it('accepts exactly 10 phases', () => {
    const data = example();
    data.phases = Array.from({ length: 10 }, (_, i) => ({ id: `${2023 + i}`, year: 2023 + i, evShare: 0.1 }));
    expectValid(data);
  });

  it('rejects a phase year that does not come after the base year', () => {
    const data = example();
    data.baseYear = 2023;
    expectIssue(data, 'phases[0].year', 'must be greater than baseYear (2023)');
  });

  it('rejects phase years that do not strictly increase', () => {
    const data = example();
    data.phases[1].year = 2023;
    expectIssue(data, 'phases[1].year', 'must be greater than phases[0].year (2023)');
  });

  it('rejects phases listed out of year order', () => {
    const data = example();
    data.phases.reverse();
    expectIssue(data, 'phases[1].year', 'must be greater than phases[0].year (2025)');
  });

  it('rejects the reserved phase id "existing"', () => {
    const data = example();
    data.phases[0].id = 'existing';
    expectIssue(data, 'phases[0].id', /^"existing" is reserved/);
  });

  it('rejects a phase without a year or an EV share', () => {
    const data = example();
    delete data.phases[0].year;
    delete data.phases[0].evShare;
    expectIssue(data, 'phases[0].year', 'required');
    expectIssue(data, 'phases[0].evShare', 'required');
  });
});

describe('validateDataset: ranges', () => {
  it.each([
    ['evShare', (d: any) => (d.phases[0].evShare = 1.01), 'phases[0].evShare', 'must be between 0 and 1, got 1.01'],
    ['trafficGrowth', (d: any) => (d.assumptions.trafficGrowth = -0.01), 'assumptions.trafficGrowth', 'must be between 0 and 1, got -0.01'],
    ['chargeRate', (d: any) => (d.assumptions.chargeRate = 2), 'assumptions.chargeRate', 'must be between 0 and 1, got 2'],
    ['peakHourShare', (d: any) => (d.assumptions.peakHourShare = 1.5), 'assumptions.peakHourShare', 'must be between 0 and 1, got 1.5'],
    ['maxWaitProbability of 0', (d: any) => (d.assumptions.maxWaitProbability = 0), 'assumptions.maxWaitProbability', 'must be greater than 0 and at most 1, got 0'],
    ['maxWaitProbability above 1', (d: any) => (d.assumptions.maxWaitProbability = 1.1), 'assumptions.maxWaitProbability', 'must be greater than 0 and at most 1, got 1.1'],
    ['sessionMinutes of 0', (d: any) => (d.assumptions.sessionMinutes = 0), 'assumptions.sessionMinutes', 'must be greater than 0, got 0'],
    ['pileKw of 0', (d: any) => (d.assumptions.pileKw = 0), 'assumptions.pileKw', 'must be greater than 0, got 0'],
    ['maxGapKm of 0', (d: any) => (d.phases[2].maxGapKm = 0), 'phases[2].maxGapKm', 'must be greater than 0, got 0'],
    ['minPilesPerSite of 0', (d: any) => (d.assumptions.minPilesPerSite = 0), 'assumptions.minPilesPerSite', 'must be at least 1, got 0'],
    ['negative maxPilesPerSite', (d: any) => (d.assumptions.maxPilesPerSite = -1), 'assumptions.maxPilesPerSite', 'must be at least 0, got -1'],
    ['negative existingPiles', (d: any) => (d.serviceAreas[0].existingPiles = -1), 'serviceAreas[0].existingPiles', 'must be at least 0, got -1'],
    ['negative maxPiles', (d: any) => (d.serviceAreas[0].maxPiles = -2), 'serviceAreas[0].maxPiles', 'must be at least 0, got -2'],
    ['negative gridKw', (d: any) => (d.serviceAreas[0].gridKw = -1), 'serviceAreas[0].gridKw', 'must be at least 0, got -1'],
    ['negative siteCost', (d: any) => (d.serviceAreas[0].siteCost = -1), 'serviceAreas[0].siteCost', 'must be at least 0, got -1'],
    ['negative site cost', (d: any) => (d.costs.site = -1), 'costs.site', 'must be at least 0, got -1'],
    ['negative perPile', (d: any) => (d.costs.perPile = -1), 'costs.perPile', 'must be at least 0, got -1'],
    ['negative gridPerKw', (d: any) => (d.costs.gridPerKw = -1), 'costs.gridPerKw', 'must be at least 0, got -1'],
    ['negative discountRate', (d: any) => (d.costs.discountRate = -0.01), 'costs.discountRate', 'must be at least 0, got -0.01'],
    ['negative budget', (d: any) => (d.phases[1].budget = -5), 'phases[1].budget', 'must be at least 0, got -5'],
    ['negative aadt', (d: any) => (d.traffic[0].aadt = -1), 'traffic[0].aadt', 'must be at least 0, got -1'],
    ['latitude beyond 90', (d: any) => (d.serviceAreas[0].lat = 91), 'serviceAreas[0].lat', 'must be between -90 and 90, got 91'],
    ['longitude beyond 180', (d: any) => (d.serviceAreas[0].lon = -181), 'serviceAreas[0].lon', 'must be between -180 and 180, got -181'],
  ])('rejects %s', (_label, mutate, path, message) => {
    const data = example();
    mutate(data);
    expectIssue(data, path, message);
  });

  it('rejects more existing piles than maxPiles', () => {
    const data = example();
    data.serviceAreas[0].existingPiles = 17;
    expectIssue(data, 'serviceAreas[0].existingPiles', 'must be at most maxPiles (16)');
  });

  it('rejects more existing piles than maxPilesPerSite when maxPiles is omitted', () => {
    const data = withSite({ existingPiles: 9 });
    data.assumptions.maxPilesPerSite = 8;
    expectIssue(
      data,
      'serviceAreas[1].existingPiles',
      'must be at most maxPilesPerSite (8), which applies as maxPiles is omitted',
    );
  });

  it('rejects more existing piles than the default maxPilesPerSite of 20 when neither cap is given', () => {
    const data = withSite({ existingPiles: 21 });
    delete data.assumptions;
    expectIssue(
      data,
      'serviceAreas[1].existingPiles',
      'must be at most maxPilesPerSite (20), which applies as maxPiles is omitted',
    );
  });
});

describe('validateDataset: corridors, kilometres and traffic', () => {
  it('rejects a corridor whose end does not come after its start', () => {
    const data = example();
    data.corridors[0].endKm = 0;
    expectIssue(data, 'corridors[0].endKm', 'must be greater than startKm (0)');
  });

  it('rejects a traffic stretch whose end does not come after its start', () => {
    const data = example();
    data.traffic[1].toKm = 120;
    expectIssue(data, 'traffic[1].toKm', 'must be greater than fromKm (120)');
  });

  it('rejects a service area outside its corridor', () => {
    const data = withSite({ km: 310.01 });
    expectIssue(data, 'serviceAreas[1].km', '310.01 is outside corridor G4 (km 0 to 310)');
  });

  it('rejects a service area before the start of its corridor', () => {
    const data = withSite({ km: -1 });
    expectIssue(data, 'serviceAreas[1].km', '-1 is outside corridor G4 (km 0 to 310)');
  });

  it('rejects overlapping traffic stretches of one corridor', () => {
    const data = example();
    data.traffic[1].fromKm = 100;
    expectIssue(data, 'traffic[1]', 'overlaps traffic[0] on corridor G4 (km 0 to 120)');
  });

  it('rejects a traffic stretch lying inside another one', () => {
    const data = example();
    data.traffic.push({ corridor: 'G4', fromKm: 10, toKm: 20, aadt: 1 });
    expectIssue(data, 'traffic[2]', 'overlaps traffic[0] on corridor G4 (km 0 to 120)');
  });

  it('accepts identical stretches on different corridors', () => {
    const data = example();
    data.corridors.push({ id: 'G15', startKm: 0, endKm: 310 });
    data.traffic.push(...data.traffic.map((s: any) => ({ ...s, corridor: 'G15' })));
    expectValid(data);
  });

  it('rejects a service area in a gap between traffic stretches', () => {
    const data = withSite({ km: 130 });
    data.traffic = [
      { corridor: 'G4', fromKm: 0, toKm: 120, aadt: 1 },
      { corridor: 'G4', fromKm: 150, toKm: 310, aadt: 1 },
    ];
    expectIssue(data, 'serviceAreas[1].km', '130 is on no traffic stretch of corridor G4');
  });

  it('rejects a service area at the open end of a stretch followed by a gap', () => {
    const data = withSite({ km: 120 });
    data.traffic = [
      { corridor: 'G4', fromKm: 0, toKm: 120, aadt: 1 },
      { corridor: 'G4', fromKm: 150, toKm: 310, aadt: 1 },
    ];
    expectIssue(data, 'serviceAreas[1].km', '120 is on no traffic stretch of corridor G4');
  });

  it('rejects a service area on a corridor with no traffic stretches', () => {
    const data = example();
    data.corridors.push({ id: 'G15', startKm: 0, endKm: 50 });
    data.serviceAreas.push({ id: 'G15-010', corridor: 'G15', km: 10, region: 'NORTH' });
    expectIssue(data, 'serviceAreas[1].km', '10 is on no traffic stretch of corridor G15');
  });

  it('finds every site in a corridor with many stretches', () => {
    // Prepare: 20,000 one-km stretches and 5,000 sites, checked with binary search.
    const data = example();
    data.corridors[0].endKm = 20_000;
    data.traffic = Array.from({ length: 20_000 }, (_, i) => ({ corridor: 'G4', fromKm: i, toKm: i + 1, aadt: 1 }));
    data.serviceAreas = Array.from({ length: 5_000 }, (_, i) => ({
      id: `S${i}`,
      corridor: 'G4',
      km: i * 4 + 0.5,
      region: 'PRD',
    }));
    // Act + Assess
    expectValid(data);
  });
});

describe('validateDataset: status and requiredBy', () => {
  it('rejects an unknown status', () => {
    const data = withSite({ status: 'planned' });
    expectIssue(data, 'serviceAreas[1].status', 'must be one of "candidate", "excluded", "required", got "planned"');
  });

  it('rejects requiredBy on a candidate service area', () => {
    const data = withSite({ status: 'candidate', requiredBy: '2024' });
    expectIssue(data, 'serviceAreas[1].requiredBy', 'only allowed with status "required"');
  });

  it('rejects requiredBy on a service area without a status', () => {
    const data = withSite({ requiredBy: '2024' });
    expectIssue(data, 'serviceAreas[1].requiredBy', 'only allowed with status "required"');
  });
});

describe('validateDataset: sizes', () => {
  it('rejects more than 5,000 service areas without inspecting them', () => {
    const data = example();
    data.serviceAreas = Array.from({ length: 5_001 }, () => 'not even an object');
    expect(issuesOf(validateDataset(data))).toEqual([
      { path: 'serviceAreas', message: 'at most 5,000 service areas are allowed, got 5001' },
    ]);
  });

  it('accepts exactly 5,000 service areas', () => {
    const data = example();
    data.serviceAreas = Array.from({ length: 5_000 }, (_, i) => ({
      id: `S${i}`,
      corridor: 'G4',
      km: (i * 310) / 5_000,
      region: i % 2 ? 'PRD' : 'NORTH',
    }));
    expectValid(data);
  });

  it.each([
    ['regions', DATASET_LIMITS.regions, 'at most 5,000 regions are allowed, got 5001'],
    ['corridors', DATASET_LIMITS.corridors, 'at most 5,000 corridors are allowed, got 5001'],
    ['traffic', DATASET_LIMITS.traffic, 'at most 50,000 traffic stretches are allowed, got 50001'],
  ])('rejects more %s than the size guard allows', (key, limit, message) => {
    const data = example();
    data[key] = new Array(limit + 1).fill(0);
    expectIssue(data, key, message);
  });
});

describe('validateDataset: lengths of free text', () => {
  it.each([
    ['name', (data: Record<string, any>, text: string) => (data.name = text), 'name', DATASET_LIMITS.nameChars],
    ['currency', (data: Record<string, any>, text: string) => (data.currency = text), 'currency', DATASET_LIMITS.currencyChars],
    ['a region name', (data: Record<string, any>, text: string) => (data.regions[0].name = text), 'regions[0].name', DATASET_LIMITS.nameChars],
    ['a corridor name', (data: Record<string, any>, text: string) => (data.corridors[0].name = text), 'corridors[0].name', DATASET_LIMITS.nameChars],
    ['a service area name', (data: Record<string, any>, text: string) => (data.serviceAreas[0].name = text), 'serviceAreas[0].name', DATASET_LIMITS.nameChars],
    ['a region id', (data: Record<string, any>, text: string) => (data.regions[1].id = text), 'regions[1].id', DATASET_LIMITS.idChars],
    ['a corridor id', (data: Record<string, any>, text: string) => (data.corridors[0].id = text), 'corridors[0].id', DATASET_LIMITS.idChars],
    ['a phase id', (data: Record<string, any>, text: string) => (data.phases[0].id = text), 'phases[0].id', DATASET_LIMITS.idChars],
    ['a service area id', (data: Record<string, any>, text: string) => (data.serviceAreas[0].id = text), 'serviceAreas[0].id', DATASET_LIMITS.idChars],
  ])('allows %s up to its limit in characters, not bytes, and names it by path one past', (_what, set, path, limit) => {
    // Four-byte characters: a byte or UTF-16 count would reject the limit itself.
    const atLimit = example();
    set(atLimit, '🚗'.repeat(limit));
    const over = example();
    set(over, '🚗'.repeat(limit + 1));

    const accepted = validateDataset(atLimit);
    const refused = issuesOf(validateDataset(over));

    expect(issuesOf(accepted).filter((issue) => issue.path === path)).toEqual([]);
    expect(refused).toContainEqual({ path, message: `must be at most ${limit} characters, got ${limit + 1}` });
  });
});

describe('validateDataset: reporting', () => {
  it('reports every problem at once', () => {
    // Prepare
    const data = example();
    data.province = 'Guangdong Province';
    data.phases[1].year = 2022;
    data.regions[1].class = 'rural';
    data.serviceAreas[0].corridor = 'NO-SUCH-ROAD';
    data.serviceAreas[0].existingPiles = '2';
    data.traffic[0].aadt = -5;
    data.assumptions.chargeRte = 0.1;
    // Act
    const result = validateDataset(data);
    // Assess
    expect(issuesOf(result)).toEqual([
      { path: 'province', message: 'must be 1 to 16 letters, digits, "_" or "-", got "Guangdong Province"' },
      { path: 'assumptions.chargeRte', message: 'unknown key' },
      { path: 'phases[1].year', message: 'must be greater than baseYear (2022)' },
      { path: 'phases[1].year', message: 'must be greater than phases[0].year (2023)' },
      { path: 'regions[1].class', message: 'must be one of "priority", "standard", got "rural"' },
      { path: 'traffic[0].aadt', message: 'must be at least 0, got -5' },
      { path: 'serviceAreas[0].corridor', message: 'unknown corridor NO-SUCH-ROAD' },
      { path: 'serviceAreas[0].existingPiles', message: 'must be a number, got a string ("2")' },
    ]);
  });

  it('lists at most 100 issues and counts the rest', () => {
    const data = example();
    for (let i = 0; i < 1_200; i++) data[`extra${i}`] = i;
    const issues = issuesOf(validateDataset(data));
    expect(issues).toHaveLength(DATASET_LIMITS.issues + 1);
    expect(issues.at(-1)).toEqual({ path: '$', message: `${1_200 - DATASET_LIMITS.issues} more problems not listed` });
  });

  it('shortens a very long value in a message', () => {
    const data = withSite({ corridor: 'X'.repeat(10_000) });
    const issue = issuesOf(validateDataset(data)).find((i) => i.path === 'serviceAreas[1].corridor');
    expect(issue?.message).toBe(`unknown corridor ${'X'.repeat(37)}...`);
  });
});

describe('parseDataset', () => {
  it('parses and accepts the example data set', () => {
    const result = parseDataset(JSON.stringify(example()));
    expect(result.ok).toBe(true);
  });

  it('rejects malformed JSON with one issue carrying the parser message', () => {
    // Prepare
    const text = '{"province": "GD",';
    let parserMessage = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    // Act
    const result = parseDataset(text);
    // Assess
    expect(issuesOf(result)).toEqual([{ path: '$', message: `malformed JSON: ${parserMessage}` }]);
    expect(issuesOf(result)[0]?.message).not.toMatch(/\n\s+at /);
  });

  it('rejects an empty body', () => {
    const result = parseDataset('');
    expect(issuesOf(result)).toHaveLength(1);
    expect(issuesOf(result)[0]?.path).toBe('$');
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseDataset(`\uFEFF${JSON.stringify(example())}`).ok).toBe(true);
  });

  it('validates well-formed JSON that is not a data set', () => {
    expect(issuesOf(parseDataset('[1, 2]'))).toEqual([{ path: '$', message: 'must be an object, got an array' }]);
  });
});

describe('makeStretchLookup', () => {
  const traffic = [
    { corridor: 'G4', fromKm: 120, toKm: 310, aadt: 41000 },
    { corridor: 'G4', fromKm: 0, toKm: 120, aadt: 68000 },
    { corridor: 'G15', fromKm: 0, toKm: 50, aadt: 5000 },
  ];
  const lookup = makeStretchLookup(traffic);

  it('gives a shared boundary to the stretch that starts there', () => {
    expect(lookup('G4', 120)?.aadt).toBe(41000);
    expect(lookup('G4', 119.99)?.aadt).toBe(68000);
  });

  it('gives the end of the last stretch to that stretch', () => {
    expect(lookup('G4', 310)?.aadt).toBe(41000);
    expect(lookup('G4', 310.1)).toBeUndefined();
  });

  it('finds nothing before the first stretch or on an unknown corridor', () => {
    expect(lookup('G4', -1)).toBeUndefined();
    expect(lookup('G9', 10)).toBeUndefined();
    expect(lookup('G15', 25)?.aadt).toBe(5000);
  });
});

describe('validateDataset: properties', () => {
  function checkIssues(result: ValidationResult): void {
    for (const issue of issuesOf(result)) {
      expect(typeof issue.path).toBe('string');
      expect(issue.path.length).toBeGreaterThan(0);
      expect(typeof issue.message).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }

  it('never throws for any JSON value and names a path and message in every issue', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateDataset(value);
        expect(result.ok).toBe(false);
        checkIssues(result);
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });

  it('never throws for any JavaScript value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => checkIssues(validateDataset(value))),
      { seed: 20240602, numRuns: 500 },
    );
  });

  it('never throws when any field of the example holds an arbitrary value', () => {
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
      }
    };
    walk(example(), []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, replacement) => {
        const data = example();
        let parent: any = data;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path.at(-1) as string] = replacement;
        checkIssues(validateDataset(data));
      }),
      { seed: 20240603, numRuns: 1_000 },
    );
  });

  it('accepts a valid data set in any order of its arrays except phases', () => {
    const base = example();
    base.serviceAreas.push(
      { id: 'G4-200', corridor: 'G4', km: 200, region: 'NORTH' },
      { id: 'G4-310', corridor: 'G4', km: 310, region: 'NORTH', existingPiles: 4 },
    );
    base.regions.push({ id: 'EAST', class: 'standard' });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(base.regions, { minLength: base.regions.length }),
        fc.shuffledSubarray(base.serviceAreas, { minLength: base.serviceAreas.length }),
        fc.shuffledSubarray(base.traffic, { minLength: base.traffic.length }),
        (regions, serviceAreas, traffic) => {
          expectValid({ ...base, regions, serviceAreas, traffic });
        },
      ),
      { seed: 20240604, numRuns: 100 },
    );
  });
});
