import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/lib/dynamo.js';
import { planPk, versionSk } from '../../functions/lib/item-keys.js';
import { createLogger } from '../../functions/lib/log.js';
import { createRepository, type PlanRepository } from '../../functions/lib/repository.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import type { PlanDetail, ScenarioView, VersionsPage, VersionView } from '../../functions/presenters/shapes.js';
import { makeHandler as makeDeadLetterHandler } from '../../functions/solve-dead-letter.js';
import { failureText } from '../../web/src/failure-text.js';
import { apiClient } from './helpers/api.js';
import { demoDataset, tinyDataset } from './helpers/data.js';
import { lambdaContext, queuedPlan as queuedPlanOf, sqsEvent, type SqsHandler } from './helpers/lambda.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';
import { launchBrowser, settledText } from '../web/helpers/browser.js';

/*
 * What a version carries beside its figures, over real HTTP on the local
 * server and its dynalite:
 * - a failed version's reason with its message code beside the English text:
 *   the real dead-letter handler fails a version, and the page's text function
 *   renders it in Chinese; a version stored before codes answers `plain`;
 * - in the versions list, per phase how many regions meet their target, the
 *   same counts as each plan's summary, stored when the version was solved.
 */
const TABLE = 'failures';
let store: DynamoServer;
let local: LocalServer;
let api: ReturnType<typeof apiClient>;
let repo: PlanRepository;
let dataDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  store = await startDynalite();
  dataDir = mkdtempSync(join(tmpdir(), 'planner-failures-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {}, dynamoEndpoint: store.endpoint, tableName: TABLE });
  api = apiClient(local);
  repo = createRepository({ client: createDocumentClient({ endpoint: store.endpoint }), tableName: TABLE });
});

afterAll(async () => {
  await local?.close();
  await store?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A plan whose first version is queued and never sent to the queue: only the dead-letter handler ends it. */
const queuedPlan = () => queuedPlanOf(repo);

describe('a failed version over HTTP', () => {
  it('answers the failure with its code, and the page says it in Chinese', async () => {
    const planId = await queuedPlan();
    const handler = makeDeadLetterHandler({ repo, log: createLogger({ test: 'failure-detail' }) }) as unknown as SqsHandler;
    expect((await handler(sqsEvent({ planId, version: 1 }), lambdaContext())).batchItemFailures).toEqual([]);

    const plan = await api<PlanDetail>('GET', `/v1/plans/${planId}`, { as: tinyDataset().province });
    const versions = await api<{ items: VersionView[] }>('GET', `/v1/plans/${planId}/versions`, { as: tinyDataset().province });

    expect(plan.status).toBe(200);
    expect(plan.json).toMatchObject({ status: 'failed', failureDetail: { code: 'failure.deadLetter', params: {} } });
    expect(plan.json.failure).toMatch(/^The planner could not finish this plan after several attempts/);
    expect(versions.json.items[0]).toMatchObject({ failure: plan.json.failure, failureDetail: { code: 'failure.deadLetter' } });
    const zh = failureText(plan.json, 'zh');
    expect(zh).toBe('规划多次尝试均未能完成（每次都被中断或出错）。请重新规划；如再次失败，技术团队已掌握详情。');
    expect(failureText(plan.json, 'en')).toBe(plan.json.failure);

    // The plan page in Chromium, served by the same local server: the reason in Chinese, no English.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${local.url}/sign-in?as=reviewer&next=${encodeURIComponent(`/plans/${planId}`)}`);
      const shown = page.locator('#failure-title + p');
      expect(await settledText(shown, zh!)).toBe(zh);
      expect(await page.locator('main').textContent()).not.toContain('The planner could not finish');
    } finally {
      await browser.close();
    }
  });

  it("answers a dead scenario's failure with its code too", async () => {
    const planId = await queuedPlan();
    const version = (await repo.getVersion(planId, 1))!;
    const now = new Date().toISOString();
    const { datasetHash, datasetParts, serviceAreas } = version;
    const scenario = await repo.addScenario(
      {
        planId, name: 'budgets cut', changes: {}, asOf: null, status: 'queued', createdBy: 'user-test', createdAt: now, updatedAt: now,
        datasetHash, datasetParts, serviceAreas, dataRevision: 1, progressReportId: null, progressAsOf: null, closedPhases: [], modelVersion: 'test',
      },
      10,
    );
    const handler = makeDeadLetterHandler({ repo, log: createLogger({ test: 'failure-detail' }) }) as unknown as SqsHandler;
    expect((await handler(sqsEvent(JSON.stringify({ planId, whatIf: scenario.id })), lambdaContext())).batchItemFailures).toEqual([]);

    const shown = await api<ScenarioView>('GET', `/v1/plans/${planId}/scenarios/${scenario.id}`, { as: 'reviewer' });

    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ status: 'failed', failureDetail: { code: 'failure.deadLetterWhatIf' } });
    expect(failureText(shown.json, 'zh')).toMatch(/^情景多次尝试均未能求解完成.*请新建情景或曲线再试/);
  });

  it('answers a failure stored before codes as plain text, shown as it is in either language', async () => {
    const planId = await queuedPlan();
    const old = 'The solver reached its time limit of 600 s before finding any plan';
    await createDocumentClient({ endpoint: store.endpoint }).send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: planPk(planId), sk: versionSk(1) },
        UpdateExpression: 'SET #status = :failed, failure = :failure',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':failure': old },
      }),
    );

    const plan = await api<PlanDetail>('GET', `/v1/plans/${planId}?version=1`, { as: tinyDataset().province });

    expect(plan.json).toMatchObject({ status: 'failed', failure: old, failureDetail: { code: 'plain', params: { text: old } } });
    expect(failureText(plan.json, 'zh')).toBe(old);
  });
});

