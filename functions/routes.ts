import type { HandlerDeps } from './lib/plans.js';

/**
 * One job: the registry of the planner's functions. Each HTTP route is one row
 * (method, path, who may call it, its handler and what that handler may
 * touch); the functions no route calls (the solve job, its dead-letter
 * handler, the scheduled re-plan) are rows of their own small table. The local
 * server serves these rows, the CDK stack builds its functions, integrations
 * and grants from them, and the tests fuzz them and check them against
 * docs/openapi.json. Adding a route: its handler file, one row here, its
 * OpenAPI entry (and its tests).
 *
 * A row names its handler module and loads it lazily (`load`), not by a static
 * import: the CDK app imports this module at synth time, and a static import
 * of every handler would pull the AWS SDK, the solver and the workbook library
 * into synthesis for nothing (the stack needs only the file name; esbuild
 * bundles the file itself). The local server and the tests call `load`.
 */

/** Access to the plan table: read (Get/BatchGet/Query) or read and write. */
export type TableAccess = 'read' | 'readWrite';

/** What a handler may touch; the stack grants exactly this, and nothing when empty. */
export interface Access {
  readonly table?: TableAccess;
  /** Sends solve jobs to the solve queue. */
  readonly queue?: 'send';
}

/** What a function does decides its size (infra/constructs/planner-function.ts sizes each). */
export type FunctionSize = 'probe' | 'api' | 'report' | 'batch' | 'solver';

/** What a handler module exports: the Lambda entry point and, when it has dependencies, its factory. */
export interface HandlerModule {
  /** The Lambda entry point, wired from the environment on first use. */
  readonly handler: unknown;
  /** Builds the handler from its dependencies; absent for a handler that needs none (health, template). */
  readonly makeHandler?: (deps: HandlerDeps) => unknown;
}

/** One Lambda function: its handler file, its size and what it may touch. */
export interface FunctionSpec<File extends string = string> {
  /** Handler module under functions/, without extension; also names the function (`get-plan`: GetPlan, getPlan). */
  readonly file: File;
  readonly size: FunctionSize;
  readonly access: Access;
  /** Loads the handler module; never called at synth time. */
  readonly load: () => Promise<{ readonly handler: unknown }>;
}

/** The function behind a route: its module also exports the factory the local server builds it with. */
export interface HttpFunctionSpec<File extends string = string> extends FunctionSpec<File> {
  readonly load: () => Promise<HandlerModule>;
}

export interface RouteSpec<File extends string = HttpFile> {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path template in OpenAPI / API Gateway form, e.g. /v1/plans/{planId}. */
  readonly path: string;
  /** Whether the JWT authorizer guards the route (a token is required); false only for the health probe. */
  readonly auth: boolean;
  /** The function that answers; two routes may share one (the plan listings). */
  readonly handler: HttpFunctionSpec<File>;
}

const api = <File extends string>(file: File, access: Access, load: () => Promise<HandlerModule>): HttpFunctionSpec<File> => ({ file, size: 'api', access, load });

// Shared by its two routes: one function, one integration.
const listPlans = api('list-plans', { table: 'read' }, () => import('./list-plans.js'));
const readScenarios = api('read-scenarios', { table: 'read' }, () => import('./read-scenarios.js'));
const readCurves = api('read-curves', { table: 'read' }, () => import('./read-curves.js'));

