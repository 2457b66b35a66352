import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { datasetToWorkbook, EXAMPLE_DATASET, readDatasetWorkbook, templateWorkbook } from '../../solver/formats/index.js';
import { solvePlan, type Dataset } from '../../solver/index.js';
import { columnOf, editWorkbook, openWorkbook, sheetName, withoutStats } from './helpers.js';

const tiny = (): Dataset => structuredClone(EXAMPLE_DATASET);

async function issuesOf(file: Buffer) {
  const read = await readDatasetWorkbook(file);
  if (read.ok) throw new Error('expected the workbook to be rejected');
  // Where and what, as a client reads it in English (codes are checked in test/solver/messages-corpus.test.ts).
  return read.issues.map(({ code: _code, params: _params, ...where }) => where);
}

describe('JSON -> XLSX -> JSON', () => {
  const provinces = [
    { seed: 11, sites: 40, budget: 'loose' as const },
    { seed: 12, sites: 90, budget: 'tight' as const, discountRate: 0.05 },
    { seed: 13, sites: 150, budget: 'none' as const, phases: 4 },
  ];

  it.each(provinces)('gives back the same data set, which plans to the identical plan (seed $seed, $sites sites)', async (options) => {
    // Prepare
    const dataset = generateProvince(options);

    // Act
    const read = await readDatasetWorkbook(await datasetToWorkbook(dataset));

    // Assess
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    expect(read.value).toEqual(dataset);
    const [direct, throughWorkbook] = [await solvePlan(dataset), await solvePlan(read.value)];
    expect(withoutStats(throughWorkbook)).toEqual(withoutStats(direct));
  }, 120_000);

  it('keeps Chinese names and ids typed like numbers as they were', async () => {
    const dataset = tiny();
    dataset.regions[0]!.name = '珠江三角洲 “核心区”, 含逗号';
    dataset.serviceAreas[0]!.id = '0012';

    const read = await readDatasetWorkbook(await datasetToWorkbook(dataset));

    expect(read.ok && read.value.regions[0]!.name).toBe('珠江三角洲 “核心区”, 含逗号');
    expect(read.ok && read.value.serviceAreas[0]!.id).toBe('0012');
  });
});

describe('the glossary in the headers', () => {
  it('writes 地市 for a region and 路线 for a corridor, and still reads a workbook with the earlier 区域 / 通道 headers', async () => {
    const dataset = tiny();
    const written = await openWorkbook(await datasetToWorkbook(dataset));
    const areas = written.getWorksheet(sheetName('serviceAreas'))!;
    const headers = (areas.getRow(1).values as unknown[]).map(String);
    expect(headers).toContain('地市 / region');
    expect(headers).toContain('路线 / corridor');
    expect(sheetName('regions')).toBe('地市 regions');

    // A workbook filled in from an earlier template: the sheet 区域 regions, the columns headed in Chinese alone.
    const earlier = await editWorkbook(await datasetToWorkbook(dataset), (workbook) => {
      workbook.getWorksheet(sheetName('regions'))!.name = '区域 regions';
      const sheet = workbook.getWorksheet(sheetName('serviceAreas'))!;
      sheet.getCell(`${columnOf(sheet, 'region')}1`).value = '区域';
      sheet.getCell(`${columnOf(sheet, 'corridor')}1`).value = '通道';
      const phases = workbook.getWorksheet(sheetName('phases'))!;
      phases.getCell(`${columnOf(phases, 'targets.priority')}1`).value = '重点区域目标';
    });
    const read = await readDatasetWorkbook(earlier);

    expect(read).toEqual({ ok: true, value: dataset });
  });
});