describe('the versions list', () => {
  it('carries per version the target counts of its plan summary, so the page reads no plan; a version solved before they were stored has none', async () => {
    const dataset = demoDataset();
    const as = dataset.province;
    const accepted = await api('POST', '/v1/plans', { as, body: dataset, headers: { 'idempotency-key': `targets-${randomUUID()}` } });
    expect(accepted.status).toBe(202);
    const planId = accepted.json.planId as string;
    await local.queue.idle();
    // A re-plan as of a date after the last phase: every phase closed, nothing reported built, targets missed.
    const replan = await api('POST', `/v1/plans/${planId}/regenerate`, { as, body: { asOf: '2026-06-30' }, headers: { 'idempotency-key': `late-${planId}` } });
    expect(replan.status).toBe(202);
    await local.queue.idle();

    const list = await api<VersionsPage>('GET', `/v1/plans/${planId}/versions`, { as });
    const plans = await Promise.all([1, 2].map((version) => api<PlanDetail>('GET', `/v1/plans/${planId}?version=${version}`, { as })));

    const [second, first] = list.json.items;
    expect([first!.version, second!.version]).toEqual([1, 2]);
    expect(first!.targets).toEqual(plans[0]!.json.summary!.targets!.phases);
    expect(second!.targets).toEqual(plans[1]!.json.summary!.targets!.phases);
    expect(first!.targets!.every((phase) => phase.targetsMet === phase.targetsTotal)).toBe(true);
    expect(second!.targets!.some((phase) => phase.hasTargets && phase.targetsMet < phase.targetsTotal)).toBe(true);

    // A version solved before the counts were stored: the list has none (the page reads that plan instead).
    await createDocumentClient({ endpoint: store.endpoint }).send(
      new UpdateCommand({ TableName: TABLE, Key: { pk: planPk(planId), sk: versionSk(1) }, UpdateExpression: 'REMOVE targets' }),
    );
    const older = await api<VersionsPage>('GET', `/v1/plans/${planId}/versions`, { as });
    expect(older.json.items[1]).not.toHaveProperty('targets');
    expect(older.json.items[0]!.targets).toEqual(second!.targets);
  });
});
