/**
 * The history side of a re-plan (SPEC 6.3 steps 1-5): which phases are closed,
 * which report entries still count against the latest data set, and the open
 * problem the planner solves. Pure: no I/O.
 */
import { yearOf } from './dates.js';
import { defaultAssumptions } from './normalize.js';
import type { Dataset, Phase, ProgressReport, ReportedSite, ServiceArea } from './types.js';

/** Phases in year order (the order plans list them in). */
export function phasesByYear(dataset: Dataset): Phase[] {
  return [...dataset.phases].sort((a, b) => a.year - b.year);
}

/** Ids of the phases closed at `asOf` (year before the as-of year), in year order. */
export function closedPhaseIds(dataset: Dataset, asOf: string): string[] {
  const year = yearOf(asOf);
  return phasesByYear(dataset)
    .filter((p) => p.year < year)
    .map((p) => p.id);
}

/** The report R as it counts against the data set D: entries D no longer has are dropped and named in `warnings`. */
export interface History {
  /** R.asOf, or null when no report counts. */
  asOf: string | null;
  /** Reported sites by id. */
  sites: Map<string, ReportedSite>;
  /** Reported spending by phase id. */
  spent: Map<string, number>;
  warnings: string[];
}

/** Reads a report against the data set; a report dated after the as-of date does not count (SPEC 6.3: "not after A"). */
export function readHistory(dataset: Dataset, report: ProgressReport | null, asOf: string): History {
  const history: History = { asOf: null, sites: new Map(), spent: new Map(), warnings: [] };
  if (!report) return history;
  if (report.asOf > asOf) {
    history.warnings.push(`the progress report as of ${report.asOf} is after the as-of date ${asOf} and is not counted`);
    return history;
  }
  history.asOf = report.asOf;
  const siteIds = new Set(dataset.serviceAreas.map((s) => s.id));
  const phaseIds = new Set(dataset.phases.map((p) => p.id));
  report.sites.forEach((entry, index) => {
    if (!siteIds.has(entry.id)) {
      history.warnings.push(`progress report sites[${index}] names service area ${entry.id}, which the data set no longer has: ignored`);
    } else if (!phaseIds.has(entry.coveredSince)) {
      history.warnings.push(
        `progress report sites[${index}] (${entry.id}) names phase ${entry.coveredSince}, which the data set no longer has: ignored`,
      );
    } else if (!history.sites.has(entry.id)) {
      history.sites.set(entry.id, entry);
    }
  });
  for (const [phase, amount] of Object.entries(report.spent ?? {})) {
    if (phaseIds.has(phase)) history.spent.set(phase, amount);
    else history.warnings.push(`progress report spent names phase ${phase}, which the data set no longer has: ignored`);
  }
  return history;
}

/** The open problem (SPEC 6.3 steps 1-5): D with only the open phases, reported piles in service, requiredBy moved, budgets reduced. */
export function openProblem(dataset: Dataset, closed: ReadonlySet<string>, history: History): { dataset: Dataset; warnings: string[] } {
  const warnings: string[] = [];
  const open = phasesByYear(dataset).filter((p) => !closed.has(p.id));
  const firstOpen = open[0]?.id;
  const defaultCap = dataset.assumptions?.maxPilesPerSite ?? defaultAssumptions.maxPilesPerSite;
  const phases = open.map((p): Phase => {
    const spent = history.spent.get(p.id);
    if (p.budget === undefined || spent === undefined) return { ...p };
    return { ...p, budget: Math.max(0, p.budget - spent) };
  });
  const serviceAreas = dataset.serviceAreas.map((s): ServiceArea => {
    const site: ServiceArea = { ...s };
    const reported = history.sites.get(s.id);
    if (reported) {
      site.existingPiles = reported.piles;
      const cap = s.maxPiles ?? defaultCap;
      if (reported.piles > cap) {
        site.maxPiles = reported.piles;
        warnings.push(`service area ${s.id} is reported with ${reported.piles} piles, more than its cap ${cap}: the re-plan keeps the ${reported.piles} in service`);
      }
      if (s.status === 'excluded') warnings.push(`service area ${s.id} is reported in service but the data set excludes it: it stays excluded`);
    }
    if (s.status === 'required' && s.requiredBy !== undefined && closed.has(s.requiredBy) && firstOpen !== undefined) {
      site.requiredBy = firstOpen;
    }
    return site;
  });
  return { dataset: { ...dataset, phases, serviceAreas }, warnings };
}
