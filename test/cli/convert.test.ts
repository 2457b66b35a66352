import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToWorkbook, EXAMPLE_DATASET } from '../../solver/formats/index.js';
import type { Dataset } from '../../solver/types.js';
import { columnOf, editWorkbook, openWorkbook, sheetName } from '../formats/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'data/demo.json');

/** Runs the real CLI entry as `npm run convert` / `npm run template` do. */
function cli(entry: 'convert' | 'template' | 'plan', ...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/run.mjs', `--command=${entry}`, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convert-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run plan with workbooks', () => {
  it('plans a data set workbook as its JSON, and writes the plan workbook with one site row per service area', async () => {
    // Prepare
    const xlsx = join(dir, 'plan-input.xlsx');
    cli('convert', DEMO, '--out', xlsx);
    const [fromJson, fromXlsx, planXlsx] = [join(dir, 'p-json.json'), join(dir, 'p-xlsx.json'), join(dir, 'plan.xlsx')];

    // Act
    const a = cli('plan', DEMO, '--out', fromJson);
    const b = cli('plan', xlsx, '--out', fromXlsx, '--xlsx', planXlsx);

    // Assess
    expect([a.status, b.status]).toEqual([0, 0]);
    const strip = (file: string) => {
      const { stats: _stats, ...plan } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return plan;
    };
    expect(strip(fromXlsx)).toEqual(strip(fromJson));
    const workbook = await openWorkbook(readFileSync(planXlsx));
    expect(workbook.getWorksheet('站点 sites')!.actualRowCount).toBe(JSON.parse(readFileSync(DEMO, 'utf8')).serviceAreas.length + 1);
    expect(b.stderr).toContain(`wrote ${planXlsx}`);
  });

  it('writes closed phases and slipped sites into the workbook of a re-plan', async () => {
    // Prepare: the plain plan, then the demo's sample progress report as of January 2024.
    const v1 = join(dir, 'v1.plan.json');
    const v2 = join(dir, 'v2.plan.json');
    const workbookFile = join(dir, 'v2.xlsx');
    cli('plan', DEMO, '--out', v1);

    // Act
    const r = cli('plan', DEMO, '--progress', join(ROOT, 'data/demo-progress.json'), '--as-of', '2024-01-15', '--previous', v1, '--out', v2, '--xlsx', workbookFile);

    // Assess
    expect(r.status).toBe(0);
    const replan = JSON.parse(readFileSync(v2, 'utf8')) as { slipped: string[]; phases: { id: string; closed?: boolean }[] };
    const workbook = await openWorkbook(readFileSync(workbookFile));
    const closed = workbook.getWorksheet('已关闭分期 closed')!;
    expect(closed.actualRowCount - 1).toBe(replan.phases.filter((phase) => phase.closed).length);
    expect(closed.getCell('A2').value).toBe(replan.phases.find((phase) => phase.closed)!.id);
    expect(workbook.getWorksheet('延误服务区 slipped')!.actualRowCount - 1).toBe(replan.slipped.length);
  });

  it('exits 2 on a workbook with problems, naming sheet and cell, and writes nothing', async () => {
    const xlsx = join(dir, 'plan-bad.xlsx');
    writeFileSync(xlsx, await editWorkbook(await datasetToWorkbook(EXAMPLE_DATASET), (workbook) => {
      workbook.getWorksheet(sheetName('regions'))!.getCell('C3').value = 'urgent';
    }));

    const r = cli('plan', xlsx, '--xlsx', join(dir, 'plan-bad-out.xlsx'));

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('地市 regions!C3: must be one of "priority", "standard", got "urgent" (regions[1].class)');
    expect(readdirSync(dir)).not.toContain('plan-bad-out.xlsx');
  });
});

describe('npm run template and npm run convert', () => {
  it('writes the template, which converts to the example data set', () => {
    const template = join(dir, 'template.xlsx');
    const json = join(dir, 'template.json');

    const written = cli('template', '--out', template);
    const converted = cli('convert', template, '--out', json);

    expect(written.status).toBe(0);
    expect(converted.status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(EXAMPLE_DATASET);
  });

  it('converts the demo to a workbook and back to the same data set', () => {
    const xlsx = join(dir, 'demo.xlsx');
    const back = join(dir, 'demo-back.json');

    expect(cli('convert', DEMO, '--out', xlsx).status).toBe(0);
    const r = cli('convert', xlsx, '--out', back);

    expect(r.status).toBe(0);
    expect(r.stderr).toContain('40 service areas');
    expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(JSON.parse(readFileSync(DEMO, 'utf8')));
  });

  it('exits 2 on a workbook with problems, naming sheet, cell and path, and writes nothing', async () => {
    // Prepare
    const xlsx = join(dir, 'demo.xlsx');
    cli('convert', DEMO, '--out', xlsx);
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await editWorkbook(readFileSync(xlsx), (workbook) => {
      const areas = workbook.getWorksheet(sheetName('serviceAreas'))!;
      areas.getCell(`${columnOf(areas, 'corridor')}12`).value = 'G99';
    }));

    // Act
    const r = cli('convert', bad, '--out', join(dir, 'bad.json'));

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('服务区 serviceAreas!C12: unknown corridor G99 (serviceAreas[10].corridor)');
    expect(readdirSync(dir)).not.toContain('bad.json');
  });

  it('exits 2 on a file that is not a workbook', () => {
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, 'id,name\n');

    const r = cli('convert', fake, '--out', join(dir, 'fake.json'));

    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\$: not an \.xlsx workbook/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds a data set from a GeoJSON layer and a workbook base, and reports an off-line point by feature', () => {
    // Prepare: the example's corridor G4 drawn due north from (113, 23); 1 degree of latitude is about 111.2 km.
    const base = join(dir, 'base.xlsx');
    cli('template', '--out', base);
    const line = { type: 'Feature', properties: { id: 'G4', name: '京港澳高速' }, geometry: { type: 'LineString', coordinates: [[113, 23], [113, 24.79]] } };
    const at = (km: number, east = 0) => [113 + east, 23 + km / 111.195];
    const sites = EXAMPLE_DATASET.serviceAreas.map(({ km, lat: _lat, lon: _lon, ...properties }) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: at(km) } }));
    const layer = join(dir, 'sites.geojson');
    writeFileSync(layer, JSON.stringify({ type: 'FeatureCollection', features: [line, ...sites] }));
    const out = join(dir, 'from-layer.json');

    // Act
    const ok = cli('convert', layer, '--base', base, '--out', out);
    const offLine = join(dir, 'off.geojson');
    writeFileSync(offLine, JSON.stringify({ type: 'FeatureCollection', features: [line, { ...sites[0], geometry: { type: 'Point', coordinates: at(10, 0.05) } }] }));
    const bad = cli('convert', offLine, '--base', base, '--out', join(dir, 'off.json'));

    // Assess
    expect(ok.status).toBe(0);
    const dataset = JSON.parse(readFileSync(out, 'utf8')) as Dataset;
    dataset.serviceAreas.forEach((area, index) => expect(Math.abs(area.km - EXAMPLE_DATASET.serviceAreas[index]!.km)).toBeLessThan(0.05));
    expect(dataset.phases).toEqual(EXAMPLE_DATASET.phases);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/features\[1\]\.geometry: lies 5\.\d\d km from the line of corridor G4/);
  });

  it('exits 2 on a layer without --base', () => {
    const r = cli('convert', join(dir, 'sites.geojson'), '--out', join(dir, 'x.json'));

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('needs --base');
  });
});