/** The HTTP API, one row per route. */
export const ROUTES = [
  { method: 'GET', path: '/health', auth: false, handler: { file: 'health', size: 'probe', access: {}, load: () => import('./health.js') } },
  { method: 'POST', path: '/v1/plans', auth: true, handler: api('submit-plan', { table: 'readWrite', queue: 'send' }, () => import('./submit-plan.js')) },
  { method: 'GET', path: '/v1/plans', auth: true, handler: listPlans },
  { method: 'GET', path: '/v1/plans/{planId}', auth: true, handler: api('get-plan', { table: 'read' }, () => import('./get-plan.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/versions', auth: true, handler: listPlans },
  { method: 'GET', path: '/v1/plans/{planId}/sites', auth: true, handler: api('download-sites', { table: 'read' }, () => import('./download-sites.js')) },
  { method: 'POST', path: '/v1/plans/{planId}/regenerate', auth: true, handler: api('regenerate-plan', { table: 'readWrite', queue: 'send' }, () => import('./regenerate-plan.js')) },
  { method: 'PUT', path: '/v1/plans/{planId}/dataset', auth: true, handler: api('revise-dataset', { table: 'readWrite' }, () => import('./revise-dataset.js')) },
  { method: 'POST', path: '/v1/plans/{planId}/progress', auth: true, handler: api('report-progress', { table: 'readWrite' }, () => import('./report-progress.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/progress', auth: true, handler: api('get-progress', { table: 'read' }, () => import('./get-progress.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/versions/{version}', auth: true, handler: api('get-version', { table: 'read' }, () => import('./get-version.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/diff', auth: true, handler: api('diff-versions', { table: 'read' }, () => import('./diff-versions.js')) },
  // The report's function carries the CJK font beside its bundle and more memory (infra/constructs/planner-function.ts).
  { method: 'GET', path: '/v1/plans/{planId}/report.pdf', auth: true, handler: { file: 'get-report', size: 'report', access: { table: 'read' }, load: () => import('./get-report.js') } },
  { method: 'POST', path: '/v1/plans/{planId}/versions/{version}/review', auth: true, handler: api('review-version', { table: 'readWrite' }, () => import('./review-version.js')) },
  // Reviewers only: every province's newest plan at a glance (JSON or a workbook).
  { method: 'GET', path: '/v1/overview', auth: true, handler: api('get-overview', { table: 'read' }, () => import('./get-overview.js')) },
  // Scenarios and trade-off curves (SPEC 8): solved through the queue, never versions.
  { method: 'POST', path: '/v1/plans/{planId}/scenarios', auth: true, handler: api('create-scenario', { table: 'readWrite', queue: 'send' }, () => import('./create-scenario.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/scenarios', auth: true, handler: readScenarios },
  { method: 'GET', path: '/v1/plans/{planId}/scenarios/{scenarioId}', auth: true, handler: readScenarios },
  { method: 'POST', path: '/v1/plans/{planId}/curves', auth: true, handler: api('create-curve', { table: 'readWrite', queue: 'send' }, () => import('./create-curve.js')) },
  { method: 'GET', path: '/v1/plans/{planId}/curves', auth: true, handler: readCurves },
  { method: 'GET', path: '/v1/plans/{planId}/curves/{curveId}', auth: true, handler: readCurves },
  // Needs no table: the template is built from the code alone.
  { method: 'GET', path: '/v1/templates/dataset.xlsx', auth: true, handler: api('get-template', {}, () => import('./get-template.js')) },
] as const satisfies readonly RouteSpec<string>[];

/** The functions no HTTP route calls; the stack wires their triggers (queue, dead letters, schedule) itself. */
export const JOBS = {
  /** Solves one queued data set per invocation (SQS). */
  solveJob: { file: 'solve-job', size: 'solver', access: { table: 'readWrite' }, load: () => import('./solve-job.js') },
  /** Ends as failed a job that spent every delivery (the solve queue's dead letters). */
  solveDeadLetter: { file: 'solve-dead-letter', size: 'batch', access: { table: 'readWrite' }, load: () => import('./solve-dead-letter.js') },
  /** The monthly re-plan of every stored plan, and the sweep of stuck versions (EventBridge Scheduler). */
  scheduledRegenerate: { file: 'scheduled-regenerate', size: 'batch', access: { table: 'readWrite', queue: 'send' }, load: () => import('./scheduled-regenerate.js') },
} as const satisfies Record<string, FunctionSpec>;

/** The handler files the routes name. */
export type HttpFile = (typeof ROUTES)[number]['handler']['file'];

/** `get-plan` → `getPlan`: how the stack and its tests name a function. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** Every function of the planner by name: the routes' handlers and the jobs. */
export type FunctionName = CamelCase<HttpFile> | keyof typeof JOBS;

export const functionName = <File extends string>(file: File): CamelCase<File> =>
  file.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<File>;

/** Each route's function once (a shared one once), in the order of the routes. */
export const HTTP_FUNCTIONS: readonly HttpFunctionSpec<HttpFile>[] = [...new Map(ROUTES.map((route) => [route.handler.file, route.handler as HttpFunctionSpec<HttpFile>])).values()];

/** Every function of the planner: the routes' and the jobs. */
export const ALL_FUNCTIONS: readonly FunctionSpec[] = [...HTTP_FUNCTIONS, ...Object.values(JOBS)];
