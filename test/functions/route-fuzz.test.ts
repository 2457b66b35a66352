import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/lib/dynamo.js';
import type { HttpApiEvent, HttpApiResult, JwtClaimValue, LambdaContext, SqsBatchResponse, SqsEvent } from '../../functions/lib/lambda-types.js';
import { createLogger } from '../../functions/lib/log.js';
import { registerLocalQueue, type QueueJob } from '../../functions/lib/queue.js';
import { LocalQueue } from '../../functions/local/local-queue.js';
import { JOBS, ROUTES, type RouteSpec } from '../../functions/routes.js';
import { tinyDataset } from './helpers/data.js';
import { bodiesAround } from './helpers/mutations.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * Fuzzes every route of the route table by calling each route's exported
 * handler directly (no HTTP: thousands of cases in seconds) over a real
 * dynalite, with a solved, re-planned, reported and reviewed plan in place:
 * bodies, queries, cursors (genuine, and tampered ones with the right key
 * names), path parameters, headers and callers. SQS cannot exist here: an
 * in-process queue solves the setup's jobs, a recording one takes the fuzz's.
 * Properties: never a 5xx or a stack trace; every error names itself; and at
 * the end every item the fuzz added or changed in the table is accounted for
 * by an accepted request: a rejected one stored nothing.
 * Tokens and unknown paths are fuzzed over HTTP in token-fuzz.test.ts.
 */
type Handler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;
type Claims = Record<string, JwtClaimValue> | undefined;

interface Request {
  method: RouteSpec['method'];
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
  claims?: Claims;
}

let server: DynamoServer;
let raw: DynamoDBClient;
const tableName = `route-fuzz-${randomUUID()}`;
const queueUrl = 'local:route-fuzz';
const handlers = new Map<string, Handler>();
const recorded: QueueJob[] = [];
/** The plans of the setup: GD's main plan (solved twice, reported, reviewed), a second GD plan, and ZJ's. */
const plans = { main: '', second: '', other: '' };
const cursors = { plans: '', versions: '' };
let baseline = new Map<string, string>();

const GD: Claims = { sub: 'fuzz-gd', 'cognito:groups': '[province-GD]' };
const ZJ: Claims = { sub: 'fuzz-zj', 'cognito:groups': '[province-ZJ]' };
const REVIEWER: Claims = { sub: 'fuzz-reviewer', 'cognito:groups': '[reviewer]' };

const routeKey = (route: RouteSpec) => `${route.method} ${route.path}`;

function event(route: RouteSpec, request: Request): HttpApiEvent {
  const query = request.query ?? {};
  const body = request.body === undefined ? undefined : request.base64 ? Buffer.from(request.body).toString('base64') : request.body;
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: request.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: request.headers ?? {},
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(request.pathParameters === undefined ? {} : { pathParameters: request.pathParameters }),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: request.base64 === true,
    requestContext: {
      accountId: '000000000000',
      apiId: 'fuzz',
      domainName: 'localhost',
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      http: { method: request.method, path: request.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' },
      ...(request.claims === undefined ? {} : { authorizer: { jwt: { claims: request.claims, scopes: null } } }),
    },
  };
}

const context = (): LambdaContext => ({ awsRequestId: randomUUID(), functionName: 'fuzz', getRemainingTimeInMillis: () => 29_000 });

async function call(method: RouteSpec['method'], template: string, request: Omit<Request, 'method'>): Promise<HttpApiResult> {
  const route = ROUTES.find((candidate) => candidate.method === method && candidate.path === template)!;
  return handlers.get(routeKey(route))!(event(route, { ...request, method }), context());
}

const json = (result: HttpApiResult) => JSON.parse(result.body ?? '') as Record<string, any>;

