import { pickReport, type ProgressReport } from '../../solver/index.js';
import type { ReportRecord, VersionInputs, VersionRecord } from '../lib/records.js';

/*
 * What a version was solved from (SPEC 6.4), and when two versions' inputs
 * differ: the one rule behind "unchanged" re-plans and the diff's `inputsChanged`.
 */

/** The report a re-plan as of `asOf` counts (SPEC 6.3: latest asOf not after A, ties the later arrival). */
export function reportFor(reports: ReportRecord[], asOf: string): ReportRecord | undefined {
  const candidates = reports.map((record) => ({ record, receivedAt: record.receivedAt, report: { asOf: record.asOf, sites: [] } as ProgressReport }));
  return pickReport(candidates, asOf)?.record;
}

/**
 * A version's inputs. A version stored before its inputs were recorded reads
 * as revision 1, no report, nothing closed, and a model version no planner
 * has, so any re-plan of it counts as changed.
 */
export function inputsOf(record: Pick<VersionRecord, keyof VersionInputs>): VersionInputs {
  return {
    dataRevision: record.dataRevision ?? 1,
    progressReportId: record.progressReportId ?? null,
    progressAsOf: record.progressAsOf ?? null,
    closedPhases: record.closedPhases ?? [],
    modelVersion: record.modelVersion ?? 'unrecorded',
  };
}

/** Which inputs differ between two versions. */
export function changedInputs(a: VersionInputs, b: VersionInputs) {
  return {
    dataRevision: a.dataRevision !== b.dataRevision,
    // The report counted, by identity: two reports may share an as-of date.
    progress: a.progressReportId !== b.progressReportId,
    closedPhases: JSON.stringify(a.closedPhases) !== JSON.stringify(b.closedPhases),
    modelVersion: a.modelVersion !== b.modelVersion,
  };
}

export function sameInputs(record: VersionRecord, inputs: VersionInputs): boolean {
  return !Object.values(changedInputs(inputsOf(record), inputs)).some(Boolean);
}
