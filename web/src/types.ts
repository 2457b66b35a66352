/** What the app reads from the API (docs/api.md); optional fields are those older servers may lack. */
export type Status = 'queued' | 'solving' | 'optimal' | 'feasible' | 'infeasible' | 'failed';
export type ReviewState = 'none' | 'approved' | 'changes-requested';

export interface ReviewEntry {
  decision: 'approve' | 'request-changes';
  comment?: string;
  reviewer: string;
  at: string;
}

export interface PlanHeader {
  planId: string;
  province: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  status: Status;
  review?: { state: ReviewState } | ReviewState;
  planOfRecord?: number | null | { version: number; approvedAt?: string };
  objective?: number | null;
}

export interface RegionCoverage {
  region: string;
  covered: number;
  total: number;
  required: number | null;
  rate: number;
}

export interface PhaseSummary {
  id: string;
  year: number;
  capex: number;
  newSites: number;
  piles: number;
  coverage: RegionCoverage[];
  closed?: boolean;
}

export interface PlanDetail extends Omit<PlanHeader, 'review' | 'planOfRecord'> {
  version: number;
  trigger: string;
  serviceAreas?: number;
  solvedAt?: string;
  failure?: string;
  asOf?: string | null;
  dataRevision?: number | null;
  bound?: number | null;
  gap?: number | null;
  summary?: {
    objective: number | null;
    bound: number | null;
    gap: number | null;
    phases: PhaseSummary[];
    warnings: string[];
    diagnosis: string[];
    stats: { ms: number; engine: string; columns: number; rows: number };
    asOf?: string | null;
    dataRevision?: number | null;
    progressAsOf?: string | null;
    slipped?: string[];
    /** While solving: the best plan so far, not yet proven. */
    provisional?: boolean;
  };
  /** While solving: the best plan's cost so far, its bound and gap. */
  progress?: { best: number; bound: number | null; gap: number | null; at: string | null };
  review?: { state: ReviewState; history?: ReviewEntry[] };
  planOfRecord?: { version: number; asOf?: string | null; status?: Status } | number | null;
}

export interface VersionRecord {
  version: number;
  status: Status;
  trigger: string;
  createdAt?: string;
  solvedAt?: string;
  objective?: number | null;
  asOf?: string | null;
  dataRevision?: number | null;
  reviewState?: ReviewState;
}

export interface SiteRow {
  id: string;
  name: string | null;
  corridor: string | null;
  km: number | null;
  region: string | null;
  regionClass: 'priority' | 'standard' | null;
  lat: number | null;
  lon: number | null;
  status: 'candidate' | 'excluded' | 'required';
  requiredBy: string | null;
  buildPhase: string | null;
  piles: Record<string, number>;
  capex: Record<string, number>;
  shortfall: Record<string, number>;
}

export interface DatasetContext {
  name: string;
  currency: string;
  baseYear: number;
  phases: { id: string; year: number; budget: number | null; targets: { priority?: number; standard?: number } | null; maxGapKm: number | null }[];
  regions: { id: string; name: string | null; class: 'priority' | 'standard' }[];
  corridors: { id: string; name: string | null; startKm: number; endKm: number }[];
}

export interface SitesResponse {
  planId: string;
  province: string;
  version: number;
  dataset: DatasetContext;
  sites: SiteRow[];
}

export interface SiteChange {
  id: string;
  kind: 'added' | 'dropped' | 'moved' | 'resized';
  from: { buildPhase: string | null; piles: Record<string, number> };
  to: { buildPhase: string | null; piles: Record<string, number> };
}

export interface PlanDiff {
  planId: string;
  from: number;
  to: number;
  objective: { from: number | null; to: number | null; delta: number | null };
  inputsChanged: { dataRevision: boolean; progress: boolean; closedPhases: boolean };
  sites: SiteChange[];
  phases: { id: string; capex: { from: number | null; to: number | null; delta: number | null } }[];
  coverage: { phase: string; region: string; from: { covered: number; required: number | null; rate: number } | null; to: { covered: number; required: number | null; rate: number } | null }[];
}

export const SOLVED: ReadonlySet<Status> = new Set(['optimal', 'feasible']);
export const FINAL: ReadonlySet<Status> = new Set(['optimal', 'feasible', 'infeasible', 'failed']);

export function reviewStateOf(review: PlanHeader['review'] | PlanDetail['review']): ReviewState {
  if (review === undefined) return 'none';
  return typeof review === 'string' ? review : review.state;
}

export function planOfRecordOf(value: PlanDetail['planOfRecord']): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : value.version;
}
