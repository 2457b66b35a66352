import { describe, expect, it } from 'vitest';
import { planToWorkbook } from '../../solver/formats/index.js';
import { PLAN_STATUS, REGION_CLASS, SITE_STATUS } from '../../solver/glossary.js';
import { sitesToCsv, siteTable, solvePlan, type Dataset, type Plan } from '../../solver/index.js';
import { demoDataset, infeasibleDemo, syntheticPlan } from '../functions/helpers/data.js';
import { openWorkbook } from './helpers.js';

const rows = (sheet: { getSheetValues(): unknown[] }) => sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));

/** A re-plan's fields (SPEC section 6.3) on a stored-plan shape: two closed phases, the first without reported spending, two slipped sites. */
function replanOf(dataset: Dataset) {
  const base = syntheticPlan(dataset);
  const replan = {
    ...base,
    asOf: '2025-01-15',
    dataRevision: 2,
    progressAsOf: '2024-12-31',
    phases: base.phases.map((phase, index) => ({ ...phase, closed: index < 2, ...(index === 0 ? { capex: null } : {}), coverage: phase.coverage.map((c) => ({ ...c, met: index !== 1 })) })),
    slipped: [dataset.serviceAreas[3]!.id, dataset.serviceAreas[7]!.id],
  } satisfies Plan;
  return { base, replan };
}

const CHINESE = /[\u3400-\u9fff]/;
/** The English keys of the values that are words for people: statuses, classes, and TRUE / FALSE. */
const STATUS_KEYS = new Set([...Object.keys(PLAN_STATUS), ...Object.keys(SITE_STATUS), ...Object.keys(REGION_CLASS), 'true', 'false']);

