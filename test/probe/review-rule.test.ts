import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../solver/index.js';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * The review rule (separation of duties, docs/api.md) over HTTP on the real
 * local server: for each duty that puts a person's hand on a version (its
 * submission, its data set revision, the progress report it counts, a re-plan
 * asked for by hand) that person is refused its review with the reason, even
 * with a token that holds both roles, while a reviewer with no part in it may.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

let keys = 0;
const key = () => `duty-${++keys}`;

/** A token of `groups` for `subject`, and calls made with it. */
function person(subject: string, groups: string[]) {
  const token = suite.local.token(groups, subject);
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${suite.local.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as any };
  };
}

/** Each test its own province, so a scheduled tick or a listing sees only its plans. */
const planner = (province: string) => person(`planner-${province}`, [`province-${province}`]);
/** One person in both groups: a province's planner and a reviewer. */
const dual = (province: string) => person(`dual-${province}`, ['reviewer', `province-${province}`]);
const reviewer = () => person('independent-reviewer', ['reviewer']);

const approve = { decision: 'approve' };

async function submitted(as: ReturnType<typeof person>, dataset: Dataset): Promise<string> {
  const created = await as('POST', '/v1/plans', dataset);
  expect(created.status).toBe(202);
  await suite.local.queue.idle();
  return created.json.planId as string;
}

async function replanned(as: ReturnType<typeof person>, planId: string, body?: unknown): Promise<number> {
  const response = await as('POST', `/v1/plans/${planId}/regenerate`, body);
  expect(response.status).toBe(202);
  await suite.local.queue.idle();
  return response.json.version as number;
}

const review = (as: ReturnType<typeof person>, planId: string, version: number) => as('POST', `/v1/plans/${planId}/versions/${version}/review`, approve);

/** A second revision of the plan's data set, sent by `as`. */
async function revised(as: ReturnType<typeof person>, planId: string, dataset: Dataset): Promise<void> {
  const response = await as('PUT', `/v1/plans/${planId}/dataset`, { ...dataset, name: `${dataset.name} (revised)` });
  expect(response.status).toBe(201);
}

describe('the review rule', () => {
  it('refuses the submitter of a version, whatever roles their token holds; another reviewer may', async () => {
    const dataset = tinyDataset({ province: 'ZJ' });
    const planId = await submitted(dual('ZJ'), dataset);
    const own = await review(dual('ZJ'), planId, 1);
    expect(own.status).toBe(403);
    expect(own.json.error.message).toBe("You submitted revision 1 of this plan's data set, which version 1 was solved from: another reviewer must review it");
    expect((await review(reviewer(), planId, 1)).status).toBe(200);
  });

  it('refuses whoever revised the data set a version was solved from, not the versions before it', async () => {
    const dataset = tinyDataset({ province: 'FJ' });
    const planId = await submitted(planner('FJ'), dataset);
    await revised(dual('FJ'), planId, dataset);
    const version = await replanned(planner('FJ'), planId);
    expect(version).toBe(2);
    const own = await review(dual('FJ'), planId, 2);
    expect(own.status).toBe(403);
    expect(own.json.error.message).toMatch(/^You submitted revision 2 of this plan's data set, which version 2 was solved from: another reviewer must review it$/);
    // Both roles in one token: version 1 is somebody else's work, so it may review that one.
    expect((await review(dual('FJ'), planId, 1)).status).toBe(200);
    expect((await review(reviewer(), planId, 2)).status).toBe(200);
  });

  it('refuses whoever sent the progress report a version counts', async () => {
    const dataset = tinyDataset({ province: 'JS' });
    const planId = await submitted(planner('JS'), dataset);
    const report = await dual('JS')('POST', `/v1/plans/${planId}/progress`, { asOf: '2023-12-31', sites: [] });
    expect(report.status).toBe(201);
    const version = await replanned(planner('JS'), planId, { asOf: '2024-01-15' });
    const counted = await planner('JS')('GET', `/v1/plans/${planId}/versions/${version}`);
    expect(counted.json.inputs.progress.reportId).toBe(report.json.reportId);
    const own = await review(dual('JS'), planId, version);
    expect(own.status).toBe(403);
    expect(own.json.error.message).toBe(`You sent the progress report version ${version} counts: another reviewer must review it`);
    expect((await review(reviewer(), planId, version)).status).toBe(200);
  });

  it('refuses whoever asked for a re-plan by hand, and only for the version it made', async () => {
    const dataset = tinyDataset({ province: 'SD' });
    const planId = await submitted(planner('SD'), dataset);
    await revised(planner('SD'), planId, dataset);
    const version = await replanned(dual('SD'), planId);
    const shown = await planner('SD')('GET', `/v1/plans/${planId}/versions/${version}`);
    expect(shown.json).toMatchObject({ trigger: 'regenerate', requestedBy: 'dual-SD' });
    const own = await review(dual('SD'), planId, version);
    expect(own.status).toBe(403);
    expect(own.json.error.message).toBe(`You asked for version ${version} (a re-plan by hand): another reviewer must review it`);
    // A re-plan with nothing changed makes no version, so it adds nobody's hand to the latest one.
    const again = await person('dual-SD-2', ['reviewer', 'province-SD'])('POST', `/v1/plans/${planId}/regenerate`);
    expect(again.status).toBe(200);
    expect(again.json.unchanged).toBe(true);
    expect((await review(person('dual-SD-2', ['reviewer', 'province-SD']), planId, version)).status).toBe(200);
    expect((await review(dual('SD'), planId, 1)).status).toBe(200);
  });

  it('keeps the uploaders of its data out of a scheduled re-plan, which nobody asked for', async () => {
    const dataset = tinyDataset({ province: 'AH' });
    const planId = await submitted(planner('AH'), dataset);
    await revised(dual('AH'), planId, dataset);
    const tick = await suite.local.tick('2031-01-01T00:00:00Z');
    expect(tick.failed).toBe(0);
    await suite.local.queue.idle();
    const plan = await planner('AH')('GET', `/v1/plans/${planId}`);
    const version = plan.json.latestVersion as number;
    const record = await planner('AH')('GET', `/v1/plans/${planId}/versions/${version}`);
    expect(record.json.trigger).toBe('schedule');
    const own = await review(dual('AH'), planId, version);
    expect(own.status).toBe(403);
    expect(own.json.error.message).toMatch(/^You submitted revision 2 /);
    expect((await review(person('dual-AH-2', ['reviewer', 'province-AH']), planId, version)).status).toBe(200);
  });
});