/** Every item of the table, by key, as comparable text. */
async function snapshot(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await raw.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) items.set(`${item.pk!.S}|${item.sk!.S}`, JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  server = await startDynalite();
  raw = new DynamoDBClient({ endpoint: server.endpoint });
  await ensureTable(raw, tableName);
  // The handlers wire themselves from the environment, as in Lambda.
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = server.endpoint;
  process.env.QUEUE_URL = queueUrl;
  // Each route's handler module, loaded by the registry's row once the environment is set.
  for (const route of ROUTES) handlers.set(routeKey(route), (await route.handler.load()).handler as Handler);
  const solve = (await JOBS.solveJob.load()).handler as (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;
  const solver = new LocalQueue({ handler: solve, log: createLogger({ component: 'fuzz-queue' }), functionTimeoutMs: 60_000, retryDelayMs: 20 });
  registerLocalQueue(queueUrl, solver);

  const submit = async (claims: Claims, province: string, key: string) =>
    json(await call('POST', '/v1/plans', { path: '/v1/plans', claims, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(tinyDataset({ province })) })).planId as string;
  plans.main = await submit(GD, 'GD', 'setup-main');
  plans.second = await submit(GD, 'GD', 'setup-second');
  plans.other = await submit(ZJ, 'ZJ', 'setup-other');
  await solver.idle();
  const at = (tail: string) => ({ path: `/v1/plans/${plans.main}${tail}`, pathParameters: { planId: plans.main } });
  const report = { asOf: '2023-12-31', sites: [{ id: 'G4-045', piles: 4, coveredSince: '2023' }], spent: { '2023': 3_000_000 } };
  expect((await call('POST', '/v1/plans/{planId}/progress', { ...at('/progress'), claims: GD, headers: { 'idempotency-key': 'setup-report' }, body: JSON.stringify(report) })).statusCode).toBe(201);
  expect((await call('POST', '/v1/plans/{planId}/regenerate', { ...at('/regenerate'), claims: GD, body: JSON.stringify({ asOf: '2024-01-15' }) })).statusCode).toBe(202);
  await solver.idle();
  const review = { path: `/v1/plans/${plans.main}/versions/1/review`, pathParameters: { planId: plans.main, version: '1' } };
  expect((await call('POST', '/v1/plans/{planId}/versions/{version}/review', { ...review, claims: REVIEWER, body: JSON.stringify({ decision: 'approve', comment: '同意' }) })).statusCode).toBe(200);
  // A solved scenario (s1) and curve (c1, points c1-1 and c1-2) to read and compare.
  expect((await call('POST', '/v1/plans/{planId}/scenarios', { ...at('/scenarios'), claims: GD, body: JSON.stringify({ name: '快', changes: { evShareScale: 1.2 } }) })).statusCode).toBe(202);
  expect((await call('POST', '/v1/plans/{planId}/curves', { ...at('/curves'), claims: GD, body: JSON.stringify({ vary: 'evShareScale', from: 0.8, to: 1.2, steps: 2 }) })).statusCode).toBe(202);
  await solver.idle();
  cursors.plans = json(await call('GET', '/v1/plans', { path: '/v1/plans', claims: GD, query: { province: 'GD', limit: '1' } })).nextCursor;
  cursors.versions = json(await call('GET', '/v1/plans/{planId}/versions', { ...at('/versions'), claims: GD, query: { limit: '1' } })).nextCursor;
  expect([cursors.plans, cursors.versions]).toEqual([expect.any(String), expect.any(String)]);

  // From here on nothing is solved: jobs are recorded, so the table changes only by the fuzz's accepted writes.
  registerLocalQueue(queueUrl, { send: async (job) => void recorded.push(job) });
  baseline = await snapshot();
}, 120_000);

afterAll(async () => {
  raw?.destroy();
  await server?.stop();
});

// ---------------------------------------------------------------------------
// Arbitraries

const text = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', '0', '-1', 'null', '\u0000', '\ud800', '%', '%zz', '../', 'x'.repeat(3000), '1e309', 'GD', 'ZJ', 'record'),
);

const planIds = fc.oneof(
  { weight: 8, arbitrary: fc.constant('main') },
  { weight: 2, arbitrary: fc.constantFrom('second', 'other') },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: text },
).map((id) => (id in plans ? plans[id as keyof typeof plans] : id));

const versions = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '2', '3') },
  { weight: 2, arbitrary: fc.constantFrom('0', '01', '-1', '999999', '1000000', 'record', 'latest', '1.5', ' 1', '1e3', '0x1') },
  { weight: 1, arbitrary: text },
);

const scenarioIds = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('s1', 'c1-1', 'c1-2') },
  { weight: 2, arbitrary: fc.constantFrom('s0', 's01', 'S1', 's2', 's51', 'c1', 'c1-0', 'c1-3', 'c1-22', 'c0-1', 's1000000', 's-1') },
  { weight: 1, arbitrary: text },
);
const curveIds = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('c1', 'c2') }, { weight: 2, arbitrary: fc.constantFrom('c0', 'c01', 'C1', 'c1-1', 's1', 'c1000000') }, { weight: 1, arbitrary: text });
const versionsOrScenarios = fc.oneof({ weight: 3, arbitrary: versions }, { weight: 1, arbitrary: scenarioIds });