describe('the template', () => {
  it('imports as the example province it shows', async () => {
    const read = await readDatasetWorkbook(await templateWorkbook());

    expect(read).toEqual({ ok: true, value: EXAMPLE_DATASET });
  });

  it('has an instructions sheet, bilingual frozen headers and drop-down lists for class and status', async () => {
    const workbook = await openWorkbook(await templateWorkbook());

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '说明 instructions', '数据集 dataset', '分期 phases', '地市 regions', '路线 corridors', '服务区 serviceAreas', '交通量 traffic', '假设 assumptions', '成本 costs',
    ]);
    const areas = workbook.getWorksheet(sheetName('serviceAreas'))!;
    expect(areas.getCell('D1').value).toBe('桩号 / km');
    expect(areas.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const status = `${columnOf(areas, 'status')}3`;
    expect(areas.getCell(status).dataValidation).toMatchObject({ type: 'list', formulae: ['"candidate,excluded,required"'] });
    const regions = workbook.getWorksheet(sheetName('regions'))!;
    expect(regions.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"priority,standard"'] });
    expect(workbook.getWorksheet(sheetName('phases'))!.getCell('C2').numFmt).toContain('%');
  });

  it('filled in by hand (example rows replaced, numbers typed as text, formulas, blank rows) imports cleanly', async () => {
    // Prepare: what a planner does in Excel with the template.
    const filled = await editWorkbook(await templateWorkbook(), (workbook) => {
      const set = (part: string, rows: unknown[][]) => {
        const sheet = workbook.getWorksheet(sheetName(part))!;
        // "Clear contents" of the example rows.
        for (let row = 2; row <= sheet.rowCount; row += 1) sheet.getRow(row).eachCell((cell) => (cell.value = null));
        rows.forEach((row, index) => {
          sheet.getRow(index + 2).values = row as ExcelJS.CellValue[];
        });
      };
      const dataset = workbook.getWorksheet('数据集 dataset')!;
      dataset.getCell('C2').value = 'HN';
      dataset.getCell('C3').value = { richText: [{ text: '湖南省', font: { bold: true } }, { text: '快充网络' }] };
      set('phases', [
        [2026, 2026, 0.1, 0.5, 0.4, '30,000,000', null],
        [2027, 2027, 0.12, 0.8, 0.6, null, 150],
      ]);
      set('regions', [['CS', '长沙', 'priority'], ['XX', '湘西', 'standard']]);
      set('corridors', [['G4', '京港澳', 0, '220']]);
      set('serviceAreas', [
        ['G4-1', '长沙北', 'G4', 12, 'CS', null, null, 2, 10],
        ['G4-2', '株洲', 'G4', { formula: 'D2+60', result: 72 }, 'CS'],
        ['G4-3', '吉首', 'G4', 150.5, 'XX', null, null, null, null, null, 'required', 2027],
        [],
        ['G4-4', '怀化', 'G4', 210, 'XX', null, null, null, null, null, 'excluded'],
      ]);
      set('traffic', [['G4', 0, 100, 52_000], ['G4', 100, 220, 31_000]]);
      // Trailing rows a planner formatted but left empty.
      const traffic = workbook.getWorksheet(sheetName('traffic'))!;
      for (let row = 4; row <= 40; row += 1) traffic.getCell(`A${row}`).value = '';
      workbook.getWorksheet('假设 assumptions')!.getCell('C2').value = 0.04;
    });

    // Act
    const read = await readDatasetWorkbook(filled);

    // Assess
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    expect(read.value).toEqual({
      province: 'HN',
      name: '湖南省快充网络',
      baseYear: 2022,
      currency: 'CNY',
      phases: [
        { id: '2026', year: 2026, evShare: 0.1, targets: { priority: 0.5, standard: 0.4 }, budget: 30_000_000 },
        { id: '2027', year: 2027, evShare: 0.12, targets: { priority: 0.8, standard: 0.6 }, maxGapKm: 150 },
      ],
      regions: [{ id: 'CS', name: '长沙', class: 'priority' }, { id: 'XX', name: '湘西', class: 'standard' }],
      corridors: [{ id: 'G4', name: '京港澳', startKm: 0, endKm: 220 }],
      serviceAreas: [
        { id: 'G4-1', name: '长沙北', corridor: 'G4', km: 12, region: 'CS', existingPiles: 2, maxPiles: 10 },
        { id: 'G4-2', name: '株洲', corridor: 'G4', km: 72, region: 'CS' },
        { id: 'G4-3', name: '吉首', corridor: 'G4', km: 150.5, region: 'XX', status: 'required', requiredBy: '2027' },
        { id: 'G4-4', name: '怀化', corridor: 'G4', km: 210, region: 'XX', status: 'excluded' },
      ],
      traffic: [{ corridor: 'G4', fromKm: 0, toKm: 100, aadt: 52_000 }, { corridor: 'G4', fromKm: 100, toKm: 220, aadt: 31_000 }],
      assumptions: { trafficGrowth: 0.04 },
      costs: EXAMPLE_DATASET.costs,
    });
  });
});

