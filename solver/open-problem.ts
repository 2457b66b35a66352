/**
 * The history side of a re-plan (SPEC 6.3 steps 1-5): which phases are closed,
 * which report entries still count against the latest data set, and the open
 * problem the planner solves. Pure: no I/O.
 */
import { yearOf } from './dates.js';
import { msg, type MessageDetail } from './messages.js';
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
  warnings: MessageDetail[];
}

/** Reads a report against the data set; a report dated after the as-of date does not count (SPEC 6.3: "not after A"). */
export function readHistory(dataset: Dataset, report: ProgressReport | null, asOf: string): History {
  const history: History = { asOf: null, sites: new Map(), spent: new Map(), warnings: [] };
  if (!report) return history;
  if (report.asOf > asOf) {
    history.warnings.push(msg('progress.afterAsOf', { reportAsOf: report.asOf, asOf }));
    return history;
  }
  history.asOf = report.asOf;
  const siteIds = new Set(dataset.serviceAreas.map((s) => s.id));
  const phaseIds = new Set(dataset.phases.map((p) => p.id));
  report.sites.forEach((entry, index) => {
    if (!siteIds.has(entry.id)) {
      history.warnings.push(msg('progress.unknownSite', { index, site: entry.id }));
    } else if (!phaseIds.has(entry.coveredSince)) {
      history.warnings.push(msg('progress.unknownPhase', { index, site: entry.id, phase: entry.coveredSince }));
    } else if (!history.sites.has(entry.id)) {
      history.sites.set(entry.id, entry);
    }
  });
  for (const [phase, amount] of Object.entries(report.spent ?? {})) {
    if (phaseIds.has(phase)) history.spent.set(phase, amount);
    else history.warnings.push(msg('progress.spentUnknownPhase', { phase }));
  }
  return history;
}

/** The open problem (SPEC 6.3 steps 1-5): D with only the open phases, reported piles in service, requiredBy moved, budgets reduced. */
export function openProblem(dataset: Dataset, closed: ReadonlySet<string>, history: History): { dataset: Dataset; warnings: MessageDetail[] } {
  const warnings: MessageDetail[] = [];
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
        warnings.push(msg('progress.overCap', { site: s.id, siteName: s.name ?? null, piles: reported.piles, cap }));
      }
      if (s.status === 'excluded') warnings.push(msg('progress.excludedInService', { site: s.id, siteName: s.name ?? null }));
    }
    if (s.status === 'required' && s.requiredBy !== undefined && closed.has(s.requiredBy) && firstOpen !== undefined) {
      site.requiredBy = firstOpen;
    }
    return site;
  });
  return { dataset: { ...dataset, phases, serviceAreas }, warnings };
}