const dates = fc.oneof(fc.constantFrom('2023-12-31', '2024-01-15', '2026-12-01', '2024-02-30', '2024-13-01', '1900-01-01', '9999-12-31'), text);

/** A cursor: one the listing gave, base64url JSON with the right key names and wrong values, or anything. */
function cursorsFor(kind: 'plans' | 'versions'): fc.Arbitrary<string> {
  const keyNames = kind === 'plans' ? ['pk', 'sk', 'gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
  const keyValue = fc.oneof(
    fc.constantFrom('', 'PLAN', 'PLAN#', 'PROVINCE#GD', 'PROVINCE#ZJ', 'VERSION#000000', 'VERSION#000001', 'VERSION#000002', 'VERSION#000009', 'VERSION#999999', 'ZZZ', 'a'.repeat(2100)),
    fc.constantFrom(`PLAN#${plans.main}`, `PLAN#${plans.other}`, `PLAN#${randomUUID()}`, `2026-01-01T00:00:00.000Z#${plans.main}`),
    text,
    fc.jsonValue(),
  );
  // Each key keeps its genuine value or takes a wrong one, so a single wrong value is tested as often as many.
  const tampered = fc.tuple(...keyNames.map(() => fc.option(keyValue, { freq: 2 }))).map((values) => {
    const genuine = JSON.parse(Buffer.from(cursors[kind], 'base64url').toString('utf8')) as Record<string, unknown>;
    keyNames.forEach((name, index) => {
      if (values[index] !== null) genuine[name] = values[index];
    });
    return Buffer.from(JSON.stringify(genuine)).toString('base64url');
  });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(cursors[kind]) },
    { weight: 6, arbitrary: tampered },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')) },
    { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('e30', 'e30=', 'W10', '!!!!', cursors[kind].replace(/.$/, '+'))) },
  );
}

const callers = fc.oneof(
  { weight: 6, arbitrary: fc.constant(GD) },
  { weight: 2, arbitrary: fc.constant(REVIEWER) },
  { weight: 1, arbitrary: fc.constantFrom<Claims>(ZJ, undefined, { sub: 'both', 'cognito:groups': '[province-GD reviewer]' }, { sub: 'nobody', 'cognito:groups': '[]' }, {}) },
  { weight: 1, arbitrary: fc.record({ sub: text, 'cognito:groups': fc.oneof(text, fc.array(text, { maxLength: 3 })) }) as fc.Arbitrary<Claims> },
);

const headerSets = fc
  .tuple(
    fc.record(
      {
        'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json', 'text/csv', 'multipart/form-data', '', 'application/jsonx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        'idempotency-key': fc.oneof({ weight: 5, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('', 'k'.repeat(128), 'k'.repeat(129), 'with space', '键') }, { weight: 1, arbitrary: text }),
        origin: fc.constantFrom('https://planner.example.gov.cn', 'https://evil.example.com', 'null'),
      },
      { requiredKeys: [] },
    ),
    fc.option(fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 2 }), { freq: 5 }),
  )
  .map(([known, strangers]) => ({ ...(strangers ?? {}), ...known }) as Record<string, string>);

/** Queries with the route's own parameters (and strangers), any subset. */
function queries(known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(fc.record(known, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 2 }), { freq: 5 }))
    .map(([own, strangers]) => ({ ...(strangers ?? {}), ...own }) as Record<string, string>);
}

const noBody = fc.option(fc.oneof(fc.json(), text), { freq: 8 }).map((body) => body ?? undefined);
const limits = fc.oneof(fc.constantFrom('1', '2', '100', '101', '0', '-5', '1.5', '9'.repeat(12)), text);
const formats = fc.oneof(fc.constantFrom('json', 'csv', 'geojson', 'xlsx', 'CSV', ''), text);

const dataset = tinyDataset();
const report = { asOf: '2024-06-30', sites: [{ id: 'G4-010', piles: 4, coveredSince: '2023' }, { id: 'G4-045', piles: 6, coveredSince: '2024' }], spent: { '2023': 3_000_000, '2024': 1_500_000 } };
const datasetSpecials = [-1, 1e308, 'XX', 'ZJ', null, [], {}, '', 'x'.repeat(201), 'y'.repeat(65), '🚗'.repeat(200)];

