import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetToJson, generateProvince, type GenerateOptions } from '../../data/generate-lib.js';
import { parseDataset } from '../../solver/index.js';
import type { Dataset } from '../../solver/types.js';

const DATA = resolve(import.meta.dirname, '../../data');
const read = (name: string): string => readFileSync(join(DATA, name), 'utf8');

describe('committed sample data sets', () => {
  it.each(['demo.json', 'medium.json', 'large.json'])('%s is a valid data set', (name) => {
    // Act
    const result = parseDataset(read(name));

    // Assess
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  // The commands in data/README.md, as options.
  it.each<[string, GenerateOptions]>([
    ['medium.json', { seed: 300, sites: 300, province: 'HE', budget: 'tight', discountRate: 0.04 }],
    ['large.json', { seed: 1200, sites: 1200, province: 'SN', budget: 'tight', discountRate: 0.04 }],
  ])('%s is exactly what its documented generator command makes', (name, options) => {
    // Act
    const generated = datasetToJson(generateProvince(options));

    // Assess
    expect(generated === read(name)).toBe(true);
  });

  it('demo.json has the shape the docs describe', () => {
    // Act
    const demo = JSON.parse(read('demo.json')) as Dataset;

    // Assess
    expect(demo.serviceAreas).toHaveLength(40);
    expect(demo.phases.map((p) => p.id)).toEqual(['2023', '2024', '2025']);
    expect(demo.regions.map((r) => r.class).sort()).toEqual(['priority', 'priority', 'standard']);
    expect(demo.phases.filter((p) => p.budget !== undefined).map((p) => p.id)).toEqual(['2024']);
    expect(demo.phases.filter((p) => p.maxGapKm !== undefined).map((p) => p.id)).toEqual(['2025']);
    const sites = demo.serviceAreas;
    expect(sites.filter((s) => (s.existingPiles ?? 0) >= 2)).toHaveLength(2);
    expect(sites.filter((s) => s.status === 'excluded')).toHaveLength(1);
    expect(sites.filter((s) => s.status === 'required').map((s) => s.requiredBy)).toEqual(['2024']);
  });
});
