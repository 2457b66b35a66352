import { plainDetails } from '../../solver/messages.js';
import type { VersionInputsView, VersionListItem, VersionView } from './shapes.js';
import type { VersionRecord } from '../lib/records.js';

/** A version as the API shows it (SPEC section 5): its status, trigger, dates, figures, and while solving its progress. */
export function presentVersion(record: VersionRecord): VersionView {
  return {
    version: record.version,
    status: record.status,
    trigger: record.trigger,
    ...(record.tick === undefined ? {} : { tick: record.tick }),
    ...(record.requestedBy === undefined ? {} : { requestedBy: record.requestedBy }),
    asOf: record.asOf ?? null,
    dataRevision: record.dataRevision ?? 1,
    reviewState: record.reviewState ?? 'none',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.solvedAt === undefined ? {} : { solvedAt: record.solvedAt }),
    serviceAreas: record.serviceAreas,
    ...(record.failure === undefined ? {} : { failure: record.failure, failureDetail: record.failureDetail ?? plainDetails([record.failure])[0]! }),
    // A solve in progress shows how far it has come: the best plan's cost so far, its bound and gap.
    ...(record.status === 'solving' && record.best !== undefined
      ? { progress: { best: record.best, bound: record.bestBound ?? null, gap: record.bestGap ?? null, at: record.progressAt ?? null } }
      : {}),
    ...(record.objective === undefined ? {} : { objective: record.objective, bound: record.bound ?? null, gap: record.gap ?? null }),
  };
}

/** A version in the versions list: as above, with its phases' target counts once solved (stored at solve time, so the list reads no plan). */
export function presentVersionListItem(record: VersionRecord): VersionListItem {
  return { ...presentVersion(record), ...(record.targets === undefined ? {} : { targets: record.targets }) };
}

/** What a version was solved from (SPEC 6.4), as the API shows it. */
export function presentInputs(record: Pick<VersionRecord, 'dataRevision' | 'progressReportId' | 'progressAsOf' | 'closedPhases' | 'modelVersion'>): VersionInputsView {
  return {
    dataRevision: record.dataRevision ?? 1,
    progress: record.progressReportId == null ? null : { reportId: record.progressReportId, asOf: record.progressAsOf ?? null },
    closedPhases: record.closedPhases ?? [],
    modelVersion: record.modelVersion ?? null,
  };
}
