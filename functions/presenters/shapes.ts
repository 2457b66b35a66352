/**
 * One job: the API's response bodies as types: the one description of what each route
 * answers (docs/api.md, docs/openapi.json), shared by the presenters that build
 * them and the web app that reads them. Type-only: no run-time imports, so the
 * web app can import it without bundling server code.
 */
import type { CurvePoint } from '../../solver/curve.js';
import type { OverviewRow } from '../../solver/overview.js';
import type { PhaseTargets, TargetsMatrix } from '../../solver/targets.js';
import type { ExtraBudget, MessageDetail, MessageParam, NewSiteProposal, Plan, ProgressReport, RegionCoverage, WithinBudget, WithinBudgetUnavailable } from '../../solver/types.js';

export type { ClassAttainment, PhaseTargets, PlanMoney, TargetCell, TargetsMatrix } from '../../solver/targets.js';
export type { OverviewClass, OverviewRow } from '../../solver/overview.js';

/** GET /v1/overview: every provincial-level region with its newest plan (reviewers only). */
export interface OverviewPage {
  generatedAt: string;
  provinces: OverviewRow[];
}

export type VersionStatus = 'queued' | 'solving' | 'optimal' | 'feasible' | 'infeasible' | 'failed';
export type VersionTrigger = 'submit' | 'regenerate' | 'schedule';
export type ReviewDecision = 'approve' | 'request-changes';
export type ReviewState = 'none' | 'approved' | 'changes-requested';
export type RegionClass = 'priority' | 'standard';

/** One problem of a refused request, with the JSON path of what is wrong. */
export interface Issue {
  path: string;
  message: string;
  /** For a workbook: the sheet and cell the problem is in. */
  sheet?: string;
  cell?: string;
  /** The message's code in the message catalog and its parameters, when it has one (the web app renders it in the reader's language). */
  code?: string;
  params?: Record<string, MessageParam>;
}

/**
 * Every error answer: `{ "error": ... }` with a stable code; a 400 lists its issues.
 * `messageCode` and `params` say `message` as a code of the message catalog, for a
 * client that shows it in its reader's language (absent for a message without one).
 */
export interface ErrorBody {
  error: { code: string; message: string; messageCode?: string; params?: Record<string, MessageParam>; issues?: Issue[]; requestId?: string };
}

/** Where a plan's resources are, relative to the API's root. */
export interface PlanLinks {
  self: string;
  versions: string;
  sitesCsv: string;
  sitesGeoJson: string;
  sitesJson: string;
  sitesXlsx: string;
  regenerate: string;
  dataset: string;
  progress: string;
  diff: string;
}

/** One decision on a version, oldest first in a history. */
export interface ReviewEntry {
  version: number;
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  at: string;
}

/** A version's review: the state its latest decision gives, and every decision. */
export interface ReviewView {
  state: ReviewState;
  history: ReviewEntry[];
}

/** A plan in a listing: its header and latest version's status. */
export interface PlanListItem {
  planId: string;
  province: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  status: VersionStatus;
  objective: number | null;
  latestRevision: number;
  review: { state: ReviewState };
  /** The newest version with a review decision and its state (null when none has one): an open review stays in view after a re-plan. */
  lastReviewed: { version: number; state: ReviewState } | null;
  /** The approved version that is the plan of record, or null. */
  planOfRecord: number | null;
  links: PlanLinks;
}

/** While solving: the best plan's cost so far, its bound and gap. */
export interface SolveProgressView {
  best: number;
  bound: number | null;
  gap: number | null;
  at: string | null;
}

/** A version record as the API shows it. */
export interface VersionView {
  version: number;
  status: VersionStatus;
  trigger: VersionTrigger;
  /** The scheduled re-plan's tick, for trigger `schedule`. */
  tick?: string;
  /** Who asked for a re-plan by hand (trigger `regenerate`): that person may not review it. */
  requestedBy?: string;
  asOf: string | null;
  dataRevision: number;
  reviewState: ReviewState;
  createdAt: string;
  updatedAt: string;
  solvedAt?: string;
  serviceAreas: number;
  failure?: string;
  /** The failure's code and params (`plain` with the text for versions stored before codes). */
  failureDetail?: MessageDetail;
  progress?: SolveProgressView;
  /** Present once solved (null when no plan was found), with bound and gap. */
  objective?: number | null;
  bound?: number | null;
  gap?: number | null;
}

