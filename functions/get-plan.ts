import { callerFrom, requireRead } from './lib/auth.js';
import { httpHandler, json, query } from './lib/http.js';
import { intParam, loadHeader, loadVersion, planIdParam, presentHeader, presentVersion, repositoryFromEnv } from './lib/plans.js';

const repo = repositoryFromEnv();
const SOLVED = new Set(['optimal', 'feasible', 'infeasible']);

/** GET /v1/plans/{planId}[?version=N]: status and, once solved, the plan summary (SPEC section 5). */
export const handler = httpHandler('get-plan', async (event) => {
  const caller = callerFrom(event);
  const planId = planIdParam(event.pathParameters?.planId);
  const version = intParam(query(event, 'version'), 'version', { min: 1, max: 999_999 });
  const header = await loadHeader(repo, planId);
  requireRead(caller, header.province);
  const record = await loadVersion(repo, header, version);
  const summary = SOLVED.has(record.status) ? await repo.loadSummary(record) : undefined;
  return json(200, {
    ...presentHeader(header),
    ...presentVersion(record),
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
          },
        }),
  });
});