interface RouteFuzz {
  runs: number;
  request: fc.Arbitrary<Omit<Request, 'method' | 'path'> & { planId?: string; version?: string; scenarioId?: string; curveId?: string }>;
}

const plan = (extra: Record<string, fc.Arbitrary<unknown>> = {}) => fc.record({ planId: planIds, claims: callers, headers: headerSets, ...extra });
const reviewers = fc.oneof({ weight: 1, arbitrary: fc.constant(REVIEWER) }, { weight: 1, arbitrary: callers });

const FUZZ: Record<string, RouteFuzz> = {
  'GET /health': { runs: 200, request: fc.record({ claims: callers, headers: headerSets, query: queries({}), body: noBody }) },
  'GET /v1/overview': { runs: 100, request: fc.record({ claims: reviewers, headers: headerSets, query: queries({ format: formats }), body: noBody }) },
  'GET /v1/templates/dataset.xlsx': { runs: 100, request: fc.record({ claims: callers, headers: headerSets, query: queries({}), body: noBody }) },
  'POST /v1/plans': {
    runs: 1500,
    request: fc.record({
      claims: callers,
      headers: headerSets,
      body: fc.oneof({ weight: 9, arbitrary: bodiesAround(dataset, datasetSpecials) }, { weight: 1, arbitrary: fc.constant(JSON.stringify(tinyDataset({ province: 'ZJ' }))) }),
      base64: fc.boolean(),
    }),
  },
  'GET /v1/plans': { runs: 900, request: fc.record({ claims: callers, headers: headerSets, query: queries({ province: fc.oneof(fc.constantFrom('GD', 'ZJ', 'XX'), text), limit: limits, cursor: cursorsFor('plans') }) }) },
  'GET /v1/plans/{planId}': { runs: 600, request: plan({ query: queries({ version: versions }), body: noBody }) },
  'GET /v1/plans/{planId}/versions': { runs: 700, request: plan({ query: queries({ limit: limits, cursor: cursorsFor('versions') }) }) },
  'GET /v1/plans/{planId}/report.pdf': { runs: 100, request: plan({ query: queries({ version: versions }) }) },
  'GET /v1/plans/{planId}/sites': { runs: 700, request: plan({ query: queries({ format: formats, version: versions, scenario: scenarioIds, phase: fc.oneof(fc.constantFrom('2023', '2024', '2025', '2030'), text) }) }) },
  'POST /v1/plans/{planId}/regenerate': {
    runs: 700,
    request: plan({ body: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: dates.map((asOf) => JSON.stringify({ asOf })) }, { weight: 2, arbitrary: bodiesAround({ asOf: '2025-01-15' }, ['2026-01-01', 20250115, null]) }), base64: fc.boolean() }),
  },
  'PUT /v1/plans/{planId}/dataset': { runs: 1000, request: plan({ body: bodiesAround(dataset, datasetSpecials), base64: fc.boolean() }) },
  'POST /v1/plans/{planId}/progress': { runs: 1000, request: plan({ body: bodiesAround(report, ['G4-190', 'G4-999', '2025', '2024-02-30', 0, 2, 13, 2.5, -1, null, 'x'.repeat(300)]) }) },
  'GET /v1/plans/{planId}/progress': { runs: 500, request: plan({ query: queries({ asOf: dates }) }) },
  'GET /v1/plans/{planId}/versions/{version}': { runs: 600, request: plan({ version: versions, query: queries({ format: formats }) }) },
  'GET /v1/plans/{planId}/diff': { runs: 700, request: plan({ query: queries({ from: versionsOrScenarios, to: versionsOrScenarios, format: formats }) }) },
  'POST /v1/plans/{planId}/scenarios': {
    runs: 600,
    request: plan({
      body: bodiesAround({ name: '预算削减', changes: { evShareScale: 1.2, trafficGrowth: 0.05, targets: { '2025': { priority: 0.9 } }, maxGapKm: { '2025': 80 } }, asOf: '2024-01-15' }, [
        0.8, 1.5, -1, 2, 0, '2024', '2099', 'x'.repeat(201), null, {}, [],
      ]),
    }),
  },
  'GET /v1/plans/{planId}/scenarios': { runs: 300, request: plan({ query: queries({}) }) },
  'GET /v1/plans/{planId}/scenarios/{scenarioId}': { runs: 500, request: plan({ scenarioId: scenarioIds }) },
  'POST /v1/plans/{planId}/curves': {
    runs: 400,
    request: plan({ body: bodiesAround({ vary: 'evShareScale', from: 0.8, to: 1.2, steps: 3 }, ['budgetScale', 'target.priority', 'target.standard', 21, 22, 1, 2, 0, -1, 1.5, null]) }),
  },
  'GET /v1/plans/{planId}/curves': { runs: 300, request: plan({ query: queries({}) }) },
  'GET /v1/plans/{planId}/curves/{curveId}': { runs: 400, request: plan({ curveId: curveIds }) },
  'POST /v1/plans/{planId}/versions/{version}/review': {
    runs: 800,
    request: plan({
      claims: reviewers,
      version: versions,
      body: bodiesAround({ decision: 'request-changes', comment: '请补充 G4 的电网容量' }, ['approve', 'request-changes', 'reject', '', ' ', 'x'.repeat(4001), null, 1]),
    }),
  },
};

