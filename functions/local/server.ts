import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, ensureTable } from '../lib/dynamo.js';
import { optionalEnv, optionalNumberEnv } from '../lib/env.js';
import type { LambdaContext, SqsBatchResponse, SqsEvent } from '../lib/lambda-types.js';
import { createLogger } from '../lib/log.js';
import { createRepository } from '../lib/repository.js';
import { makeHandler as makeScheduledRegenerate, type ScheduleEvent, type TickReport } from '../scheduled-regenerate.js';
import { makeHandler as makeDeadLetterHandler } from '../solve-dead-letter.js';
import { lambdaContext, problem, requestUrl, send } from './http-event.js';
import { localSecret, signToken } from './jwt.js';
import { LocalQueue } from './local-queue.js';
import { requeueUnfinished } from './pickup.js';
import { createSolvePool, defaultPoolSize } from './solve-pool.js';
import { claimDataDir } from './data-dir.js';
import { startDatabase, type LocalDatabase } from './database.js';
import { createInFlight } from './in-flight.js';
import { seedDemo } from './demo.js';
import { DEFAULT_DATA_DIR } from './paths.js';
import { createRouter } from './router.js';
import { startSchedule } from './schedule.js';
import { createStaticSite, signInLinks } from './static-site.js';

export interface LocalServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Where dynalite keeps its files and the token secret. Default .local-data/ in the project. */
  dataDir?: string;
  /** Use an already running DynamoDB-compatible server instead of starting dynalite. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** Secret for local tokens; default: generated once and kept in dataDir. */
  jwtSecret?: string;
  /** Tick the regeneration schedule this often; default monthly (1st, 02:00 China time), as deployed. */
  scheduleIntervalMs?: number;
  /** Remaining time the solve handler is told it has (the solve Lambda's timeout). Default 15 min. */
  solveTimeoutMs?: number;
  /** Redelivery delay of a failed job. Default 1 s. */
  retryDelayMs?: number;
  /** How long to wait for an old server still holding the data folder to exit. Default 10 s. */
  dataDirWaitMs?: number;
  /** Worker threads that solve (one job each). Default: the machine's cores less one, at least one; 0 queues jobs and solves none. */
  solveWorkers?: number;
  /** Human-readable progress lines (startup banner, demo URLs). Default: console.log. */
  print?: (line: string) => void;
}

export interface LocalServer {
  url: string;
  port: number;
  dataDir: string;
  secret: string;
  queue: LocalQueue;
  /** Runs one tick of the regeneration schedule now. */
  tick(tick?: string): Promise<TickReport>;
  /** True when no plan is stored yet. */
  isEmpty(): Promise<boolean>;
  /** A bearer token for the given groups, signed with this server's secret. */
  token(groups: string[], subject?: string): string;
  close(): Promise<void>;
}

