/**
 * The API as the app calls it: one typed function per call, the only place in
 * the app that writes an API path. Every call sends the bearer token, every
 * write a fresh Idempotency-Key; an error answer becomes an ApiError.
 */
import { currentSession } from './auth';
import type { Upload } from './files';
import type {
  CountryPlansPage,
  ErrorBody,
  Issue,
  OverviewPage,
  PlanAccepted,
  PlanDetail,
  PlanDiff,
  PlansPage,
  ProgressView,
  RegenerateAnswer,
  RemedyName,
  ReportAccepted,
  ReviewAnswer,
  ReviewDecision,
  RevisionAccepted,
  SitesResponse,
  VersionsPage,
  CurveAccepted,
  CurvesPage,
  CurveView,
  Dataset,
  ScenarioAccepted,
  ScenarioChangesView,
  ScenarioDetail,
  ScenariosPage,
} from './types';

export type { Issue };

const ROOT = '/v1';

/** Whether a same-origin address is the API's rather than a page of the app. */
export const isApiPath = (pathname: string): boolean => pathname.startsWith(`${ROOT}/`);

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];
  /** The message as a code of the message catalog and its params, when the API gave them (rendered in the reader's language). */
  readonly said: Pick<Issue, 'code' | 'params'>;
  constructor(status: number, code: string, message: string, issues: Issue[] = [], said: Pick<Issue, 'code' | 'params'> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.said = said;
  }
}

/** Called when the API says the token is no longer good (401). */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Lets a caller abandon a read (a page left, a newer request made). */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** A file the API serves: where it is, and the name to save it under when the API gives none. */
export interface ApiFile {
  href: string;
  name: string;
}

/** A file's body ready to send (JSON text or a workbook) and its media type. */
type FileBody = Exclude<Upload, { error: string }>;

type Query = Record<string, string | number | undefined>;

/** A path below the API's root with its query parameters in the order given (undefined ones left out). */
function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.toString();
  return `${ROOT}${path}${search === '' ? '' : `?${search}`}`;
}

const planPath = (planId: string) => `/plans/${planId}`;

// Reads -----------------------------------------------------------------------

/** The latest progress report of a plan (404 when it has none). */
export const getProgress = (planId: string, options?: ReadOptions) => getJson<ProgressView>(url(`${planPath(planId)}/progress`), options);

/** Every provincial-level region with its newest plan (reviewers only). */
export const getOverview = (options?: ReadOptions) => getJson<OverviewPage>(url('/overview'), options);

/** The newest plans across the country and every province with plans (a reviewer's first look). */
export const countryPlans = (options?: ReadOptions) => getJson<CountryPlansPage>(url('/plans', { limit: 1 }), options);

/** One page of a province's plans, newest first. */
export const plansPage = (province: string, cursor: string | undefined, options?: ReadOptions) =>
  getJson<PlansPage>(url('/plans', { province, limit: 100, cursor }), options);

/** A plan with its latest version, or the version asked for. */
export const getPlan = (planId: string, version: number | undefined, options?: ReadOptions) =>
  getJson<PlanDetail>(url(planPath(planId), { version }), options);

/** A version's sites over every phase, with what is needed to read them. */
export const getSites = (planId: string, version: number, options?: ReadOptions) =>
  getJson<SitesResponse>(url(`${planPath(planId)}/sites`, { format: 'json', version }), options);

/** An infeasible version's remedy plan's sites (SPEC 7), with what is needed to read them. */
export const getRemedySites = (planId: string, version: number, remedy: RemedyName, options?: ReadOptions) =>
  getJson<SitesResponse>(url(`${planPath(planId)}/sites`, { format: 'json', version, remedy }), options);

/** The plan's versions, newest first (the first hundred). */
export const listVersions = (planId: string, options?: ReadOptions) => getJson<VersionsPage>(url(`${planPath(planId)}/versions`, { limit: 100 }), options);

/** What changed between two versions or scenarios (a version by number, a scenario by id: `s1`). */
export const getDiff = (planId: string, from: number | string, to: number | string, options?: ReadOptions) =>
  getJson<PlanDiff>(url(`${planPath(planId)}/diff`, { from, to }), options);

/** The plan's scenarios, oldest first. */
export const listScenarios = (planId: string, options?: ReadOptions) => getJson<ScenariosPage>(url(`${planPath(planId)}/scenarios`), options);

/** One scenario (or a curve's point, `c1-3`) with its plan once solved; with `dataset`, the data set its changes make. */
export const getScenario = (planId: string, scenarioId: string, options?: ReadOptions & { dataset?: boolean }) =>
  getJson<ScenarioDetail & { dataset?: Dataset }>(url(`${planPath(planId)}/scenarios/${scenarioId}`, { include: options?.dataset ? 'dataset' : undefined }), options);

/** A solved scenario's sites with what is needed to read them. */
export const getScenarioSites = (planId: string, scenarioId: string, options?: ReadOptions) =>
  getJson<SitesResponse>(url(`${planPath(planId)}/sites`, { format: 'json', scenario: scenarioId }), options);

/** The plan's trade-off curves, oldest first. */
export const listCurves = (planId: string, options?: ReadOptions) => getJson<CurvesPage>(url(`${planPath(planId)}/curves`), options);

/** One curve, its points filled in as they finish. */
export const getCurve = (planId: string, curveId: string, options?: ReadOptions) => getJson<CurveView>(url(`${planPath(planId)}/curves/${curveId}`), options);

