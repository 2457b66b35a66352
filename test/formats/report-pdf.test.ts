import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFont } from '../../functions/lib/report-font.js';
import { renderReportPdf, type ReportInput } from '../../solver/formats/report-pdf.js';
import { replanPlan, solvePlan, type Dataset, type Plan } from '../../solver/index.js';
import { msg, renderMessage } from '../../solver/messages.js';
import { siteColumnZh } from '../../solver/site-columns.js';
import { demoDataset } from '../functions/helpers/data.js';
import { pdfPages, squeezed } from './pdf-text.js';

let font: Uint8Array;
beforeAll(async () => {
  font = await reportFont();
});

const GENERATED = '2026-12-06T07:30:00Z';

async function render(dataset: Dataset, plan: Plan, extra: Partial<ReportInput> = {}): Promise<{ bytes: Uint8Array; pages: string[] }> {
  const bytes = await renderReportPdf({ dataset, plan, version: 3, trigger: 'submit', reviewState: 'approved', planOfRecord: 3, generatedAt: GENERATED, ...extra }, font);
  return { bytes, pages: await pdfPages(bytes) };
}

/** The pages from the site list's heading on. */
const siteListPages = (pages: string[]): string[] => pages.slice(pages.findIndex((page) => page.includes('服务区清单（按建设分期）')));

function expectNumberedPages(pages: string[]): void {
  pages.forEach((page, index) => {
    expect(page).toContain(squeezed(`第 ${index + 1} 页 / 共 ${pages.length} 页`));
    // Generated 07:30 UTC is 15:30 in China Standard Time.
    expect(page).toContain(squeezed('生成于 2026-12-06 15:30（北京时间）'));
  });
}

