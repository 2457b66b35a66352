import { beforeAll, describe, expect, it } from 'vitest';
import { reportFont } from '../../functions/lib/report-font.js';
import { renderReportPdf } from '../../solver/formats/report-pdf.js';
import { changesInChinese } from '../../solver/formats/report-scenarios.js';
import { applyChanges, solvePlan, type Plan } from '../../solver/index.js';
import { demoDataset } from '../functions/helpers/data.js';
import { pdfPages, squeezed } from './pdf-text.js';

/*
 * The report's scenario comparison page (SPEC 8) from the pure renderer: every
 * kind of change in words, a solved scenario's figures beside the plan's, and a
 * scenario not solved (queued, failed) with its status and no figures.
 */
let font: Uint8Array;
beforeAll(async () => {
  font = await reportFont();
});

describe('the scenario comparison page', () => {
  it('says every kind of change in Chinese', () => {
    const lines = changesInChinese(
      { budgetScale: { '2024': 0.8 }, evShareScale: 1.2, trafficGrowth: 0.06, costs: { site: 2_000_000, gridPerKw: 800, discountRate: 0.05 }, targets: { '2025': { priority: 0.9 } }, maxGapKm: { '2025': 60 } },
      'CNY',
    );

    expect(lines).toEqual(['2024 年预算 ×0.8', '电动车占比 ×1.2', '交通量年增长率 6%', '每站固定费用 200.0 万元', '电网每千瓦费用 800 元', '折现率 5%', '2025 年重点地区目标 90%', '2025 年最大间距 60 公里']);
    expect(changesInChinese({}, 'CNY')).toEqual([]);
  });

  it('shows a solved scenario beside the plan, a queued and a failed one by their status only, and is absent without scenarios', async () => {
    const dataset = demoDataset();
    const changed = applyChanges(dataset, { evShareScale: 1.5 });
    const [plan, scenarioPlan] = await Promise.all([solvePlan(dataset), solvePlan(changed)]);
    const nominal = (shown: Plan) => `${(shown.phases.reduce((sum, phase) => sum + (phase.capex ?? 0), 0) / 10_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}万元`;
    const input = { dataset, plan, version: 2, generatedAt: '2026-12-06T07:30:00Z' };

    const pages = await pdfPages(
      await renderReportPdf(
        {
          ...input,
          scenarios: [
            { id: 's1', name: '电动车多五成', changes: { evShareScale: 1.5 }, asOf: null, status: 'optimal', solved: { dataset: changed, plan: scenarioPlan } },
            { id: 'c1-2', name: 'budgetScale 0.9', changes: { budgetScale: 0.9 }, asOf: null, status: 'queued' },
            { id: 's3', name: '坏的', changes: {}, asOf: '2024-06-01', status: 'failed', failure: '求解器出错' },
          ],
        },
        font,
      ),
    );
    const plain = await pdfPages(await renderReportPdf(input, font));

    const page = pages.find((text) => text.includes(squeezed('情景对比（3 个情景）')))!;
    expect(page).toBeDefined();
    expect(pages).toHaveLength(plain.length + 1);
    expect(plain.some((text) => text.includes(squeezed('情景对比')))).toBe(false);
    for (const text of ['s1「电动车多五成」：电动车占比 ×1.5', 'c1-2「budgetScale 0.9」：预算 ×0.9（各分期）', 's3「坏的」：不改变数据；按 2024-06-01 重新规划', '失败：求解器出错', '本方案第 2 版', '排队中']) {
      expect(page).toContain(squeezed(text));
    }
    expect(page).toContain(squeezed(nominal(plan)));
    expect(page).toContain(squeezed(nominal(scenarioPlan)));
    expect(nominal(scenarioPlan)).not.toBe(nominal(plan));
  });
});