/** One item of the versions list. */
export interface VersionListItem extends VersionView {
  /** Once solved: per phase, how many regions meet their target, as the plan's summary has them (absent on versions solved before they were stored). */
  targets?: PhaseTargets[];
}

/** What a version was solved from (SPEC 6.4). */
export interface VersionInputsView {
  dataRevision: number;
  progress: { reportId: string; asOf: string | null } | null;
  closedPhases: string[];
  modelVersion: string | null;
}

/** A remedy whose plan carries a site selection (SPEC 7.1, 7.2): the names `sites?remedy=` takes. */
export type RemedyName = 'withinBudget' | 'extraBudget';

/** A remedy's plan as a summary shows it: a section-5 plan without its sites. */
export type RemedyPlanSummary = Omit<Plan, 'sites' | 'remedies'>;

/** An infeasible version's remedies (SPEC 7) in its summary: each remedy's plan without its sites (`sites?remedy=` has them). */
export interface RemediesSummaryView {
  withinBudget: (Omit<WithinBudget, 'plan'> & { plan: RemedyPlanSummary }) | Required<WithinBudgetUnavailable>;
  extraBudget: Omit<ExtraBudget, 'plan'> & { plan: RemedyPlanSummary };
  newSites: NewSiteProposal[];
}

/** The plan summary of GET /v1/plans/{planId}: the plan without its sites (a section-5 plan's own fields, described once in solver/types.ts). */
export interface PlanSummaryView
  extends Pick<Plan, 'objective' | 'bound' | 'gap' | 'phases' | 'warnings' | 'diagnosis' | 'warningDetails' | 'diagnosisDetails' | 'stats' | 'asOf' | 'dataRevision' | 'progressAsOf' | 'slipped'> {
  /** Per phase the regions meeting their target, the targets matrix and the money (solver/targets.ts). */
  targets?: TargetsMatrix;
  /** An infeasible version only (SPEC 7): what the province can do within its budgets, with more money, and where new sites are needed. */
  remedies?: RemediesSummaryView;
  /** While solving: the best plan so far, not yet proven. */
  provisional?: true;
}

/** GET /v1/plans/{planId}[?version=N]: the header with the version's fields over it, its review and summary. */
export interface PlanDetail extends Omit<PlanListItem, 'review' | 'planOfRecord' | 'objective' | 'lastReviewed'>, Omit<VersionView, 'objective'> {
  objective: number | null;
  review: ReviewView;
  planOfRecord: { version: number; asOf: string | null; status: VersionStatus } | null;
  summary?: PlanSummaryView;
}

/** GET /v1/plans?province=XX: one page of a province's plans, newest first. */
export interface PlansPage {
  province: string;
  items: PlanListItem[];
  nextCursor?: string;
}

/** GET /v1/plans as a reviewer without a province: the newest plans across the country, one page. */
export interface CountryPlansPage {
  province: null;
  /** Every province with plans. */
  provinces: string[];
  items: PlanListItem[];
}

/** GET /v1/plans/{planId}/versions: one page of a plan's versions, newest first. */
export interface VersionsPage {
  planId: string;
  province: string;
  latestVersion: number;
  items: VersionListItem[];
  nextCursor?: string;
}

/** GET /v1/plans/{planId}/versions/{version}: the record, its inputs, its review and once solved the full plan. */
export interface VersionDetail extends VersionView {
  planId: string;
  province: string;
  inputs: VersionInputsView;
  review: ReviewView;
  /** Whether this version is the plan of record. */
  planOfRecord: boolean;
  plan?: Plan;
  /** Once solved: the plan's targets and money. */
  targets?: TargetsMatrix;
  provisional?: true;
}

