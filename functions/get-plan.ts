import { callerFrom, requireRead } from './lib/auth.js';
import { reviewView } from './lib/cycle.js';
import { httpHandler, json, query } from './lib/http.js';
import { intParam, loadHeader, loadVersion, planIdParam, presentHeader, presentVersion, repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { SOLVED_STATUSES } from './lib/rules.js';
import { fromEnv } from './lib/wiring.js';

/** GET /v1/plans/{planId}[?version=N]: status and, once solved, the plan summary (SPEC section 5). */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('get-plan', async (event) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const version = intParam(query(event, 'version'), 'version', { min: 1, max: 999_999 });
    const header = await loadHeader(repo, planId);
    requireRead(caller, header.province);
    const record = await loadVersion(repo, header, version);
    const [summary, reviews, recordVersion] = await Promise.all([
      SOLVED_STATUSES.has(record.status)
        ? repo.loadSummary(record)
        : repo.loadProvisional(record).then((plan) => (plan === undefined ? undefined : { ...plan, provisional: true as const })),
      repo.listReviews(planId, record.version),
      header.planOfRecord == null ? Promise.resolve(undefined) : repo.getVersion(planId, header.planOfRecord),
    ]);
    return json(200, {
      ...presentHeader(header),
      ...presentVersion(record),
      review: reviewView(reviews),
      planOfRecord: recordVersion === undefined ? null : { version: recordVersion.version, asOf: recordVersion.asOf ?? null, status: recordVersion.status },
      ...(summary === undefined
        ? {}
        : {
            summary: {
              objective: summary.objective,
              bound: summary.bound,
              gap: summary.gap,
              phases: summary.phases,
              warnings: summary.warnings,
              diagnosis: summary.diagnosis,
              stats: summary.stats,
              ...cycleFields(summary),
              // While solving: the best plan so far, not yet proven (its gap says how far it may be from the optimum).
              ...('provisional' in summary ? { provisional: true } : {}),
            },
          }),
    });
  });

/** A re-plan's section-6 fields (SPEC 6.3), when the summary has them. */
function cycleFields(summary: { asOf?: string; dataRevision?: number | null; progressAsOf?: string | null; slipped?: string[] }) {
  if (summary.asOf === undefined) return {};
  return { asOf: summary.asOf, dataRevision: summary.dataRevision ?? null, progressAsOf: summary.progressAsOf ?? null, slipped: summary.slipped ?? [] };
}

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
