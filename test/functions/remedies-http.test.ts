import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../solver/index.js';
import { renderMessage } from '../../solver/messages.js';
import { openWorkbook } from '../formats/helpers.js';
import { infeasibleDemo, tinyDataset } from './helpers/data.js';
import { useLocalServer } from './helpers/local-server.js';

/*
 * The remedies of an infeasible version (SPEC 7) over real HTTP on the local
 * server: in the plan's summary (figures, each remedy's plan without its
 * sites), in the version in full, and as downloads of a remedy's site selection.
 */
const server = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

async function solved(dataset: Dataset, key: string): Promise<string> {
  const accepted = await server.api('POST', '/v1/plans', { as: dataset.province, body: dataset, headers: { 'idempotency-key': key } });
  expect(accepted.status).toBe(202);
  await server.local.queue.idle();
  return accepted.json.planId as string;
}

describe('the remedies of an infeasible version over HTTP', () => {
  const dataset = infeasibleDemo('RM');
  let planId: string;

  it("carries them in the plan's summary, each remedy's plan without its sites, and in the version in full", async () => {
    planId = await solved(dataset, 'remedies-1');

    const plan = await server.api('GET', `/v1/plans/${planId}`, { as: 'RM' });
    const version = await server.api('GET', `/v1/plans/${planId}/versions/1`, { as: 'reviewer' });

    expect(plan.json.status).toBe('infeasible');
    const remedies = plan.json.summary.remedies;
    expect(remedies.withinBudget).toMatchObject({ rulesMet: 14, rulesTotal: 16, shortfall: 1 });
    expect(remedies.withinBudget.unmet).toEqual([
      { rule: 'coverage', region: 'SHAOXING', phase: '2024', covered: 7, required: 8 },
      { rule: 'spacing', corridor: 'G1512', phase: '2025', impossible: true },
    ]);
    expect(remedies.withinBudget.plan.status).toBe('optimal');
    expect(remedies.withinBudget.plan.phases).toHaveLength(3);
    expect(remedies.withinBudget.plan).not.toHaveProperty('sites');
    expect(remedies.extraBudget).toMatchObject({ total: 204_000, byPhase: { '2024': 204_000 }, dropped: [{ rule: 'spacing', corridor: 'G1512', phase: '2025' }] });
    expect(remedies.extraBudget.plan).not.toHaveProperty('sites');
    expect(remedies.newSites).toEqual([
      { corridor: 'G1512', fromKm: 1037.4, toKm: 1196.8, maxGapKm: 120, phase: '2025', count: 1, atKm: [1117.1], between: ['兰阳服务区', '金源服务区'] },
    ]);
    const full = version.json.plan.remedies;
    expect(full.withinBudget.plan.sites).toHaveLength(dataset.serviceAreas.length);
    expect(full.extraBudget.plan.sites).toHaveLength(dataset.serviceAreas.length);
    expect({ ...full.withinBudget.plan, sites: undefined }).toEqual({ ...remedies.withinBudget.plan, sites: undefined });
  });

  it("downloads each remedy's site selection as JSON, CSV, GeoJSON and a workbook, named for the remedy", async () => {
    const full = (await server.api('GET', `/v1/plans/${planId}/versions/1`, { as: 'RM' })).json.plan.remedies;

    for (const remedy of ['withinBudget', 'extraBudget'] as const) {
      const json = await server.api('GET', `/v1/plans/${planId}/sites?remedy=${remedy}&format=json`, { as: 'RM' });
      const csv = await server.api('GET', `/v1/plans/${planId}/sites?remedy=${remedy}&format=csv&phase=2024`, { as: 'reviewer' });
      const geojson = await server.api('GET', `/v1/plans/${planId}/sites?remedy=${remedy}&format=geojson`, { as: 'RM' });
      const xlsx = await server.api('GET', `/v1/plans/${planId}/sites?remedy=${remedy}&format=xlsx`, { as: 'RM' });

      const expected = full[remedy].plan.sites as { id: string; buildPhase: string | null }[];
      expect(json.status).toBe(200);
      expect(json.json).toMatchObject({ status: 'infeasible', remedy, phase: null });
      expect(json.json.sites.map((site: { id: string; buildPhase: string | null }) => [site.id, site.buildPhase])).toEqual(expected.map((site) => [site.id, site.buildPhase]));
      expect(json.headers.get('content-disposition')).toContain(`-v1-${remedy}.json`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toContain(`-v1-${remedy}-phase-2024.csv`);
      expect(csv.text.replace(/^\ufeff/, '').trim().split(/\r?\n/)).toHaveLength(dataset.serviceAreas.length + 1);
      expect(geojson.json.features.length).toBeGreaterThan(0);
      expect(xlsx.status).toBe(200);
      const workbook = await openWorkbook(xlsx.bytes);
      expect(workbook.getWorksheet('站点 sites')!.rowCount).toBe(dataset.serviceAreas.length + 1);
      expect(workbook.getWorksheet('补救方案 remedies')).toBeUndefined();
    }
    // The two remedies choose differently: with more money, 绍兴 gets its eighth service area in 2024.
    const within = full.withinBudget.plan.sites as { buildPhase: string | null }[];
    const extra = full.extraBudget.plan.sites as { buildPhase: string | null }[];
    expect(within.map((site) => site.buildPhase)).not.toEqual(extra.map((site) => site.buildPhase));
  });

  it("downloads the infeasible version's own workbook with its remedies sheet; its other formats have no selection", async () => {
    const xlsx = await server.api('GET', `/v1/plans/${planId}/sites?format=xlsx`, { as: 'RM' });
    const csv = await server.api('GET', `/v1/plans/${planId}/sites?format=csv`, { as: 'RM' });

    expect(xlsx.status).toBe(200);
    const workbook = await openWorkbook(xlsx.bytes);
    const texts = workbook.getWorksheet('补救方案 remedies')!.getColumn(4).values.map(String);
    expect(texts.some((text) => text.includes('K1117.1'))).toBe(true);
    expect(csv.status).toBe(409);
  });

  it('refuses a remedy the version does not have, or an unknown one, naming query.remedy', async () => {
    const feasible = await solved(tinyDataset({ province: 'RM' }), 'remedies-feasible');

    const unknown = await server.api('GET', `/v1/plans/${planId}/sites?remedy=newSites&format=json`, { as: 'RM' });
    const onFeasible = await server.api('GET', `/v1/plans/${feasible}/sites?remedy=withinBudget&format=csv`, { as: 'RM' });
    const feasiblePlan = await server.api('GET', `/v1/plans/${feasible}`, { as: 'RM' });

    expect(unknown.status).toBe(400);
    expect(unknown.json.error.issues).toMatchObject([{ path: 'query.remedy', message: 'must be one of withinBudget, extraBudget' }]);
    expect(onFeasible.status).toBe(400);
    expect(onFeasible.json.error.issues[0].path).toBe('query.remedy');
    expect(onFeasible.json.error.issues[0].message).toContain('only an infeasible version has remedies');
    expect(feasiblePlan.json.summary).not.toHaveProperty('remedies');
  });

  it('refuses the within-budget plan when no plan fits the budgets, with the reason', async () => {
    // Existing sites' piles alone cost more than a budget of 1 in every phase.
    const starved = { ...dataset, phases: dataset.phases.map((phase) => ({ ...phase, budget: 1 })) };
    const starvedId = await solved(starved, 'remedies-starved');

    const plan = await server.api('GET', `/v1/plans/${starvedId}`, { as: 'RM' });
    const refused = await server.api('GET', `/v1/plans/${starvedId}/sites?remedy=withinBudget&format=json`, { as: 'RM' });
    const extra = await server.api('GET', `/v1/plans/${starvedId}/sites?remedy=extraBudget&format=json`, { as: 'RM' });

    expect(plan.json.summary.remedies.withinBudget.unavailable).toMatch(/budget/);
    // The same reason as a code and params, which the page renders in Chinese.
    const reason = plan.json.summary.remedies.withinBudget.unavailableDetail;
    expect(reason).toMatchObject({ code: 'remedy.withinUnavailable', params: { budget: 1 } });
    expect(renderMessage(reason)).toBe(plan.json.summary.remedies.withinBudget.unavailable);
    expect(renderMessage(reason, 'zh')).toMatch(new RegExp(`^${reason.params.phase} 年仅已覆盖服务区增加充电桩就至少需要 .+，但预算只有 1$`));
    // The workbook's remedies sheet says it in Chinese, money in 万元.
    const xlsx = await server.api('GET', `/v1/plans/${starvedId}/sites?format=xlsx`, { as: 'RM' });
    const sheet = (await openWorkbook(xlsx.bytes)).getWorksheet('补救方案 remedies')!;
    const row = sheet.getSheetValues().find((values) => Array.isArray(values) && values[2] === '无可行方案 / unavailable') as unknown[];
    expect(String(row[4])).toMatch(new RegExp(`^${reason.params.phase} 年仅已覆盖服务区增加充电桩就至少需要 [0-9,.]+ 万元，但预算只有 0\\.0 万元$`));
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues[0]).toMatchObject({ path: 'query.remedy' });
    expect(refused.json.error.issues[0].message).toContain(plan.json.summary.remedies.withinBudget.unavailable);
    expect(extra.status).toBe(200);
    expect(extra.json.remedy).toBe('extraBudget');
  });
});