/** A figure in both versions and to - from (null when either is null). */
export interface Change {
  from: number | null;
  to: number | null;
  delta: number | null;
}

export type CoverageFigures = Pick<RegionCoverage, 'covered' | 'required' | 'rate'>;

/** A site's decision in one version: build phase (phase id, "existing" or null) and piles per phase id. */
export interface SiteState {
  buildPhase: string | null;
  piles: Record<string, number>;
}

export interface SiteChange {
  id: string;
  kind: 'added' | 'dropped' | 'moved' | 'resized';
  from: SiteState;
  to: SiteState;
}

/** GET /v1/plans/{planId}/diff?from=A&to=B: what changed between two versions or scenarios (SPEC 6.5, 8). */
export interface PlanDiff {
  planId: string;
  /** A version number, or a scenario's id (`s1`, a curve's point `c1-3`). */
  from: number | string;
  to: number | string;
  objective: Change;
  inputs: { from: VersionInputsView; to: VersionInputsView };
  inputsChanged: {
    dataRevision: boolean;
    progress: boolean;
    closedPhases: boolean;
    /** Each side's scenario changes as readable lines (`budgetScale 0.8`); present when either side is a scenario. */
    scenario?: { from: string[] | null; to: string[] | null };
  };
  /** Changed sites, sorted by id. */
  sites: SiteChange[];
  phases: { id: string; capex: Change }[];
  coverage: { phase: string; region: string; from: CoverageFigures | null; to: CoverageFigures | null }[];
}

/** A service area's place and standing, as every row of the JSON sites download carries it. */
export interface SiteLocation {
  id: string;
  name: string | null;
  corridor: string | null;
  km: number | null;
  region: string | null;
  regionClass: RegionClass | null;
  lat: number | null;
  lon: number | null;
  status: 'candidate' | 'excluded' | 'required';
  /** For a required site: the phase it is required by. */
  requiredBy: string | null;
  buildPhase: string | null;
}

/** A site over every phase: piles, capex and shortfall per phase id. */
export interface SiteRow extends SiteLocation {
  piles: Record<string, number>;
  capex: Record<string, number>;
  shortfall: Record<string, number>;
}

/** A site in one phase (`&phase=ID`): whether it is covered then, and that phase's figures. */
export interface PhaseSiteRow extends SiteLocation {
  covered: boolean;
  piles: number;
  capex: number;
  shortfall: number;
}

/** What a reader of the sites needs to make sense of them: phases, regions, corridors. */
export interface DatasetContext {
  name: string;
  currency: string;
  baseYear: number;
  phases: { id: string; year: number; budget: number | null; targets: { priority?: number; standard?: number } | null; maxGapKm: number | null }[];
  regions: { id: string; name: string | null; class: RegionClass }[];
  corridors: { id: string; name: string | null; startKm: number; endKm: number }[];
}

interface SitesHead {
  planId: string;
  province: string;
  version: number;
  status: VersionStatus;
  /** While solving: the best plan so far. */
  provisional?: true;
  /** With `?remedy=`: the remedy (SPEC 7) whose plan's sites these are. */
  remedy?: RemedyName;
  dataset: DatasetContext;
}

/** GET /v1/plans/{planId}/sites?format=json: every site over every phase. */
export interface SitesResponse extends SitesHead {
  phase: null;
  sites: SiteRow[];
}

/** GET /v1/plans/{planId}/sites?format=json&phase=ID: every site in one phase. */
export interface PhaseSitesResponse extends SitesHead {
  phase: string;
  sites: PhaseSiteRow[];
}

/** GET /v1/plans/{planId}/progress: the latest progress report to arrive. */
export interface ProgressView {
  planId: string;
  reportId: string;
  receivedAt: string;
  receivedBy: string;
  /** How many reports the plan has. */
  reports: number;
  report: ProgressReport;
}