// ---------------------------------------------------------------------------

const accepted: { route: string; planId?: string; key?: string; replayed: boolean; result: Record<string, any> }[] = [];

function expectSafe(result: HttpApiResult): void {
  expect(result.statusCode).toBeLessThan(500);
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+:\d+|node_modules/);
  if (result.statusCode >= 400) {
    const problem = JSON.parse(body) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
    expect(problem.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    if (result.statusCode === 400) {
      expect(problem.error.issues?.length).toBeGreaterThan(0);
      // An issue of the message catalog carries its code and params beside the English message.
      for (const issue of problem.error.issues ?? []) {
        const coded = 'code' in issue ? { code: expect.any(String), params: expect.any(Object) } : {};
        expect(issue).toEqual({ path: expect.any(String), message: expect.any(String), ...coded });
      }
    }
  }
}

describe('every route under fuzzing', () => {
  it('fuzzes every route of the route table', () => {
    expect(Object.keys(FUZZ).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  describe.each(Object.entries(FUZZ))('%s', (key, { runs, request }) => {
    it(`answers ${runs} fuzzed requests without a 5xx or a stack trace`, async () => {
      const route = ROUTES.find((candidate) => routeKey(candidate) === key)!;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(request, async ({ planId, version, scenarioId, curveId, ...rest }) => {
          const named = { planId, version, scenarioId, curveId };
          const pathParameters = Object.fromEntries(Object.entries(named).filter(([, value]) => value !== undefined)) as Record<string, string>;
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => named[name as keyof typeof named] ?? '');

          const result = await handlers.get(key)!(event(route, { ...rest, method: route.method, path, ...(route.path.includes('{') ? { pathParameters } : {}) }), context());

          statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
          expectSafe(result);
          if (route.method !== 'GET' && result.statusCode < 300) {
            const replayed = result.headers?.['Idempotent-Replayed'] === 'true';
            accepted.push({ route: key, planId, key: rest.headers?.['idempotency-key'], replayed, result: JSON.parse(result.body ?? '{}') as Record<string, any> });
          }
        }),
        { numRuns: runs, seed: 20261201 },
      );
      // Neither only accepted nor only refused: show the mix, so a fuzzer stuck on one branch is noticed.
      const ok = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
      expect(ok, JSON.stringify([...statuses])).toBeGreaterThan(runs / 100);
      if (key !== 'GET /health') expect(ok, JSON.stringify([...statuses])).toBeLessThan(runs);
    });
  });

  it('stored nothing for a rejected request: every item added or changed belongs to an accepted one', async () => {
    const after = await snapshot();
    const changed = [...after].filter(([itemKey, item]) => baseline.get(itemKey) !== item).map(([itemKey]) => itemKey);
    const removed = [...baseline.keys()].filter((itemKey) => !after.has(itemKey));
    const writes = (route: string) => accepted.filter((write) => write.route === route);
    const submitted = new Set(writes('POST /v1/plans').map((write) => write.result.planId as string));
    const submitKeys = new Set(writes('POST /v1/plans').map((write) => write.key));
    const touched = new Set(accepted.map((write) => write.planId ?? write.result.planId));
    const revisions = new Set(writes('PUT /v1/plans/{planId}/dataset').map((write) => `${write.planId}|REVISION#${String(write.result.revision).padStart(6, '0')}`));
    const reports = new Set(writes('POST /v1/plans/{planId}/progress').map((write) => write.result.reportId as string));
    const versionsMade = new Set(writes('POST /v1/plans/{planId}/regenerate').filter((write) => !write.result.unchanged).map((write) => `${write.planId}|VERSION#${String(write.result.version).padStart(6, '0')}`));
    const action: Record<string, string> = {
      'POST /v1/plans/{planId}/regenerate': 'regenerate', 'PUT /v1/plans/{planId}/dataset': 'dataset', 'POST /v1/plans/{planId}/progress': 'progress',
      'POST /v1/plans/{planId}/scenarios': 'scenario', 'POST /v1/plans/{planId}/curves': 'curve',
    };
    const pad = (id: string) => id.replace(/\d+/, (digits) => digits.padStart(6, '0'));
    const scenariosMade = new Set(writes('POST /v1/plans/{planId}/scenarios').map((write) => `${write.planId}|SCENARIO#${pad(String(write.result.scenarioId).slice(1))}`));
    const curvesMade = new Set(writes('POST /v1/plans/{planId}/curves').map((write) => `${write.planId}|CURVE#${pad(String(write.result.curveId).slice(1))}`));
    const writeKeys = new Set(accepted.filter((write) => action[write.route] !== undefined && write.key).map((write) => `${write.planId}|${action[write.route]}|${write.key}`));
    const reviewsByPlan = new Map<string, number>();
    for (const write of writes('POST /v1/plans/{planId}/versions/{version}/review')) reviewsByPlan.set(write.planId!, (reviewsByPlan.get(write.planId!) ?? 0) + 1);
    const revisionHashes = new Set([...after.values()].map((item) => JSON.parse(item) as Record<string, AttributeValue>).filter((item) => item.sk?.S?.startsWith('REVISION#')).map((item) => `${item.pk!.S}|${item.datasetHash!.S}`));

    const unaccounted = changed.filter((itemKey) => {
      const [pk, sk] = itemKey.split('|') as [string, string];
      const planId = pk.startsWith('PLAN#') ? pk.slice(5) : undefined;
      if (planId !== undefined && submitted.has(planId)) return false;
      if (pk === 'PROVINCES') return false; // the newest plan of a province, moved only by an accepted submission (checked below)
      if (pk.startsWith('IDEM#PLAN#')) return !writeKeys.has(`${pk.split('#')[2]}|${pk.split('#')[3]}|${pk.split('#').slice(4).join('#')}`);
      if (pk.startsWith('IDEM#')) return !submitKeys.has(pk.split('#').slice(2).join('#'));
      if (planId === undefined) return true;
      if (sk === 'PLAN') return !touched.has(planId);
      if (sk.startsWith('REVISION#')) return !revisions.has(`${planId}|${sk}`);
      if (sk.startsWith('VERSION#')) return !versionsMade.has(`${planId}|${sk}`) && !reviewsByPlan.has(planId);
      if (sk.startsWith('DATASET#')) return !revisionHashes.has(`${pk}|${sk.split('#')[1]}`);
      if (sk.startsWith('REPORT#') || sk.startsWith('REPORTDATA#')) return !reports.has(sk.split('#')[1]!);
      if (sk.startsWith('REVIEW#')) return !reviewsByPlan.has(planId);
      if (sk.startsWith('SCENARIO#')) return !scenariosMade.has(`${planId}|${sk}`);
      if (sk.startsWith('CURVE#')) return !curvesMade.has(`${planId}|${sk.slice(0, 'CURVE#000000'.length)}`);
      return true;
    });
    const newReviews = changed.filter((itemKey) => itemKey.includes('|REVIEW#')).length;
    const provinceMoves = changed.filter((itemKey) => itemKey.startsWith('PROVINCES|'));

    expect(removed).toEqual([]);
    expect(unaccounted).toEqual([]);
    expect(newReviews).toBe([...reviewsByPlan.values()].reduce((sum, count) => sum + count, 0));
    if (submitted.size === 0) expect(provinceMoves).toEqual([]);
    // One job per accepted submission (a replay re-sends its still queued first version) and per new version; none for anything else.
    const newVersions = writes('POST /v1/plans/{planId}/regenerate').filter((write) => !write.result.unchanged && !write.replayed).length;
    // And one per new scenario and per point of a new curve.
    const newScenarios = writes('POST /v1/plans/{planId}/scenarios').filter((write) => !write.replayed).length;
    const newPoints = writes('POST /v1/plans/{planId}/curves').filter((write) => !write.replayed).reduce((sum, write) => sum + (write.result.points as string[]).length, 0);
    expect(recorded.length).toBe(writes('POST /v1/plans').length + newVersions + newScenarios + newPoints);
    expect(accepted.length).toBeGreaterThan(100);
  });
});
