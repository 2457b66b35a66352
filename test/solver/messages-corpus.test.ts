import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFromGeoJson, datasetToWorkbook, EXAMPLE_DATASET, readDatasetWorkbook } from '../../solver/formats/index.js';
import { checkCurve, parseDataset, scenarioDataset, validateDataset, validateProgress, type Dataset, type ValidationIssue } from '../../solver/index.js';
import { clip } from '../../solver/json-fields.js';
import type { P } from '../../solver/message-format.js';
import { MESSAGES, renderMessage } from '../../solver/messages.js';
import { columnOf, editWorkbook, sheetName } from '../formats/helpers.js';

/*
 * Every problem a validator reports carries a code of the message catalog
 * (issue 16: "every message the server or CLI emits for people carries a
 * stable code and its parameters"): a corpus of bad data sets, progress
 * reports, scenarios, curves, workbooks and GeoJSON layers, made by breaking
 * a good one field by field, must give issues whose code is in the catalog,
 * whose English rendering is the message clients have always read, and whose
 * Chinese rendering has no English word but the ids and values it carries.
 */

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;
const demoProgress = JSON.parse(readFileSync(new URL('../../data/demo-progress.json', import.meta.url), 'utf8')) as { asOf: string; sites: unknown[]; spent?: unknown };

/** Technical words a Chinese message may keep: file formats, units, header names the reader must type. */
const KEPT_WORDS = ['GeoJSON', 'JSON', 'json', 'csv', 'ZIP64', 'ZIP', 'MB', 'Excel', 'xlsx', 'Unicode', 'YYYY', 'MM', 'DD', 'Idempotency-Key', 'deflate'];

/** ASCII words of a Chinese text once its params (ids, values, lists), quoted literals and the kept words are taken out. */
function englishWords(text: string, params: P): string[] {
  const values = Object.values(params)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value) => value !== null && value !== undefined && typeof value !== 'boolean')
    .map(String)
    .filter((value) => value !== '')
    .sort((a, b) => b.length - a.length);
  // Quoted literals (values the reader types) and JSON paths (`regions[0]`, `phases[1].id`: where to look) are not words.
  let rest = text.replace(/"[^"]*"/g, ' ').replace(/“[^”]*”/g, ' ').replace(/\b[A-Za-z]+\[[^\]]*\](\.[A-Za-z]+)*/g, ' ');
  for (const value of values) rest = rest.split(value).join(' ');
  for (const word of KEPT_WORDS) rest = rest.split(word).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

/** Every leaf and object of a JSON value, by its path of keys. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, ...value.slice(0, 3).flatMap((item, index) => paths(item, [...at, index]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return [at];
}

const BAD_VALUES: unknown[] = ['x', '', -1, 0, 0.5, 1.5, 1e20, null, [], {}, true, '2023', 'NO-SUCH-ID'];

/** A value broken at one path in every way: each bad value, the key deleted, an unknown key beside it. */
function* broken(base: unknown): Generator<unknown> {
  yield base;
  for (const path of paths(base)) {
    for (const bad of [...BAD_VALUES, undefined]) {
      const copy = structuredClone(base) as Record<string | number, unknown>;
      if (path.length === 0) {
        yield bad;
        continue;
      }
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path.at(-1)!;
      if (bad === undefined) {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
      } else parent[last] = bad;
      yield copy;
    }
    const extended = structuredClone(base) as Record<string | number, unknown>;
    let target = extended as Record<string | number, unknown>;
    for (const key of path) target = target[key] as Record<string | number, unknown>;
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      target.bogusKey = 1;
      yield extended;
    }
  }
}

const issuesOf = (result: { ok: boolean; issues?: ValidationIssue[] }): ValidationIssue[] => (result.ok ? [] : (result.issues ?? []));