/** POST /v1/plans (202): the new plan and its first version, queued. */
export interface PlanAccepted {
  planId: string;
  version: number;
  status: VersionStatus;
  links: PlanLinks;
}

/** POST /v1/plans/{planId}/regenerate: a new version (202), or none because no input changed (200). */
export type RegenerateAnswer = PlanAccepted | { planId: string; version: number; unchanged: true; links: PlanLinks };

/** PUT /v1/plans/{planId}/dataset (201). */
export interface RevisionAccepted {
  planId: string;
  revision: number;
}

/** POST /v1/plans/{planId}/progress (201). */
export interface ReportAccepted {
  planId: string;
  reportId: string;
  asOf: string;
  receivedAt: string;
  /** Sites in service the report lists. */
  sites: number;
}

/** POST /v1/plans/{planId}/versions/{version}/review (200). */
export interface ReviewAnswer {
  planId: string;
  version: number;
  review: ReviewView;
  planOfRecord: number | null;
}

/** A what-if's figures once solved (SPEC 8's curve point without its value and status; of the best effort when infeasible). */
export type WhatIfFigures = Omit<CurvePoint, 'value' | 'status'>;

/** What a scenario changes (SPEC 8): every field optional. */
export interface ScenarioChangesView {
  budgetScale?: number | Record<string, number>;
  evShareScale?: number;
  trafficGrowth?: number;
  costs?: Partial<Record<'site' | 'perPile' | 'gridPerKw' | 'discountRate', number>>;
  targets?: Record<string, { priority?: number; standard?: number }>;
  maxGapKm?: Record<string, number>;
}

/** A scenario (or a curve's point) as a listing shows it. */
export interface ScenarioView {
  /** `s1`, `s2`, ...; a curve's point `c1-3`. */
  scenarioId: string;
  name: string;
  changes: ScenarioChangesView;
  asOf: string | null;
  status: VersionStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  solvedAt?: string;
  failure?: string;
  failureDetail?: MessageDetail;
  /** The data set revision it changes. */
  dataRevision: number;
  figures?: WhatIfFigures;
}

/** GET /v1/plans/{planId}/scenarios/{scenarioId}: the scenario and, once solved, its plan (with remedies when infeasible). */
export interface ScenarioDetail extends ScenarioView {
  planId: string;
  province: string;
  plan?: Plan;
}

/** GET /v1/plans/{planId}/scenarios: the plan's scenarios, oldest first. */
export interface ScenariosPage {
  planId: string;
  items: ScenarioView[];
  /** How many more the plan may keep. */
  remaining: number;
}

/** POST /v1/plans/{planId}/scenarios. */
export interface ScenarioAccepted {
  planId: string;
  scenarioId: string;
  status: VersionStatus;
}

export type CurveVary = 'budgetScale' | 'evShareScale' | 'target.priority' | 'target.standard';

/** One point of a curve (SPEC 8): queued or solving until done; `scenarioId` opens its plan. */
export interface CurvePointView extends WhatIfFigures {
  scenarioId: string;
  value: number;
  status: VersionStatus;
}

/** GET /v1/plans/{planId}/curves/{curveId}: the curve of SPEC 8, points filled in as they finish. */
export interface CurveView {
  planId: string;
  curveId: string;
  vary: CurveVary;
  from: number;
  to: number;
  steps: number;
  /** Each infeasible point's remedies time limit, seconds, when the request set one (else the solver's 30 s). */
  remediesTimeLimitSeconds?: number;
  dataRevision: number;
  createdBy: string;
  createdAt: string;
  /** Points still queued or solving. */
  pending: number;
  points: CurvePointView[];
}

/** GET /v1/plans/{planId}/curves: the plan's curves without their points, oldest first. */
export interface CurvesPage {
  planId: string;
  items: Omit<CurveView, 'points' | 'pending' | 'planId'>[];
  remaining: number;
}

/** POST /v1/plans/{planId}/curves. */
export interface CurveAccepted {
  planId: string;
  curveId: string;
  status: 'queued';
  /** The points' scenario ids, in value order. */
  points: string[];
}