type SqsHandler = (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // First, before anything starts: a weak secret stops the server with a clear message.
  const secret = localSecret(dataDir, options.jwtSecret);
  const log = createLogger({ component: 'local-runtime' });

  let database: LocalDatabase | undefined;
  let endpoint = options.dynamoEndpoint;
  let releaseDataDir = (): void => {};
  if (endpoint === undefined) {
    releaseDataDir = await claimDataDir(dataDir, options.dataDirWaitMs);
    database = await startDatabase(dataDir, log);
    endpoint = database.endpoint;
  }
  const tableName = options.tableName ?? 'planner';

  // The SDK insists on a region and credentials even for a local endpoint, which ignores them.
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

  const rawClient = new DynamoDBClient({ endpoint });
  await ensureTable(rawClient, tableName);
  rawClient.destroy();

  // Every handler is built from this runtime's repository and queue, by the factories Lambda wires from its environment.
  const client = createDocumentClient({ endpoint });
  const repo = createRepository({ client, tableName });
  // Solves run in worker threads, so this event loop only serves requests. This process owns the store
  // (the data folder's lock): a lease held by anything but one of its live workers is a dead one.
  const pool = createSolvePool({ endpoint, tableName, instanceId: randomUUID() }, log, options.solveWorkers ?? defaultPoolSize());
  const queue = new LocalQueue({
    handler: (event, context) => pool.run(event, context),
    concurrency: pool.size,
    deadLetterHandler: makeDeadLetterHandler({ repo }) as unknown as SqsHandler,
    log,
    functionTimeoutMs: options.solveTimeoutMs ?? 15 * 60_000,
    retryDelayMs: options.retryDelayMs ?? 1000,
  });
  const route = await createRouter({ repo, queue }, secret);
  const scheduled = makeScheduledRegenerate({ repo, queue }) as unknown as (event: ScheduleEvent, context: LambdaContext) => Promise<TickReport>;

  const token = (groups: string[], subject = 'local-user') => signToken({ sub: subject, 'cognito:groups': groups }, secret);

  const site = createStaticSite({ token, basemapUrl: optionalEnv('BASEMAP_URL'), basemapAttribution: optionalEnv('BASEMAP_ATTRIBUTION') });

  // What this event loop has started and not finished: closing waits for it before the database goes.
  const working = createInFlight();
  const server = createServer((request, response) => {
    void working.track((async () => {
      const url = requestUrl(request.url);
      const method = request.method ?? 'GET';
      if (url === undefined) {
        send(response, problem(400, 'bad_request', 'The request target is not a path'));
        return;
      }
      if (site.handles(method, url.pathname)) return site.serve(request, response, url);
      send(response, await route(request, url));
    })().catch((error: unknown) => {
      log.error('local router failed', { error });
      if (!response.headersSent) send(response, problem(500, 'internal_error', 'Internal server error'));
      else response.destroy();
    }));
  });
  const port = options.port ?? 8787;
  await new Promise<void>((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', done));
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;

  const tick = (id?: string) => working.track(scheduled(id === undefined ? {} : { tick: id }, lambdaContext('scheduled-regenerate', 5 * 60_000)));
  const runTick = (id: string) =>
    tick(id)
      .then((report) => print(`Scheduled re-plan ${report.tick} (as of ${report.asOf}): ${report.new} new versions, ${report.unchanged} unchanged, ${report.busy} busy, ${report.failed} failed`))
      .catch((error: unknown) => log.error('scheduled regeneration failed', { error }));

  const stopSchedule = startSchedule(options.scheduleIntervalMs, runTick);

  // The in-process queue forgets jobs when the process stops; pick up whatever was left unsolved.
  await requeueUnfinished(repo, (job) => queue.send(job));

  return {
    url,
    port: actualPort,
    dataDir,
    secret,
    queue,
    tick,
    token,
    isEmpty: async () => (await repo.listProvinces()).length === 0,
    /**
     * Stops in an order that leaves nothing touching the database once it closes:
     * the schedule and the queue take no more work; the solve workers stop (a
     * solve under way is dropped, its version picked up again at the next start);
     * the API takes no more requests; then the requests, ticks and deliveries
     * still running on this event loop finish, and only then the database closes.
     */
    async close() {
      stopSchedule();
      const delivered = queue.stop();
      await pool.close();
      server.closeAllConnections?.();
      const closed = new Promise<void>((done) => server.close(() => done()));
      await Promise.all([delivered, working.idle(), closed]);
      client.destroy();
      await database?.close();
      releaseDataDir();
    },
  };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  // The pinned SDK runs on this Node; its notice about future releases only confuses a first run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const print = (line: string) => console.log(line);
  const intervalSeconds = optionalNumberEnv('SCHEDULE_INTERVAL_SECONDS');
  const local = await startLocalServer({
    port: optionalNumberEnv('PORT') ?? 8787,
    dataDir: optionalEnv('DATA_DIR'),
    // Read as set: an empty LOCAL_JWT_SECRET is refused, not taken for "generate one".
    jwtSecret: process.env.LOCAL_JWT_SECRET,
    scheduleIntervalMs: intervalSeconds === undefined ? undefined : intervalSeconds * 1000,
    print,
  });
  print(`Expressway charging planner API listening on ${local.url} (data in ${local.dataDir})`);
  print(`  health: curl ${local.url}/health`);
  print('  tokens: npm run -s token -- --province GD   |   npm run -s token -- --reviewer');
  print(`  web app: sign in as ${signInLinks(local.url, 'ZJ').join('   |   ')}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: stopping ...`);
    local.close().then(
      () => {
        print('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await seedDemo(local, print);
  print('Ready. Ctrl-C stops the server.');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