/** The issues of the corpus, each with what gave it. */
async function corpus(): Promise<{ source: string; issue: ValidationIssue }[]> {
  const found: { source: string; issue: ValidationIssue }[] = [];
  const add = (source: string, issues: ValidationIssue[]) => issues.forEach((issue) => found.push({ source, issue }));

  // Data sets: the example broken field by field, plus the cross-field rules.
  for (const dataset of broken(EXAMPLE_DATASET)) add('dataset', issuesOf(validateDataset(dataset)));
  const crossed = structuredClone(EXAMPLE_DATASET) as Dataset;
  crossed.phases[1]!.year = crossed.phases[0]!.year;
  crossed.phases[0]!.id = 'existing';
  crossed.corridors[0]!.endKm = crossed.corridors[0]!.startKm;
  crossed.traffic.push({ ...crossed.traffic[0]! });
  crossed.serviceAreas[0]!.existingPiles = 999;
  crossed.serviceAreas[1]!.requiredBy = crossed.phases[0]!.id;
  crossed.serviceAreas[1]!.status = 'candidate';
  crossed.serviceAreas[2]!.km = 1e6;
  delete crossed.phases[0]!.targets?.standard;
  add('dataset', issuesOf(validateDataset(crossed)));
  add('dataset', issuesOf(validateDataset({ ...EXAMPLE_DATASET, phases: [] })));
  add('dataset', issuesOf(validateDataset({ ...EXAMPLE_DATASET, serviceAreas: Array.from({ length: 5_001 }, () => ({})) })));
  add('dataset', issuesOf(validateDataset({ ...EXAMPLE_DATASET, serviceAreas: EXAMPLE_DATASET.serviceAreas.map(() => ({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12 })).flatMap((area) => Array.from({ length: 20 }, () => area)) })));
  add('dataset', issuesOf(parseDataset('{"province": ')));
  add('dataset', issuesOf(validateDataset({ asOf: '2024-01-01', sites: [] })));

  // Progress reports against the demo, broken field by field (three sites of the report).
  const report = { ...demoProgress, sites: demoProgress.sites.slice(0, 3), spent: { [demo.phases[0]!.id]: 1000 } };
  for (const value of broken(report)) add('progress', issuesOf(validateProgress(value, demo)));
  const excluded = demo.serviceAreas.find((area) => area.status === 'excluded');
  if (excluded !== undefined) add('progress', issuesOf(validateProgress({ ...report, sites: [{ id: excluded.id, piles: 4, coveredSince: demo.phases[0]!.id }] }, demo)));
  add('progress', issuesOf(validateProgress({ ...report, asOf: '2000-01-01', sites: [{ ...(report.sites[0] as object), coveredSince: demo.phases.at(-1)!.id }] }, demo)));
  add('progress', issuesOf(validateProgress(demo, demo)));

  // Scenarios and curves against the example.
  const scenario = { name: 'bad', asOf: '2024-01-01', changes: { budgetScale: { [EXAMPLE_DATASET.phases[0]!.id]: 0.5 }, evShareScale: 1.1, trafficGrowth: 0.02, costs: { site: 1 }, targets: { [EXAMPLE_DATASET.phases[0]!.id]: { priority: 0.5 } }, maxGapKm: { [EXAMPLE_DATASET.phases[0]!.id]: 80 } } };
  for (const value of broken(scenario)) add('scenario', issuesOf(scenarioDataset(value, EXAMPLE_DATASET)));
  const noBudgets = { ...EXAMPLE_DATASET, phases: EXAMPLE_DATASET.phases.map(({ budget: _budget, ...phase }) => phase) };
  add('scenario', issuesOf(scenarioDataset({ name: 'x', changes: { budgetScale: 0.5 } }, noBudgets)));
  add('scenario', issuesOf(scenarioDataset({ name: 'x', changes: { budgetScale: { [EXAMPLE_DATASET.phases[0]!.id]: 0.5 } } }, noBudgets)));
  add('scenario', issuesOf(scenarioDataset({ name: 'x', changes: { budgetScale: 1e30 } }, EXAMPLE_DATASET)));
  for (const value of broken({ vary: 'budgetScale', from: 0.5, to: 1.5, steps: 3 })) add('curve', issuesOf(checkCurve(value, EXAMPLE_DATASET)));
  add('curve', issuesOf(checkCurve({ vary: 'target.standard', from: 0.5, to: 0.9, steps: 3 }, { ...EXAMPLE_DATASET, phases: EXAMPLE_DATASET.phases.map(({ targets: _targets, ...phase }) => phase) })));
  add('curve', issuesOf(checkCurve({ vary: 'budgetScale', from: -1, to: 1e30, steps: 3 }, EXAMPLE_DATASET)));

  // Workbooks: cells a person breaks, sheets renamed, merged, unheaded; files that are no workbook.
  const good = await datasetToWorkbook(EXAMPLE_DATASET);
  const edits: ((workbook: import('exceljs').Workbook) => void)[] = [
    (w) => {
      const sheet = w.getWorksheet(sheetName('serviceAreas'))!;
      sheet.getCell(`${columnOf(sheet, 'km')}2`).value = new Date(2024, 0, 1);
      sheet.getCell(`${columnOf(sheet, 'km')}2`).numFmt = 'yyyy-mm-dd';
      sheet.getCell(`${columnOf(sheet, 'gridKw')}2`).value = { formula: 'B2*3' } as never;
      sheet.getCell(`${columnOf(sheet, 'gridKw')}3`).value = { error: '#DIV/0!' } as never;
      sheet.getCell(`${columnOf(sheet, 'maxPiles')}3`).value = { formula: 'B3', result: { error: '#REF!' } } as never;
      sheet.getCell(`${columnOf(sheet, 'corridor')}3`).value = 'G99';
      sheet.getCell('Z1').value = 'lanes';
      sheet.getCell(`${columnOf(sheet, 'name')}1`).value = '桩号 / km';
    },
    (w) => {
      w.removeWorksheet(w.getWorksheet(sheetName('traffic'))!.id);
      w.getWorksheet(sheetName('regions'))!.mergeCells('A2:B2');
      const fields = w.getWorksheet('数据集 dataset')!;
      fields.addRow(['unknownField', '', 1]);
      fields.addRow(['province', '', 'GD']);
      fields.addRow([null, null, 'orphan']);
      w.getWorksheet(sheetName('corridors'))!.getRow(1).values = [];
    },
  ];
  for (const edit of edits) add('workbook', issuesOf(await readDatasetWorkbook(await editWorkbook(good, edit))));
  for (const bytes of [Buffer.alloc(0), Buffer.from('not a zip at all, just text that is long enough'), good.subarray(0, good.length - 200), good.subarray(0, 300)]) {
    add('workbook', issuesOf(await readDatasetWorkbook(bytes)));
  }

  // GeoJSON layers.
  const line = (id: string, coordinates: number[][], properties: object = {}) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { id, ...properties } });
  const point = (lon: number, lat: number, properties: object) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
  const base = { value: EXAMPLE_DATASET };
  add('geojson', issuesOf(datasetFromGeoJson({ type: 'Feature' }, base)));
  add('geojson', issuesOf(datasetFromGeoJson({ type: 'FeatureCollection', features: [] }, { value: [] })));
  add('geojson', issuesOf(datasetFromGeoJson({
    type: 'FeatureCollection',
    features: [
      line('S1', [[113, 23], [113.5, 23]]),
      line('S1', [[113, 23], [113.5, 23]]),
      line('', [[113, 23], [113.5, 23]]),
      line('S2', [[113, 23]], { startKm: 'zero', lanes: 2 }),
      point(113.2, 23.5, { id: 'A', corridor: 'S1', region: 'X', km: 3, lanes: 2 }),
      point(113.2, 23, { id: 'B', corridor: 'G99', region: 'X' }),
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: {} },
      { type: 'Feature', geometry: { type: 'Point', coordinates: ['x'] }, properties: [] },
      { type: 'Feature' },
    ],
  }, base)));
  return found;
}

