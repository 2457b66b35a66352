import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, ensureTable } from '../../../functions/lib/dynamo.js';
import type { HttpApiEvent, HttpApiResult, JwtClaimValue, LambdaContext, SqsBatchResponse, SqsEvent } from '../../../functions/lib/lambda-types.js';
import type { SolveJob } from '../../../functions/lib/queue.js';
import { createRepository, type PlanRepository } from '../../../functions/lib/repository.js';
import { startDynalite, type DynamoServer } from './servers.js';
import { tinyDataset } from './data.js';

/*
 * What handler-level tests share: events in the shapes AWS delivers them
 * (API Gateway HTTP API payload 2.0, SQS records) and a repository over a
 * fresh table on a real dynalite.
 */

export type HttpHandler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;
export type SqsHandler = (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;

/** A Lambda context with `remainingMs` left. */
export function lambdaContext(remainingMs = 60_000, functionName = 'test'): LambdaContext {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: randomUUID(), functionName, getRemainingTimeInMillis: () => deadline - Date.now() };
}

/** An HTTP API request as API Gateway hands it on, with the claims its JWT authorizer verified (none: no token). */
export function httpEvent(request: {
  method: string;
  /** The route template, e.g. `/v1/plans/{planId}/progress`. */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as it is; a Buffer is sent base64-encoded (a binary upload); another object is sent as JSON. */
  body?: string | Buffer | object;
  groups?: JwtClaimValue;
  subject?: string;
}): HttpApiEvent {
  const path = request.route.replace(/\{(\w+)\}/g, (_, name: string) => request.pathParameters?.[name] ?? name);
  const binary = Buffer.isBuffer(request.body);
  const body =
    request.body === undefined || typeof request.body === 'string'
      ? request.body
      : Buffer.isBuffer(request.body)
        ? request.body.toString('base64')
        : JSON.stringify(request.body);
  const routeKey = `${request.method} ${request.route}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { ...(typeof request.body === 'object' && !binary ? { 'content-type': 'application/json' } : {}), ...request.headers },
    ...(request.query === undefined ? {} : { queryStringParameters: request.query }),
    ...(request.pathParameters === undefined ? {} : { pathParameters: request.pathParameters }),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      http: { method: request.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      ...(request.groups === undefined ? {} : { authorizer: { jwt: { claims: { sub: request.subject ?? 'tester', 'cognito:groups': request.groups }, scopes: null } } }),
    },
  };
}

/** One SQS message (a solve job, or any body) as the event source delivers it. */
export function sqsEvent(job: SolveJob | string, receiveCount = 1): SqsEvent {
  const body = typeof job === 'string' ? job : JSON.stringify(job);
  const messageId = randomUUID();
  return {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body,
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.now()) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:solve-jobs',
        awsRegion: 'local',
      },
    ],
  };
}

/** A repository over a fresh table on its own dynalite; `stop` ends the server. */
export async function freshRepository(name: string): Promise<{ repo: PlanRepository; server: DynamoServer; tableName: string; stop: () => Promise<void> }> {
  process.env.LOG_LEVEL = 'silent';
  const server = await startDynalite();
  const tableName = `${name}-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint: server.endpoint });
  await ensureTable(raw, tableName);
  raw.destroy();
  const repo = createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName });
  return { repo, server, tableName, stop: () => server.stop() };
}

/** Every plan id the table holds anything of (plan items, idempotency records, the province index): what a fuzz may have stored. */
export async function storedPlanIds(endpoint: string, tableName: string): Promise<Set<string>> {
  const raw = new DynamoDBClient({ endpoint });
  const stored = new Set<string>();
  let start: Record<string, never> | undefined;
  do {
    const page = await raw.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const pk = item.pk?.S ?? '';
      if (pk.startsWith('PLAN#')) stored.add(pk.slice(5));
      if (pk.startsWith('IDEM#')) stored.add(item.planId?.S ?? '');
      if (pk === 'PROVINCES') stored.add(item.latestPlanId?.S ?? '');
    }
    start = page.LastEvaluatedKey as typeof start;
  } while (start !== undefined);
  raw.destroy();
  return stored;
}

/** A plan of the tiny data set whose first version is queued and was never sent to a queue: only a handler given its job moves it. */
export async function queuedPlan(repo: PlanRepository): Promise<string> {
  const dataset = tinyDataset();
  const planId = randomUUID();
  const ref = await repo.putDataset(planId, dataset);
  await repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: new Date().toISOString() });
  return planId;
}
