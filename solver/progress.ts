/**
 * Progress report validation (SPEC section 6.2), against the data set the
 * report arrives for. Every problem is listed at once with its JSON path in
 * the data set validator's style (`sites[0].id`, `spent["2024"]`); nothing is
 * defaulted and a valid report comes back as the very object passed in.
 *
 * Choices where the SPEC is silent (docs/planning-model.md, "The planning cycle"):
 * - `asOf` must be a real calendar date (2025-02-30 is rejected);
 * - at most 5,000 sites, the data set limit; a longer list is reported once and not inspected;
 * - the pile cap is the site's maxPiles, else assumptions.maxPilesPerSite (default 20);
 *   the floor is assumptions.minPilesPerSite (default 2);
 * - `spent` values must be finite numbers >= 0; `spent: {}` is the same as no `spent`.
 */
import { isIsoDate, yearOf } from './dates.js';
import { FieldReader, IssueList, join, own, shown, type JsonObject } from './json-fields.js';
import { defaultAssumptions } from './normalize.js';
import type { Dataset, ProgressReport, ProgressValidationResult, ServiceArea } from './types.js';
import { money, NUMBER_MAXIMA } from './dataset-fields.js';
import { DATASET_LIMITS } from './validate.js';
import { wrongKindOfUpload } from './messages.js';

const REPORT_KEYS = ['asOf', 'sites', 'spent'] as const;
const SITE_KEYS = ['id', 'piles', 'coveredSince'] as const;

/** Checks a progress report against a (valid) data set, listing every problem with its JSON path. Never throws. */
export function validateProgress(report: unknown, dataset: Dataset): ProgressValidationResult {
  const wrongKind = wrongKindOfUpload(report, 'progress');
  if (wrongKind !== null) return { ok: false, issues: [wrongKind] };
  const issues = new IssueList(DATASET_LIMITS.issues);
  new ReportChecker(issues, dataset).check(report);
  const listed = issues.result();
  if (listed.length > 0) return { ok: false, issues: listed };
  return { ok: true, report: report as ProgressReport };
}

class ReportChecker extends FieldReader {
  private readonly sitesById: Map<string, ServiceArea>;
  private readonly phaseYear: Map<string, number>;
  private readonly minPiles: number;
  private readonly defaultCap: number;

  constructor(issues: IssueList, dataset: Dataset) {
    super(issues);
    this.sitesById = new Map(dataset.serviceAreas.map((s) => [s.id, s]));
    this.phaseYear = new Map(dataset.phases.map((p) => [p.id, p.year]));
    this.minPiles = dataset.assumptions?.minPilesPerSite ?? defaultAssumptions.minPilesPerSite;
    this.defaultCap = dataset.assumptions?.maxPilesPerSite ?? defaultAssumptions.maxPilesPerSite;
  }

  check(input: unknown): void {
    const top = this.object(input, '');
    if (!top) return;
    this.unknownKeys(top, '', REPORT_KEYS);
    const asOf = this.string(top, '', 'asOf', true);
    let year: number | null = null;
    if (typeof asOf === 'string') {
      if (isIsoDate(asOf)) year = yearOf(asOf);
      else this.issues.add('asOf', 'field.notDate', { value: shown(asOf) });
    }
    this.checkSites(top, year);
    this.checkSpent(top);
  }

  private checkSites(top: JsonObject, year: number | null): void {
    const items = this.array(top, 'sites', DATASET_LIMITS.serviceAreas, 'sites');
    if (!items) return;
    const seen = new Map<string, { index: number }>();
    items.forEach((item, index) => {
      const path = `sites[${index}]`;
      const site = this.object(item, path);
      if (!site) return;
      this.unknownKeys(site, path, SITE_KEYS);
      const id = this.id(site, path, 'sites', seen);
      let area: ServiceArea | undefined;
      if (typeof id === 'string') {
        if (!seen.has(id)) seen.set(id, { index });
        area = this.sitesById.get(id);
        if (!area) this.issues.add(`${path}.id`, 'field.unknownRef', { kind: 'service area', id: shown(id), quoted: true });
        else if (area.status === 'excluded') this.issues.add(`${path}.id`, 'progress.siteExcluded', { site: shown(id) });
      }
      const cap = area ? (area.maxPiles ?? this.defaultCap) : undefined;
      if (area && cap !== undefined && cap < this.minPiles) {
        this.issues.add(`${path}.piles`, 'progress.capBelowMin', { site: shown(area.id), cap, minPiles: this.minPiles });
      } else {
        this.number(site, path, 'piles', { integer: true, min: this.minPiles, limit: NUMBER_MAXIMA.piles, ...(cap === undefined ? {} : { max: cap }) }, true);
      }
      const since = this.string(site, path, 'coveredSince', true);
      if (typeof since === 'string') {
        const phaseYear = this.phaseYear.get(since);
        if (phaseYear === undefined) this.issues.add(`${path}.coveredSince`, 'field.unknownRef', { kind: 'phase', id: shown(since), quoted: true });
        else if (year !== null && phaseYear > year) {
          this.issues.add(`${path}.coveredSince`, 'progress.phaseAfterReport', { phase: shown(since), phaseYear, year });
        }
      }
    });
  }

  private checkSpent(top: JsonObject): void {
    const value = own(top, 'spent');
    if (value === undefined) return;
    const spent = this.object(value, 'spent');
    if (!spent) return;
    for (const key of Object.keys(spent)) {
      if (!this.phaseYear.has(key)) {
        this.issues.add(join('spent', shown(key)), 'field.unknownRef', { kind: 'phase', id: shown(key), quoted: true });
        continue;
      }
      this.number(spent, 'spent', key, money(NUMBER_MAXIMA.budget), true);
    }
  }
}
