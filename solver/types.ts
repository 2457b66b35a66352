/**
 * One job: the public types of the planning library. The field names are the wire names of
 * the planning model (SPEC v1.2); each field states its unit and default.
 */

/** Class of a region: priority regions carry the higher coverage target (80% by 2025 in the policy). */
export type RegionClass = 'priority' | 'standard';

/** Coverage targets of one phase, as shares of a region's service areas in [0, 1]. */
export interface Targets {
  priority?: number;
  standard?: number;
}

export interface Phase {
  /** Unique phase id, used as key in plans (e.g. "2025"). */
  id: string;
  /** Calendar year the phase ends in; strictly increasing over phases, > baseYear. */
  year: number;
  /** Share of passing vehicles that are EVs in this phase, [0, 1]. */
  evShare: number;
  /** Coverage targets per region class; a phase may state none. */
  targets?: Targets;
  /** Spending cap of this phase (undiscounted, currency units); none when omitted. */
  budget?: number;
  /** Longest allowed km gap between covered service areas on a corridor in this phase. */
  maxGapKm?: number;
}

export interface Region {
  id: string;
  name?: string;
  class: RegionClass;
}

export interface Corridor {
  id: string;
  name?: string;
  /** km of the corridor's start. */
  startKm: number;
  /** km of the corridor's end, > startKm. */
  endKm: number;
}

export type SiteStatus = 'candidate' | 'excluded' | 'required';

export interface ServiceArea {
  id: string;
  name?: string;
  /** Corridor id. */
  corridor: string;
  /** Position on the corridor, km, within [startKm, endKm]. */
  km: number;
  /** Region id. */
  region: string;
  /** Latitude, degrees (optional, for maps). */
  lat?: number;
  /** Longitude, degrees (optional, for maps). */
  lon?: number;
  /** Fast-charging piles already in service. Default 0. */
  existingPiles?: number;
  /** Parking/land limit on piles. Default assumptions.maxPilesPerSite. */
  maxPiles?: number;
  /** kW available without a grid upgrade. Default 0. */
  gridKw?: number;
  /** Default "candidate". */
  status?: SiteStatus;
  /** Only with status "required": phase id by which it must be covered (default the last phase). */
  requiredBy?: string;
  /** Override of costs.site for this service area, currency units. */
  siteCost?: number;
}

/** Two-way AADT of a corridor stretch [fromKm, toKm) in the base year. */
export interface TrafficStretch {
  corridor: string;
  fromKm: number;
  toKm: number;
  /** Annual average daily traffic, vehicles/day, both directions. */
  aadt: number;
}

export interface Assumptions {
  /** Yearly AADT growth after baseYear. Default 0.03. */
  trafficGrowth: number;
  /** Share of passing EVs that stop to fast-charge. Default 0.05. */
  chargeRate: number;
  /** Share of daily traffic in the design hour. Default 0.10. */
  peakHourShare: number;
  /** Mean fast-charging session, minutes. Default 30. */
  sessionMinutes: number;
  /** Erlang C: highest allowed chance that an arriving EV waits. Default 0.2. */
  maxWaitProbability: number;
  /** Rated power of one pile, kW. Default 120. */
  pileKw: number;
  /** Piles a service area needs to count as covered. Default 2. */
  minPilesPerSite: number;
  /** Default per-site pile cap. Default 20. */
  maxPilesPerSite: number;
}

export interface Costs {
  /** One-off cost to equip a not-yet-covered service area. Default 1,500,000. */
  site: number;
  /** Cost of each pile added. Default 180,000. */
  perPile: number;
  /** Cost of each kW of grid upgrade. Default 600. */
  gridPerKw: number;
  /** Yearly discount rate applied from baseYear. Default 0. */
  discountRate: number;
}

/** One province's submission (SPEC section 1), as it arrives on the wire. */
export interface Dataset {
  province: string;
  name: string;
  baseYear: number;
  currency: string;
  phases: Phase[];
  regions: Region[];
  corridors: Corridor[];
  serviceAreas: ServiceArea[];
  traffic: TrafficStretch[];
  assumptions?: Partial<Assumptions>;
  costs?: Partial<Costs>;
}

/** One problem with a data set; `path` is a JSON path such as `serviceAreas[2].corridor`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** The message's code in the catalog (`solver/messages.ts`) and its parameters, when it has one. */
  code?: string;
  params?: Record<string, MessageParam>;
}

export type ValidationResult =
  | { ok: true; dataset: Dataset }
  | { ok: false; issues: ValidationIssue[] };

// ---------------------------------------------------------------------------
// Plans (SPEC section 5)

export type PlanStatus = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

export interface RegionCoverage {
  region: string;
  covered: number;
  total: number;
  /** Service areas the phase's target requires; null when the phase states no targets. */
  required: number | null;
  /** covered / total (0 for a region with no service areas). */
  rate: number;
  /**
   * Re-plans (SPEC 6.3) and the plans of remedies (SPEC 7): covered >= required,
   * given for every phase that states targets; absent when the phase states none
   * and in plain plans.
   */
  met?: boolean;
}