describe('problems of a workbook', () => {
  it('names sheet, cell and JSON path of a broken reference, a wrong type, an uncalculated formula and an error value', async () => {
    // Prepare
    const dataset = tiny();
    const file = await editWorkbook(await datasetToWorkbook(dataset), (workbook) => {
      const areas = workbook.getWorksheet(sheetName('serviceAreas'))!;
      areas.getCell(`${columnOf(areas, 'corridor')}5`).value = 'G99';
      areas.getCell(`${columnOf(areas, 'km')}6`).value = 'near the toll gate';
      areas.getCell(`${columnOf(areas, 'gridKw')}3`).value = { formula: 'B2*3' } as ExcelJS.CellValue;
      areas.getCell(`${columnOf(areas, 'maxPiles')}4`).value = { error: '#N/A' } as ExcelJS.CellValue;
    });

    // Act
    const issues = await issuesOf(file);

    // Assess
    const sheet = sheetName('serviceAreas');
    expect(issues).toEqual(expect.arrayContaining([
      { sheet, cell: 'C5', path: 'serviceAreas[3].corridor', message: 'unknown corridor G99' },
      { sheet, cell: 'D6', path: 'serviceAreas[4].km', message: expect.stringContaining('must be a number') },
      { sheet, cell: 'J3', path: 'serviceAreas[1].gridKw', message: expect.stringContaining('formula =B2*3 has no saved value') },
      { sheet, cell: 'I4', path: 'serviceAreas[2].maxPiles', message: expect.stringContaining('#N/A') },
    ]));
    // The unreadable cells are named once, not again as "required".
    expect(issues.filter((issue) => issue.path === 'serviceAreas[1].gridKw')).toHaveLength(1);
  });

  it('points an out-of-range value in a field sheet at its value cell', async () => {
    const file = await editWorkbook(await datasetToWorkbook(tiny()), (workbook) => {
      const costs = workbook.getWorksheet('成本 costs')!;
      costs.getCell('C5').value = -1;
    });

    const issues = await issuesOf(file);

    expect(issues).toEqual([{ sheet: '成本 costs', cell: 'C5', path: 'costs.discountRate', message: expect.stringContaining('got -1') }]);
  });

  it('rejects merged cells, unknown columns and a missing sheet, each by where it is', async () => {
    const file = await editWorkbook(await datasetToWorkbook(tiny()), (workbook) => {
      workbook.getWorksheet(sheetName('regions'))!.mergeCells('A2:A3');
      workbook.getWorksheet(sheetName('corridors'))!.getCell('F1').value = 'lanes';
      workbook.removeWorksheet(workbook.getWorksheet(sheetName('traffic'))!.id);
    });

    const issues = await issuesOf(file);

    expect(issues).toEqual(expect.arrayContaining([
      { sheet: sheetName('regions'), cell: 'A2:A3', path: 'regions', message: expect.stringContaining('merged cells') },
      { sheet: sheetName('corridors'), cell: 'F1', path: 'corridors', message: expect.stringContaining('unknown column "lanes"') },
      { sheet: sheetName('traffic'), path: 'traffic', message: expect.stringContaining('no sheet') },
    ]));
    // What the merged and missing sheets would have held is not reported again as missing.
    expect(issues.some((issue) => issue.path === 'regions' && issue.message === 'required')).toBe(false);
  });

  it('rejects a Date where a number belongs', async () => {
    const file = await editWorkbook(await datasetToWorkbook(tiny()), (workbook) => {
      const cell = workbook.getWorksheet(sheetName('phases'))!.getCell('B2');
      cell.value = new Date('2023-01-01');
      cell.numFmt = 'yyyy-mm-dd';
    });

    const issues = await issuesOf(file);

    expect(issues).toContainEqual({ sheet: sheetName('phases'), cell: 'B2', path: 'phases[0].year', message: expect.stringContaining('date') });
  });
});
