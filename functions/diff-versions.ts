import type { PlanDiff } from './presenters/shapes.js';
import { describeChanges, diffPlans, diffToCsv } from '../solver/index.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { PlanStateError, ValidationFailedError, says } from './lib/errors.js';
import { httpHandler, json, query } from './lib/http.js';
import { planIdParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import type { PlanRecord } from './lib/records.js';
import { whatIfQueryParam } from './lib/what-if-ids.js';
import { loadWhatIf, whatIfPlan } from './use-cases/read-what-if.js';
import { fromEnv } from './lib/wiring.js';
import { presentInputs } from './presenters/version.js';
import { changedInputs, inputsOf } from './use-cases/inputs.js';
import { issueOf } from '../solver/messages.js';
import { loadPlanRecord, resolveVersion, solvedPlan } from './use-cases/read.js';

/**
 * GET /v1/plans/{planId}/diff?from=A&to=B[&format=csv]: what changed between two
 * versions or scenarios (SPEC 6.5, 8): sites added, dropped, moved or resized,
 * capex and coverage per phase, both objectives, and which inputs changed. A and
 * B are version numbers, `record`, or scenario ids (`s1`; a curve's point `c1-3`),
 * whose changes "inputs changed" names.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('diff-versions', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const format = query(event, 'format') ?? 'json';
    const missing = ['from', 'to'].filter((name) => query(event, name) === undefined);
    const issues = missing.map((name) => issueOf(`query.${name}`, 'request.compareRequired'));
    if (format !== 'json' && format !== 'csv') issues.push(issueOf('query.format', 'request.jsonOrCsv'));
    if (issues.length > 0) throw new ValidationFailedError(issues);
    const plan = await loadPlanRecord(repo, planId);
    requireRead(caller, plan.province);
    const [from, to] = await Promise.all([compared(repo, plan, query(event, 'from') as string, 'from'), compared(repo, plan, query(event, 'to') as string, 'to')]);
    const diff = diffPlans(from.plan, to.plan);
    log.info('versions compared', { planId, province: plan.province, from: from.name, to: to.name, sites: diff.sites.length });
    if (format === 'csv') {
      return {
        statusCode: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${plan.province}-plan-${planId.slice(0, 8)}-diff-${from.label}-${to.label}.csv"`,
        },
        body: diffToCsv(diff),
      };
    }
    // From the version records, which know every input (a plain plan carries no revision of its own);
    // the SPEC's diff names three of them, not the model version.
    const { modelVersion: _model, ...inputsChanged } = changedInputs(from.inputs, to.inputs);
    // A scenario side names its changes (SPEC 8): "inputs changed" says what the scenario changed.
    const scenario = from.changes !== null || to.changes !== null ? { scenario: { from: from.changes, to: to.changes } } : {};
    return json(200, {
      planId,
      from: from.name,
      to: to.name,
      ...diff,
      inputs: { from: from.shownInputs, to: to.shownInputs },
      inputsChanged: { ...inputsChanged, ...scenario },
    } satisfies PlanDiff);
  });

/** One side of a comparison: a version (a number or `record`) or a scenario (`s1`, a curve's point `c1-3`), with its solved plan. */
async function compared(repo: PlanRepository, plan: PlanRecord, raw: string, name: 'from' | 'to') {
  if (/^[sc]/.test(raw)) {
    const record = await loadWhatIf(repo, plan, whatIfQueryParam(raw, name).id);
    const solved = await whatIfPlan(repo, record);
    if (solved === undefined) throw new PlanStateError(says('error.nothingToCompare', { scenario: record.id, status: record.status }));
    const inputs = inputsOf(record);
    return { name: record.id as number | string, label: record.id, plan: solved, inputs, shownInputs: presentInputs(record), changes: describeChanges(record.changes) as string[] | null };
  }
  const record = await resolveVersion(repo, plan, versionParam(raw, `query.${name}`));
  const solved = await solvedPlan(repo, record);
  if (solved === undefined) throw new PlanStateError(says('error.nothingToCompare', { version: record.version, status: record.status }));
  const inputs = inputsOf(record);
  return { name: record.version as number | string, label: `v${record.version}`, plan: solved, inputs, shownInputs: presentInputs(record), changes: null as string[] | null };
}

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