export interface PhaseSummary {
  id: string;
  year: number;
  /**
   * Undiscounted spending of this phase, currency units. In a re-plan, a closed
   * phase carries the spending its progress report states, or null when the
   * report states none (never null in a plain plan).
   */
  capex: number | null;
  /** Service areas whose build phase is this one. */
  newSites: number;
  /** Piles in service at all service areas at the end of the phase. */
  piles: number;
  coverage: RegionCoverage[];
  /** Re-plans only (SPEC 6.3): true for a phase whose year is before the as-of year (history, not a decision). */
  closed?: boolean;
}

export interface SitePlan {
  id: string;
  /** Phase id in which the site becomes covered, "existing", or null (never covered). */
  buildPhase: string | null;
  /** Piles in service per phase id (every phase). */
  piles: Record<string, number>;
  /** Spending per phase id, from the build phase on (every phase for existing-covered sites). */
  capex: Record<string, number>;
  /** need - piles when positive, per phase id from the build phase on. */
  shortfall: Record<string, number>;
  /**
   * Re-plans only (SPEC 6.3): true when the progress report counted lists the
   * site in service (its buildPhase is then the report's coveredSince), false
   * for every other site; absent in plain plans.
   */
  asBuilt?: boolean;
}

/** A message's parameter: an id, a number, a flag, a list of ids, or null for "none". */
export type MessageParam = string | number | boolean | null | readonly string[];

/** One message for people as data: a stable code of the catalog (`solver/messages.ts`) and its parameters. */
export interface MessageDetail {
  code: string;
  params: Record<string, MessageParam>;
}

export interface Plan {
  status: PlanStatus;
  /** Discounted total cost (SPEC section 4); null when no plan was found. */
  objective: number | null;
  /** Best proven lower bound; null for an infeasible plan or when none is known. */
  bound: number | null;
  /** (objective - bound) / objective, 0 when optimal; null when unknown. */
  gap: number | null;
  phases: PhaseSummary[];
  sites: SitePlan[];
  warnings: string[];
  diagnosis: string[];
  /** The warnings as codes and parameters (`solver/messages.ts`): same order and length as `warnings`. */
  warningDetails: MessageDetail[];
  /** The diagnosis as codes and parameters: same order and length as `diagnosis`. */
  diagnosisDetails: MessageDetail[];
  /** How the plan was found: engine, time, model size. Not part of the comparison. */
  stats: SolveStats;
  /** Re-plans only (SPEC 6.3): the as-of date A, ISO `YYYY-MM-DD` (China Standard Time). */
  asOf?: string;
  /** Re-plans only: revision number of the data set solved from; null when not known (CLI). */
  dataRevision?: number | null;
  /** Re-plans only: `asOf` of the progress report counted, or null when none counted. */
  progressAsOf?: string | null;
  /**
   * Re-plans only: ids of the previous version's sites planned in a phase that
   * is now closed and not reported in service, sorted; empty without a previous plan.
   */
  slipped?: string[];
  /**
   * Infeasible plans only (SPEC 7): what the province can do within its budgets,
   * how much more money meets every rule, and where new sites are needed; for a
   * re-plan, those of its open problem. Absent from every other plan.
   */
  remedies?: Remedies;
}

// ---------------------------------------------------------------------------
// Remedies of an infeasible plan (SPEC section 7)

/** One rule of the problem, by the ids the data set uses. */
export type RuleRef =
  | { rule: 'coverage'; region: string; phase: string }
  | { rule: 'spacing'; corridor: string; phase: string }
  | { rule: 'required'; site: string; phase: string };

/** A rule a remedy's plan misses; `impossible: true` when no plan can meet it, whatever the money. */
export type UnmetRule =
  | {
      rule: 'coverage';
      region: string;
      phase: string;
      /** Service areas of the region the plan covers in the phase. */
      covered: number;
      /** Service areas the phase's target requires. */
      required: number;
      impossible?: true;
    }
  | { rule: 'spacing'; corridor: string; phase: string; impossible?: true }
  /** `phase`: the phase by which the site must be covered (its requiredBy, else the last). */
  | { rule: 'required'; site: string; phase: string; impossible?: true };

/** SPEC 7.1: budgets kept, the most rules met, then the least shortfall, then the least cost. */
export interface WithinBudget {
  /** Rules the plan meets. */
  rulesMet: number;
  /** Rules of the problem (coverage, spacing and required rules counted one by one). */
  rulesTotal: number;
  /** Σ over coverage rules of max(0, required - covered): service areas still missing. */
  shortfall: number;
  /** Every rule the plan misses: coverage rules (phase by phase, regions by id), then spacing, then required. */
  unmet: UnmetRule[];
  /** A section-5 plan of the problem with rules soft (coverage[].met given for every coverage rule). */
  plan: Plan;
}

/** SPEC 7.1 when no plan fits the budgets at all: the reason in the planner's words. */
export interface WithinBudgetUnavailable {
  unavailable: string;
  /** The same reason as a message code and params (absent on plans stored before codes). */
  unavailableDetail?: MessageDetail;
}

