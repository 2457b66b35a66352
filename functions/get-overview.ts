import { overviewToWorkbook } from '../solver/formats/overview-workbook.js';
import { XLSX_MEDIA_TYPE } from '../solver/formats/index.js';
import { nationalOverview, type OverviewPlanFacts } from '../solver/overview.js';
import { callerFrom } from './lib/auth.js';
import { ForbiddenError, ValidationFailedError, says } from './lib/errors.js';
import { httpHandler, json, query } from './lib/http.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { SOLVED_STATUSES } from './lib/rules.js';
import { fromEnv } from './lib/wiring.js';
import { issueOf } from '../solver/messages.js';
import { systemClock } from './use-cases/deps.js';

const FORMATS = ['json', 'xlsx'] as const;

/** What the overview needs of a province's newest plan: its header, latest version, and once solved its data set and figures. */
async function planFacts(repo: PlanRepository, planId: string): Promise<OverviewPlanFacts | undefined> {
  const plan = await repo.getPlan(planId);
  const record = plan === undefined ? undefined : await repo.getVersion(planId, plan.latestVersion);
  if (plan === undefined || record === undefined) return undefined;
  const solved = SOLVED_STATUSES.has(record.status) ? await Promise.all([repo.loadDataset(planId, record), repo.loadSummary(record)]) : undefined;
  return {
    planId,
    name: plan.name,
    latestVersion: plan.latestVersion,
    status: record.status,
    reviewState: record.reviewState ?? 'none',
    planOfRecord: plan.planOfRecord ?? null,
    updatedAt: plan.updatedAt,
    ...(solved === undefined ? {} : { solved: { dataset: solved[0], plan: solved[1] } }),
  };
}

/**
 * GET /v1/overview[?format=xlsx]: reviewers only. Every one of the 31 provincial-level regions,
 * with or without a plan, from each province's newest plan (solver/overview.ts); as JSON or as a workbook.
 */
export const makeHandler = ({ repo, clock = systemClock }: { repo: PlanRepository; clock?: () => Date }) =>
  httpHandler('get-overview', async (event, _context, { log }) => {
    if (!callerFrom(event).reviewer) throw new ForbiddenError(says('error.overviewReviewersOnly'));
    const format = query(event, 'format') ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new ValidationFailedError([issueOf('query.format', 'request.oneOf', { choices: [...FORMATS] })]);
    const provinces = await repo.listProvinces();
    const facts = await Promise.all(provinces.map(async ({ province, latestPlanId }) => [province, await planFacts(repo, latestPlanId)] as const));
    const rows = nationalOverview(new Map(facts.flatMap(([province, found]) => (found === undefined ? [] : [[province, found] as const]))));
    const generatedAt = clock().toISOString();
    log.info('overview read', { provinces: provinces.length, format });
    if (format === 'xlsx') {
      return {
        statusCode: 200,
        headers: { 'Content-Type': XLSX_MEDIA_TYPE, 'Content-Disposition': `attachment; filename="overview-${generatedAt.slice(0, 10)}.xlsx"` },
        body: (await overviewToWorkbook(rows)).toString('base64'),
        isBase64Encoded: true,
      };
    }
    return json(200, { generatedAt, provinces: rows });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