describe('the plan workbook', () => {
  it("of the demo opens with the library and has one site row per service area, with the CSV's columns", async () => {
    // Prepare
    const dataset = demoDataset();
    const plan = await solvePlan(dataset);

    // Act
    const workbook = await openWorkbook(await planToWorkbook(dataset, plan));

    // Assess
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['摘要 summary', '分期 phases', '覆盖 coverage', '站点 sites']);
    const sites = workbook.getWorksheet('站点 sites')!;
    const [header, ...body] = rows(sites);
    // Bilingual headers from the site columns' glossary labels; the CSV's keys after the slash.
    const table = siteTable(dataset, plan);
    expect(header).toEqual(table.header.map((key, index) => `${table.labels[index]} / ${key}`));
    const second = dataset.phases[1]!.id;
    for (const text of ['编号 / id', '路线 / corridor', '桩号 / km', '地市 / region', '地区类别 / regionClass', '状态 / status', '建设分期 / buildPhase', `充电桩 ${second} / piles_${second}`, `投资 ${second} / capex_${second}`, `排队缺口 ${second} / shortfall_${second}`]) {
      expect(header).toContain(text);
    }
    // The CSV, which machines read (SPEC), keeps the keys alone.
    expect(sitesToCsv(dataset, plan).split('\r\n')[0]).toBe(`\ufeff${table.header.join(',')}`);
    expect(body).toHaveLength(dataset.serviceAreas.length);
    expect(body.map((row) => row[1])).toEqual(dataset.serviceAreas.map((area) => area.name));
    expect(sites.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const capexColumn = (header as string[]).indexOf(`投资 ${second} / capex_${second}`) + 1;
    expect(sites.getColumn(capexColumn).numFmt).toBe('#,##0');
    expect(sites.getColumn(2).width).toBeGreaterThan(10);
  });

  it('shows spending against budget and coverage against the target per region and phase', async () => {
    const dataset = demoDataset();
    const plan = await solvePlan(dataset);

    const workbook = await openWorkbook(await planToWorkbook(dataset, plan));

    const phases = rows(workbook.getWorksheet('分期 phases')!);
    expect(phases[0]).toEqual(['分期 / phase', '年份 / year', '投资 / capex', '预算 / budget', '预算使用 / budgetUsed', '预算结余 / budgetLeft', '新建服务区 / newSites', '在用充电桩 / piles']);
    const budgeted = dataset.phases.findIndex((phase) => phase.budget !== undefined);
    const budget = dataset.phases[budgeted]!.budget!;
    const capex = plan.phases[budgeted]!.capex!;
    expect(phases[budgeted + 1]).toEqual([dataset.phases[budgeted]!.id, dataset.phases[budgeted]!.year, capex, budget, capex / budget, budget - capex, plan.phases[budgeted]!.newSites, plan.phases[budgeted]!.piles]);
    const coverage = rows(workbook.getWorksheet('覆盖 coverage')!);
    expect(coverage[0]).toEqual(['分期 / phase', '地市 / region', '地市名称 / regionName', '地区类别 / regionClass', '已覆盖 / covered', '服务区总数 / total', '应覆盖 / required', '覆盖率 / rate', '目标 / target', '达标 / met']);
    expect(coverage).toHaveLength(1 + plan.phases.reduce((sum, phase) => sum + phase.coverage.length, 0));
    const last = plan.phases[plan.phases.length - 1]!;
    const row = coverage.find((cells) => cells[0] === last.id && cells[1] === dataset.regions[0]!.id)!;
    const target = dataset.phases[dataset.phases.length - 1]!.targets![dataset.regions[0]!.class];
    expect(row.slice(2)).toEqual([dataset.regions[0]!.name, REGION_CLASS[dataset.regions[0]!.class].zh, last.coverage[0]!.covered, last.coverage[0]!.total, last.coverage[0]!.required, last.coverage[0]!.rate, target, '达标']);
  });

  it('adds closed phases and slipped sites for a re-plan', async () => {
    // Prepare
    const dataset = demoDataset();
    const { base, replan } = replanOf(dataset);

    // Act
    const workbook = await openWorkbook(await planToWorkbook(dataset, replan));

    // Assess
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['摘要 summary', '分期 phases', '覆盖 coverage', '站点 sites', '已关闭分期 closed', '延误服务区 slipped']);
    const closed = rows(workbook.getWorksheet('已关闭分期 closed')!);
    expect(closed.slice(1).map((cells) => [cells[0], cells[2] ?? null, cells[3]])).toEqual([
      [dataset.phases[0]!.id, null, dataset.regions.length],
      [dataset.phases[1]!.id, base.phases[1]!.capex, 0],
    ]);
    const slipped = rows(workbook.getWorksheet('延误服务区 slipped')!);
    expect(slipped.slice(1).map((cells) => cells.slice(0, 2))).toEqual([3, 7].map((index) => [dataset.serviceAreas[index]!.id, dataset.serviceAreas[index]!.name]));
    const summary = rows(workbook.getWorksheet('摘要 summary')!);
    expect(summary).toContainEqual(['基准日期 / as of', '2025-01-15']);
    const phases = rows(workbook.getWorksheet('分期 phases')!);
    expect(phases.map((cells) => cells[2])).toEqual(['状态 / closed', '已结束', '已结束', ...dataset.phases.slice(2).map(() => '未结束')]);
  });

  it("adds an infeasible plan's remedies in the planner's words: rules met, shortfall, unmet rules, extra money per phase, new sites", async () => {
    // Prepare: the demo with its budget cut and a G1512 stretch with no coverable service area.
    const dataset = infeasibleDemo();
    const plan = await solvePlan(dataset);
    expect(plan.status).toBe('infeasible');

    // Act
    const workbook = await openWorkbook(await planToWorkbook(dataset, plan));

    // Assess
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['摘要 summary', '分期 phases', '覆盖 coverage', '站点 sites', '补救方案 remedies']);
    const sheet = workbook.getWorksheet('补救方案 remedies')!;
    const [header, ...body] = rows(sheet);
    expect(header).toEqual(['方案 / remedy', '项目 / item', '分期 / phase', '说明 / detail', '数值 / value']);
    const find = (item: string) => body.filter((cells) => String(cells[1]).startsWith(item));
    expect(find('满足规则')[0]!.slice(3)).toEqual(['14 / 16', 14]);
    expect(find('覆盖差额')[0]![4]).toBe(1);
    expect(find('未满足').map((cells) => [cells[2], cells[3]])).toEqual([
      ['2024', '覆盖率目标 · 绍兴市 2024 年：已覆盖 7，应覆盖 8'],
      ['2025', '最大间距 · 路线 G1512 甬金高速 2025 年（无论投资多少都无法满足）'],
    ]);
    expect(find('追加合计')[0]![4]).toBe(204_000);
    expect(find('追加 /').map((cells) => [cells[2], cells[4]])).toEqual([['2024', 204_000]]);
    expect(find('不计入').map((cells) => cells[2])).toEqual(['2025']);
    const proposal = body.find((cells) => String(cells[0]).startsWith('新建服务区'))!;
    expect(proposal[3]).toContain('兰阳服务区');
    expect(proposal[3]).toContain('金源服务区');
    expect(proposal[3]).toContain('K1117.1');
    expect(proposal[4]).toBe(1);
    const moneyRow = body.findIndex((cells) => String(cells[1]).startsWith('追加合计')) + 2;
    expect(sheet.getRow(moneyRow).getCell(5).numFmt).toBe('#,##0');
  });

  it("reads in the planner's language: every header bilingual, no status, class or yes/no left in English", async () => {
    // Prepare: a solved plan, a re-plan (closed phases, slipped sites) and an infeasible plan (remedies): every sheet the workbook has.
    const dataset = demoDataset();
    const infeasible = infeasibleDemo();
    const plans: [Dataset, Plan][] = [[dataset, await solvePlan(dataset)], [dataset, replanOf(dataset).replan], [infeasible, await solvePlan(infeasible)]];

    // Act
    const workbooks = await Promise.all(plans.map(async ([data, plan]) => openWorkbook(await planToWorkbook(data, plan))));

    // Assess
    const englishOnly: string[] = [];
    const sheets = new Set<string>();
    for (const workbook of workbooks) {
      for (const sheet of workbook.worksheets) {
        sheets.add(sheet.name);
        const [header, ...body] = rows(sheet);
        for (const cell of header!) if (!CHINESE.test(String(cell))) englishOnly.push(`${sheet.name} header ${String(cell)}`);
        for (const cell of body.flat()) {
          if (typeof cell === 'boolean' || (typeof cell === 'string' && !CHINESE.test(cell) && STATUS_KEYS.has(cell))) englishOnly.push(`${sheet.name}: ${String(cell)}`);
        }
      }
    }
    expect(sheets).toEqual(new Set(['摘要 summary', '分期 phases', '覆盖 coverage', '站点 sites', '已关闭分期 closed', '延误服务区 slipped', '补救方案 remedies']));
    expect(englishOnly).toEqual([]);
    const summary = rows(workbooks[0]!.getWorksheet('摘要 summary')!);
    expect(summary).toContainEqual(['求解状态 / status', PLAN_STATUS[plans[0]![1].status].zh]);
    // The infeasible plan's diagnosis in Chinese, by the data set's names (as the report says it).
    const diagnosis = rows(workbooks[2]!.getWorksheet('摘要 summary')!).filter((cells) => cells[0] === '原因诊断 / diagnosis');
    expect(diagnosis.length).toBeGreaterThan(0);
    for (const cells of diagnosis) expect(String(cells[1])).toMatch(CHINESE);
  });

  it('gives a feasible plan no remedies sheet', async () => {
    const dataset = demoDataset();
    const workbook = await openWorkbook(await planToWorkbook(dataset, await solvePlan(dataset)));
    expect(workbook.getWorksheet('补救方案 remedies')).toBeUndefined();
  });
});