// Writes ----------------------------------------------------------------------

/** Asks "what if" of a plan: solved in the background, never a version. */
export const createScenario = (planId: string, scenario: { name: string; changes: ScenarioChangesView; asOf?: string }) =>
  sendJson<ScenarioAccepted>('POST', url(`${planPath(planId)}/scenarios`), scenario);

/** A trade-off curve: one background solve per point. */
export const createCurve = (planId: string, curve: { vary: string; from: number; to: number; steps: number; remediesTimeLimitSeconds?: number }) =>
  sendJson<CurveAccepted>('POST', url(`${planPath(planId)}/curves`), curve);

/** Adopts a data set (a scenario's) as the plan's next revision. */
export const adoptDataset = (planId: string, dataset: Dataset) => sendJson<RevisionAccepted>('PUT', url(`${planPath(planId)}/dataset`), dataset);

/** A new plan from a data set (JSON or a workbook). */
export const submitPlan = (upload: FileBody) => sendFile<PlanAccepted>('POST', url('/plans'), upload);

/** A new revision of the plan's data set. */
export const reviseDataset = (planId: string, upload: FileBody) => sendFile<RevisionAccepted>('PUT', url(`${planPath(planId)}/dataset`), upload);

/** What the province has built, as of a date. */
export const reportProgress = (planId: string, upload: FileBody) => sendFile<ReportAccepted>('POST', url(`${planPath(planId)}/progress`), upload);

/** Re-plans as of a date (the server's today when none). */
export const regeneratePlan = (planId: string, asOf: string | undefined) =>
  sendJson<RegenerateAnswer>('POST', url(`${planPath(planId)}/regenerate`), asOf === undefined ? undefined : { asOf });

/** A reviewer's decision on a version. */
export const reviewVersion = (planId: string, version: number, review: { decision: ReviewDecision; comment?: string }) =>
  sendJson<ReviewAnswer>('POST', url(`${planPath(planId)}/versions/${version}/review`), review);

// Files -----------------------------------------------------------------------

/** A version's sites (or, with `remedy`, those of an infeasible version's remedy plan) as csv, geojson, json or a workbook. */
export const sitesFile = (planId: string, version: number, format: string, remedy?: RemedyName): ApiFile => ({
  href: url(`${planPath(planId)}/sites`, { format, version, remedy }),
  name: `plan-${planId.slice(0, 8)}-v${version}${remedy === undefined ? '' : `-${remedy}`}.${format}`,
});

/** The national overview as a workbook (reviewers only). */
export const overviewFile = (): ApiFile => ({ href: url('/overview', { format: 'xlsx' }), name: 'overview.xlsx' });

/** A version as the report to file (PDF, A4, in Chinese); with `scenarios`, a page comparing them beside the plan. */
export const reportFile = (planId: string, version: number, scenarios?: readonly string[]): ApiFile => ({
  href: url(`${planPath(planId)}/report.pdf`, { version, scenarios: scenarios?.join(',') }),
  name: `plan-${planId.slice(0, 8)}-v${version}${scenarios === undefined ? '' : `-${scenarios.join('-')}`}-report.pdf`,
});

/** What changed between two versions or scenarios, as CSV. */
export const diffFile = (planId: string, from: number | string, to: number | string): ApiFile => ({
  href: url(`${planPath(planId)}/diff`, { from, to, format: 'csv' }),
  name: `plan-${planId.slice(0, 8)}-diff-${from}-${to}.csv`,
});

/** A scenario's sites as csv, geojson, json or a workbook. */
export const scenarioSitesFile = (planId: string, scenarioId: string, format: string): ApiFile => ({
  href: url(`${planPath(planId)}/sites`, { format, scenario: scenarioId }),
  name: `plan-${planId.slice(0, 8)}-${scenarioId}.${format}`,
});

/** The data set workbook template. */
export const templateFile = (): ApiFile => ({ href: url('/templates/dataset.xlsx'), name: 'dataset.xlsx' });

/** Downloads a file the API serves behind the bearer token, under the name the API gives it. */
export async function download(file: ApiFile): Promise<void> {
  const response = await request(file.href);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? file.name;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

// Transport -------------------------------------------------------------------

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const session = currentSession();
  const headers = new Headers(init.headers);
  if (session !== undefined) headers.set('Authorization', `Bearer ${session.token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.ok) return response;
  let error: Partial<ErrorBody['error']> = {};
  try {
    error = ((await response.json()) as Partial<ErrorBody>).error ?? {};
  } catch {
    // not a JSON error body
  }
  if (response.status === 401) onUnauthenticated();
  throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? response.statusText, error.issues ?? [], { code: error.messageCode, params: error.params });
}

async function getJson<T>(path: string, options: ReadOptions = {}): Promise<T> {
  return (await (await request(path, options.signal === undefined ? {} : { signal: options.signal })).json()) as T;
}

/** A write with a fresh Idempotency-Key, so a retried click never makes two of anything. */
function sendJson<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
}

/** Sends a file's body (JSON text or a workbook) as it is. */
function sendFile<T>(method: 'POST' | 'PUT', path: string, upload: FileBody): Promise<T> {
  return send<T>(method, path, upload.body, upload.contentType);
}

async function send<T>(method: 'POST' | 'PUT', path: string, body: string | Blob | undefined, contentType: string): Promise<T> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': contentType, 'Idempotency-Key': crypto.randomUUID() },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return (text === '' ? {} : JSON.parse(text)) as T;
}