describe('the message catalog over a corpus of bad input', () => {
  it('gives every issue a code of the catalog whose English is its message and whose Chinese has no English word but its params', async () => {
    const found = await corpus();
    const codes = new Set(found.map(({ issue }) => issue.code));

    const problems = found.flatMap(({ source, issue }) => {
      if (issue.code === undefined || !(issue.code in MESSAGES)) return [`${source} ${issue.path}: no code of the catalog (${issue.code}): ${issue.message}`];
      const detail = { code: issue.code, params: issue.params ?? {} };
      const english = clip(renderMessage(detail, 'en'));
      if (english !== issue.message) return [`${source} ${issue.path}: ${issue.code} renders "${english}", the message is "${issue.message}"`];
      const words = englishWords(renderMessage(detail, 'zh'), detail.params);
      return words.length > 0 ? [`${source} ${issue.path}: ${issue.code} in Chinese keeps ${words.join(', ')}: ${renderMessage(detail, 'zh')}`] : [];
    });

    expect([...new Set(problems)]).toEqual([]);
    // The corpus reaches most of the validation codes (each below is a shape of problem a person makes).
    for (const code of ['field.wrongType', 'field.required', 'field.unknownKey', 'field.outOfRange', 'field.unknownRef', 'field.duplicateId', 'field.notOneOf', 'field.mustExceed', 'traffic.overlap', 'phase.reservedId', 'phase.targetRequired', 'site.outsideCorridor', 'progress.phaseAfterReport', 'scenario.phaseBudget', 'scenario.noBudgets', 'curve.pointProblem', 'cell.date', 'cell.formulaNoValue', 'cell.error', 'cell.formula', 'sheet.missing', 'sheet.merged', 'sheet.unknownColumn', 'sheet.unknownField', 'sheet.fieldTwice', 'workbook.notXlsx', 'geojson.lineTwice', 'geojson.noCorridorLine', 'upload.malformedJson', 'upload.datasetNotProgress', 'upload.progressNotDataset', 'issues.more']) {
      expect(codes, code).toContain(code);
    }
    expect(found.length).toBeGreaterThan(1000);
  }, 120_000);
});

describe('the message catalog', () => {
  /** Params that answer any name with a placeholder, so every template renders without knowing its params. */
  const anything = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? '①' : undefined), has: () => true }) as P;

  it('has an English and a Chinese template for every code, the Chinese with no English word but its params and kept technical words', () => {
    const problems = Object.keys(MESSAGES).flatMap((code) => {
      const en = renderMessage({ code, params: anything }, 'en');
      const zh = renderMessage({ code, params: anything }, 'zh');
      // NaN and undefined are the placeholder's marks (a number of '①', a wrapped message's missing text).
      const words = englishWords(zh.replace(/NaN|undefined/g, ' '), { placeholder: '①' });
      return [...(en.trim() === '' ? [`${code}: no English`] : []), ...(words.length > 0 ? [`${code}: ${words.join(', ')} in "${zh}"`] : [])];
    });

    expect(problems).toEqual([]);
  });
});
