import type { PlanDiff } from './presenters/shapes.js';
import { diffPlans, diffToCsv } from '../solver/index.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { PlanStateError, ValidationFailedError } from './lib/errors.js';
import { httpHandler, json, query } from './lib/http.js';
import { planIdParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import type { VersionRecord } from './lib/records.js';
import { SOLVED_STATUSES } from './lib/rules.js';
import { fromEnv } from './lib/wiring.js';
import { presentInputs } from './presenters/version.js';
import { changedInputs, inputsOf } from './use-cases/inputs.js';
import { loadPlanRecord, resolveVersion } from './use-cases/read.js';

/**
 * GET /v1/plans/{planId}/diff?from=A&to=B[&format=csv]: what changed between two
 * versions (SPEC 6.5): sites added, dropped, moved or resized, capex and coverage
 * per phase, both objectives, and which inputs changed. A and B are version
 * numbers or `record`.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('diff-versions', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const format = query(event, 'format') ?? 'json';
    const missing = ['from', 'to'].filter((name) => query(event, name) === undefined);
    const issues = missing.map((name) => ({ path: `query.${name}`, message: 'is required: a version number or "record"' }));
    if (format !== 'json' && format !== 'csv') issues.push({ path: 'query.format', message: 'must be json or csv' });
    if (issues.length > 0) throw new ValidationFailedError(issues);
    const plan = await loadPlanRecord(repo, planId);
    requireRead(caller, plan.province);
    const named = async (name: 'from' | 'to') => resolveVersion(repo, plan, versionParam(query(event, name), `query.${name}`));
    const [from, to] = await Promise.all([named('from'), named('to')]);
    const [a, b] = await Promise.all([solvedPlan(repo, from), solvedPlan(repo, to)]);
    const diff = diffPlans(a, b);
    log.info('versions compared', { planId, province: plan.province, from: from.version, to: to.version, sites: diff.sites.length });
    if (format === 'csv') {
      return {
        statusCode: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${plan.province}-plan-${planId.slice(0, 8)}-diff-v${from.version}-v${to.version}.csv"`,
        },
        body: diffToCsv(diff),
      };
    }
    // From the version records, which know every input (a plain plan carries no revision of its own);
    // the SPEC's diff names three of them, not the model version.
    const { modelVersion: _model, ...inputsChanged } = changedInputs(inputsOf(from), inputsOf(to));
    return json(200, {
      planId,
      from: from.version,
      to: to.version,
      ...diff,
      inputs: { from: presentInputs(from), to: presentInputs(to) },
      inputsChanged,
    } satisfies PlanDiff);
  });

async function solvedPlan(repo: PlanRepository, record: VersionRecord) {
  if (!SOLVED_STATUSES.has(record.status)) {
    throw new PlanStateError(`Version ${record.version} has no plan to compare (status ${record.status})`);
  }
  return repo.loadPlan(record);
}

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