/** SPEC 7.2: impossible rules dropped, every other rule kept, the least extra money, then the least cost. */
export interface ExtraBudget {
  /** Least total extra nominal (undiscounted) money over the budgets, currency units; 0 without budgets. */
  total: number;
  /** Every budgeted phase's max(0, capex - budget) in the chosen plan, currency units, zeros included. */
  byPhase: Record<string, number>;
  /** The impossible rules left out. */
  dropped: RuleRef[];
  /** A section-5 plan of the problem with the impossible rules dropped and the budgets raised by byPhase. */
  plan: Plan;
}

/** SPEC 7.3: new sites for one stretch longer than maxGapKm with no coverable service area. */
export interface NewSiteProposal {
  corridor: string;
  /** km of the coverable service area (or the corridor's start) where the stretch begins. */
  fromKm: number;
  /** km of the coverable service area (or the corridor's end) where the stretch ends. */
  toKm: number;
  /** The tightest maxGapKm among the phases whose spacing rule the stretch makes impossible, km. */
  maxGapKm: number;
  /** The earliest phase with that maxGapKm. */
  phase: string;
  /** New sites needed: ceil((toKm - fromKm) / maxGapKm - 1e-9) - 1. */
  count: number;
  /** Proposed positions, evenly spaced, km rounded to 0.1 (halves up). */
  atKm: number[];
  /** Names of the service areas at fromKm and toKm (their ids when unnamed); null at a corridor end. */
  between: [string | null, string | null];
}

export interface Remedies {
  withinBudget: WithinBudget | WithinBudgetUnavailable;
  extraBudget: ExtraBudget;
  /** Stretches sorted by corridor id, then fromKm. */
  newSites: NewSiteProposal[];
}

export interface SolveStats {
  /** Wall-clock solve time, ms. */
  ms: number;
  /** Engine that proved the result, e.g. "highs", "lp-solver", "presolve". */
  engine: string;
  /** Binary decision columns in the full model. */
  columns: number;
  /** Constraint rows in the full model. */
  rows: number;
}

// ---------------------------------------------------------------------------
// Progress reports (SPEC section 6.2)

/** One service area in service at the report's date. */
export interface ReportedSite {
  /** Service area id of the data set. */
  id: string;
  /** Fast-charging piles in service, whole number in [minPilesPerSite, the site's pile cap]. */
  piles: number;
  /** Phase id in which the site first counted as covered; its year is not after the report's year. */
  coveredSince: string;
}

/** What a province has built, as of a date: every service area in service, not a delta. */
export interface ProgressReport {
  /** Date the report describes, ISO `YYYY-MM-DD` (China Standard Time). */
  asOf: string;
  /** Every service area in service at `asOf`. */
  sites: ReportedSite[];
  /** Actual undiscounted spending per phase id, currency units, each >= 0 (optional). */
  spent?: Record<string, number>;
}

export type ProgressValidationResult =
  | { ok: true; report: ProgressReport }
  | { ok: false; issues: ValidationIssue[] };

// ---------------------------------------------------------------------------
// Sizing (SPEC section 2), exposed so the API can show it

export interface SiteSizing {
  id: string;
  /** Stretch AADT of the site per phase (grown), vehicles/day. */
  aadt: number[];
  /** Charging sessions in the design hour per phase. */
  lambda: number[];
  /** Piles needed per phase (Erlang C), ignoring the cap. */
  need: number[];
  /** Pile cap of the site. */
  cap: number;
}

export interface SolveProgress {
  /** Stage name: "sizing", "model", "lp", "search", "done". */
  stage: string;
  /** ms since the solve started. */
  elapsedMs: number;
  /** Best plan cost so far, if any. */
  incumbent?: number | null;
  /** Best bound so far, if any. */
  bound?: number | null;
  message?: string;
  /**
   * The plan of the incumbent (status "feasible" with its proven gap at this moment,
   * or "optimal" when that gap is already within the target), built only when called:
   * present on search progress that carries a new plan, so a caller can store the best
   * plan so far. Returns null when the engine's plan does not pass the plan checker.
   */
  incumbentPlan?: () => Plan | null;
}

export interface SolveOptions {
  /** Stop after this many seconds and return the best plan found (status "feasible" or "unknown"). Default 600. */
  timeLimitSeconds?: number;
  /**
   * Seconds the remedies of an infeasible plan (SPEC section 7) may take, after the
   * plain solve has proven it infeasible; never past `timeLimitSeconds`. A remedy
   * stopped by it is `feasible` with its gap. Default 30 (decision note 0006).
   */
  remediesTimeLimitSeconds?: number;
  /** Called on stage changes and improvements during long solves. */
  onProgress?: (progress: SolveProgress) => void;
  /**
   * Where the HiGHS WebAssembly file lives, when the default lookup beside the
   * `highs` package cannot find it (e.g. inside a bundle). Passed to Emscripten's locateFile.
   */
  locateHighsFile?: (file: string) => string;
}