describe('the PDF report', () => {
  it('of the demo is A4 and in Chinese: cover with the province, targets matrix, spending, map with region names, every site, numbered pages', async () => {
    // Prepare
    const dataset = demoDataset();
    const plan = await solvePlan(dataset);

    // Act
    const { bytes, pages } = await render(dataset, plan);

    // Assess
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const [cover] = pages;
    for (const text of ['浙江省', '高速公路快充网络规划报告', dataset.name, '第 3 版（提交）', '已批准', '第 3 版（即本版）', '最优', '2025：3 个地市中 3 个达标', '总投资（名义）：11,205.6 万元', '折现总费用']) {
      expect(cover).toContain(squeezed(text));
    }
    const all = pages.join('\n');
    for (const heading of ['目标达成情况', '分期投资与预算', '地图', '服务区清单（按建设分期）', '2023 年新建']) expect(all).toContain(squeezed(heading));
    const map = pages.find((page) => page.includes('地图'))!;
    for (const region of dataset.regions) expect(map).toContain(region.name);
    expect(map).toContain(squeezed('G15 沈海高速'));
    const siteText = siteListPages(pages).join('\n');
    for (const area of dataset.serviceAreas) expect(siteText).toContain(area.id);
    // The site list's headers are the workbook's labels of the same columns.
    for (const column of ['id', 'name', 'corridor', 'km', 'region', 'status', 'capex']) expect(siteListPages(pages)[0]).toContain(squeezed(siteColumnZh(column)));
    expect(all).not.toContain('无可行解');
    expectNumberedPages(pages);
  });

  it('of an infeasible plan states the diagnosis in Chinese with names, marks missed targets and has no investment figure', async () => {
    // Prepare: spacing of 20 km on the demo's corridors cannot be met.
    const dataset = demoDataset();
    dataset.phases[2]!.maxGapKm = 20;
    const plan = await solvePlan(dataset);

    // Act
    const { pages } = await render(dataset, plan, { reviewState: 'none', planOfRecord: null, trigger: 'regenerate' });

    // Assess
    expect(plan.status).toBe('infeasible');
    const all = pages.join('\n');
    expect(pages[0]).toContain(squeezed('无可行解'));
    expect(pages[0]).toContain(squeezed('暂无（尚无已批准版本）'));
    expect(pages[0]).toContain(squeezed('总投资（名义）：—（没有可行方案）'));
    expect(all).toContain(squeezed('无可行解：原因诊断'));
    expect(all).toContain(squeezed('G15 沈海高速 K850.0（路线端点）至 K875.3（西集服务区）之间 25.3 公里没有可建服务区，超过 2025 年最大间距 20 公里'));
    expect(all).not.toContain('maxGapKm');
    expect(all).toContain('未达标');
    const siteText = siteListPages(pages).join('\n');
    for (const area of dataset.serviceAreas) expect(siteText).toContain(area.id);
    expectNumberedPages(pages);
  });

  it('renders the remedies of an infeasible plan when the plan carries them', async () => {
    // Prepare: the demo made infeasible, with remedies in the shape of SPEC section 7.
    const dataset = demoDataset();
    dataset.phases[2]!.maxGapKm = 20;
    const plan = await solvePlan(dataset);
    const remedies = {
      withinBudget: { rulesMet: 61, rulesTotal: 64, shortfall: 3, unmet: [
        { rule: 'coverage', region: 'NINGBO', phase: '2025', covered: 10, required: 12 },
        { rule: 'spacing', corridor: 'G15', phase: '2025', impossible: true },
        { rule: 'required', site: 'G15-875', phase: '2024' },
      ], plan: { objective: 1, phases: [{ capex: 30_000_000 }, { capex: 12_000_000 }] } },
      extraBudget: { total: 4_200_000, byPhase: { '2024': 4_200_000 }, dropped: [{ rule: 'spacing', corridor: 'G15', phase: '2025' }] },
      newSites: [{ corridor: 'G15', fromKm: 850, toKm: 875.3, maxGapKm: 20, phase: '2025', count: 1, atKm: [862.7], between: [null, '西集服务区'] }],
    };

    // Act
    const { pages } = await render(dataset, { ...plan, remedies } as unknown as Plan);

    // Assess
    const all = pages.join('\n');
    for (const text of [
      '补救方案：怎样才能做到', '满足 61 / 64 条规则，覆盖率目标共差 3 个服务区；总投资（名义） 4,200.0 万元',
      '覆盖率目标 · 宁波市 2025 年：已覆盖 10，应覆盖 12', '最大间距 · 路线 G15 沈海高速 2025 年（无论投资多少都无法满足）',
      '必建服务区 · 西集服务区（G15-875） 2024 年', '最少需追加 420.0 万元（2024 年 420.0 万元）',
      'G15 沈海高速 K850.0（路线端点）至 K875.3（西集服务区）之间 25.3 公里没有可建服务区，超过 2025 年最大间距 20 公里：需新建 1 处，建议位置 K862.7',
    ]) expect(all).toContain(squeezed(text));
  });

  it('states in Chinese why no plan fits the budgets, from the reason\'s code', async () => {
    // Prepare: the demo made infeasible, and SPEC 7.1 unavailable as the solver states it.
    const dataset = demoDataset();
    dataset.phases[2]!.maxGapKm = 20;
    const plan = await solvePlan(dataset);
    const reason = msg('remedy.withinUnavailable', { phase: '2024', least: 12_000_000, budget: 10_000_000 });
    const remedies = { withinBudget: { unavailable: renderMessage(reason), unavailableDetail: reason } };

    // Act
    const { pages } = await render(dataset, { ...plan, remedies } as unknown as Plan);

    // Assess
    const all = pages.join('\n');
    expect(all).toContain(squeezed('预算内没有任何可行方案：2024 年仅已覆盖服务区增加充电桩就至少需要 1,200.0 万元，但预算只有 1,000.0 万元'));
    expect(all).not.toContain(squeezed('no plan fits the budgets'));
  });

  it('of a re-plan shows the as-of date, spent and planned apart, and closed phases', async () => {
    // Prepare
    const dataset = demoDataset();
    const plain = await solvePlan(dataset);
    const replan = await replanPlan(dataset, {
      asOf: '2024-03-01', previous: plain, dataRevision: 2,
      progress: { asOf: '2023-12-31', sites: [], spent: { '2023': 30_000_000 } },
    });

    // Act
    const { pages } = await render(dataset, replan, { version: 4, trigger: 'schedule', planOfRecord: 3, reviewState: 'none' });

    // Assess
    for (const text of ['2024-03-01', '第 4 版（定期重新规划）', '第 3 版', '已完成投资（已结束分期）：3,000.0 万元', '2023（已结束）']) {
      expect(pages[0]).toContain(squeezed(text));
    }
    const all = pages.join('\n');
    expect(all).toContain(squeezed('2023 已结束 50% / 40%'));
    // The plain plan built sites in 2023; nothing is reported, so they slipped.
    expect(replan.slipped!.length).toBeGreaterThan(0);
    expect(all).toContain(squeezed(`延误服务区（${replan.slipped!.length} 个）`));
    const names = new Map(dataset.serviceAreas.map((area) => [area.id, area.name]));
    for (const id of replan.slipped!) expect(all).toContain(squeezed(`${names.get(id)}（${id}）`));
  });

  it('draws a corridor schematic with region names when service areas have no coordinates', async () => {
    // Prepare
    const dataset = demoDataset();
    for (const area of dataset.serviceAreas) {
      delete area.lat;
      delete area.lon;
    }
    const plan = await solvePlan(dataset);

    // Act
    const { pages } = await render(dataset, plan);

    // Assess
    const map = pages.find((page) => page.includes(squeezed('路线示意图')))!;
    expect(map).toBeDefined();
    for (const corridor of dataset.corridors) expect(map).toContain(squeezed(`${corridor.id} ${corridor.name}`));
    for (const region of dataset.regions) expect(map).toContain(region.name);
  });

  it('of the 1,200-site province lists every site across numbered pages and stays small', async () => {
    // Prepare
    const dataset = JSON.parse(readFileSync(new URL('../../data/large.json', import.meta.url), 'utf8')) as Dataset;
    const plan = await solvePlan(dataset, { timeLimitSeconds: 120 });

    // Act
    const { bytes, pages } = await render(dataset, plan);

    // Assess
    const siteText = siteListPages(pages).join('\n');
    const missing = dataset.serviceAreas.filter((area) => !siteText.includes(area.id)).map((area) => area.id);
    expect(missing).toEqual([]);
    expect(pages.length).toBeGreaterThan(20);
    expectNumberedPages(pages);
    // The font is subset: the report carries the glyphs it uses, not the 10 MB font.
    expect(bytes.length).toBeLessThan(2_000_000);
  });
});

describe('the report font', () => {
  it('is a TrueType font read once and shared by every later call', async () => {
    // Act
    const [first, second] = [await reportFont(), await reportFont()];

    // Assess
    expect(first).toBe(second);
    expect(Array.from(first.subarray(0, 4))).toEqual([0, 1, 0, 0]);
    expect(first.length).toBeGreaterThan(1_000_000);
  });
});
