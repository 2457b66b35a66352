import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../solver/glossary.js';
import { demoDataset, tinyDataset } from './helpers/data.js';
import { useLocalServer } from './helpers/local-server.js';

/*
 * The national overview and the plan summary's targets over real HTTP on the
 * local server: the demo (ZJ) and the tiny Guangdong plan solved, then read as
 * a reviewer would, as JSON and as a workbook.
 */
const server = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

async function submitted(body: unknown, province: string): Promise<string> {
  const answer = await server.api('POST', '/v1/plans', { as: province, body, headers: { 'idempotency-key': `overview-${province}` } });
  expect(answer.status).toBe(202);
  return answer.json.planId as string;
}

describe('the national overview and the targets of a plan', () => {
  let demoId = '';
  let tinyId = '';

  it('carries each phase’s regions meeting their target, the matrix and the money in the plan summary', async () => {
    // Prepare
    [demoId, tinyId] = [await submitted(demoDataset(), 'ZJ'), await submitted(tinyDataset(), 'GD')];
    await server.local.queue.idle();

    // Act
    const plan = await server.api('GET', `/v1/plans/${demoId}`, { as: 'ZJ' });
    const version = await server.api('GET', `/v1/plans/${demoId}/versions/1`, { as: 'ZJ' });

    // Assess
    const targets = plan.json.summary.targets;
    expect(targets.phases.map((phase: { phase: string; targetsMet: number; targetsTotal: number }) => `${phase.phase} ${phase.targetsMet}/${phase.targetsTotal}`)).toEqual(['2023 3/3', '2024 3/3', '2025 3/3']);
    expect(targets.cells).toHaveLength(9);
    expect(targets.finalPhase).toBe('2025');
    expect(targets.money.nominal).toBeCloseTo(112_056_000, -3);
    expect(targets.money.discountRate).toBe(0.04);
    expect(targets.money.discounted).toBe(plan.json.summary.objective);
    expect(version.json.targets).toEqual(targets);
  });

  it('lists all 31 provincial-level regions to a reviewer, with or without a plan, waiting for review first', async () => {
    // Act
    const answer = await server.api('GET', '/v1/overview', { as: 'reviewer' });

    // Assess
    expect(answer.status).toBe(200);
    const rows = answer.json.provinces as { province: string; planId: string | null; status: string | null; waitingForReview: boolean; priority: { met: boolean; target: number } | null; standard: { target: number } | null; nominal: number | null }[];
    expect(rows.map((row) => row.province)).toEqual(PROVINCES.map(([code]) => code));
    const zj = rows.find((row) => row.province === 'ZJ')!;
    expect(zj).toMatchObject({ planId: demoId, status: 'optimal', waitingForReview: true, priority: { met: true, target: 0.8 }, standard: { target: 0.6 } });
    expect(zj.nominal).toBeCloseTo(112_056_000, -3);
    expect(rows.find((row) => row.province === 'GD')!.planId).toBe(tinyId);
    const without = rows.filter((row) => row.planId === null);
    expect(without).toHaveLength(29);
    expect(without.every((row) => row.status === null && !row.waitingForReview)).toBe(true);
  });

  it('keeps the newest reviewed version’s state in the listing after a re-plan makes a newer one', async () => {
    // Prepare
    const review = await server.api('POST', `/v1/plans/${tinyId}/versions/1/review`, { as: 'reviewer', body: { decision: 'request-changes', comment: '请补充粤北段说明' } });
    const replan = await server.api('POST', `/v1/plans/${tinyId}/regenerate`, { as: 'GD', body: { asOf: '2024-01-15' } });
    await server.local.queue.idle();

    // Act
    const listing = await server.api('GET', '/v1/plans?province=GD', { as: 'GD' });

    // Assess
    expect(review.status).toBe(200);
    expect(replan.status).toBe(202);
    const item = listing.json.items.find((plan: { planId: string }) => plan.planId === tinyId);
    expect(item).toMatchObject({ latestVersion: 2, review: { state: 'none' }, lastReviewed: { version: 1, state: 'changes-requested' } });
  });

  it('exports the same rows as a workbook, and refuses province users', async () => {
    // Act
    const file = await server.api('GET', '/v1/overview?format=xlsx', { as: 'reviewer' });
    const refused = await server.api('GET', '/v1/overview', { as: 'ZJ' });
    const badFormat = await server.api('GET', '/v1/overview?format=pdf', { as: 'reviewer' });

    // Assess
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="overview-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(32);
    const zj = sheet.getRows(2, 31)!.find((row) => row.getCell(2).value === 'ZJ')!;
    expect(zj.getCell(1).value).toBe('浙江省');
    expect(zj.getCell(7).value).toBe('是 yes');
    expect(refused.status).toBe(403);
    expect(badFormat.status).toBe(400);
    expect(badFormat.json.error.issues[0].path).toBe('query.format');
  });
});
