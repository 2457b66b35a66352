/**
 * What the app reads from the API: the API's own response types (one source,
 * type-only, so no server code is bundled), and the few rules the app applies to them.
 */
import type { PlanDetail, PlanListItem, VersionStatus } from '../../functions/presenters/shapes';

export type {
  DatasetContext,
  ErrorBody,
  Issue,
  PhaseSitesResponse,
  PlanAccepted,
  PlanDetail,
  PlanDiff,
  PlanListItem,
  PlansPage,
  CountryPlansPage,
  RegenerateAnswer,
  RemediesSummaryView,
  RemedyName,
  ReportAccepted,
  ReviewAnswer,
  ReviewDecision,
  ReviewEntry,
  ReviewState,
  RevisionAccepted,
  SiteChange,
  SiteRow,
  SitesResponse,
  VersionsPage,
  VersionStatus,
  VersionView,
  VersionListItem,
  PhaseTargets,
  TargetCell,
  TargetsMatrix,
  OverviewClass,
  OverviewPage,
  OverviewRow,
  ProgressView,
} from '../../functions/presenters/shapes';
export type { MessageDetail, PhaseSummary, RegionCoverage } from '../../solver/types';
export type {
  CurveAccepted,
  CurvePointView,
  CurvesPage,
  CurveView,
  ScenarioAccepted,
  ScenarioChangesView,
  ScenarioDetail,
  ScenariosPage,
  ScenarioView,
} from '../../functions/presenters/shapes';
export type { Dataset } from '../../solver/types';

export const SOLVED: ReadonlySet<VersionStatus> = new Set(['optimal', 'feasible']);
export const FINAL: ReadonlySet<VersionStatus> = new Set(['optimal', 'feasible', 'infeasible', 'failed']);

/** The plan of record's version number, whether the API names it by number (a listing) or in full (a plan). */
export function planOfRecordOf(value: PlanListItem['planOfRecord'] | PlanDetail['planOfRecord']): number | null {
  if (value === null) return null;
  return typeof value === 'number' ? value : value.version;
}
