import { renderReportPdf } from '../solver/formats/report-pdf.js';
import { REPORT_SCENARIOS_MAX } from '../solver/formats/report-scenarios.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { PlanStateError, says } from './lib/errors.js';
import { httpHandler, query } from './lib/http.js';
import { planIdParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { reportFont } from './lib/report-font.js';
import { whatIfListParam } from './lib/what-if-ids.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord, resolveVersion, solvedPlan } from './use-cases/read.js';
import { reportScenarios } from './use-cases/read-what-if.js';

export const PDF_MEDIA_TYPE = 'application/pdf';

/**
 * GET /v1/plans/{planId}/report.pdf[?version=N|record][&scenarios=s1,s2]: a solved version (default the latest;
 * `record` the plan of record) as a report to file, A4 in Chinese (solver/formats/report-pdf.ts).
 * An infeasible version's report carries its diagnosis; a version not solved yet has none (409).
 * `scenarios` adds a page with those scenarios (or curve points, at most REPORT_SCENARIOS_MAX) beside the plan.
 */
export const makeHandler = ({ repo, clock = systemClock, font = reportFont }: { repo: PlanRepository; clock?: () => Date; font?: () => Promise<Uint8Array> }) =>
  httpHandler('get-report', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const header = await loadPlanRecord(repo, planId);
    requireRead(caller, header.province);
    const scenarioIds = query(event, 'scenarios');
    const chosen = scenarioIds === undefined ? [] : whatIfListParam(scenarioIds, 'scenarios', REPORT_SCENARIOS_MAX);
    const record = await resolveVersion(repo, header, versionParam(query(event, 'version'), 'query.version'));
    const plan = await solvedPlan(repo, record);
    if (plan === undefined) throw new PlanStateError(says('error.noReport', { plan: planId, version: record.version, status: record.status }));
    const [dataset, scenarios, fontBytes] = await Promise.all([repo.loadDataset(planId, record), reportScenarios(repo, header, chosen), font()]);
    const started = Date.now();
    const pdf = await renderReportPdf(
      {
        dataset,
        plan,
        version: record.version,
        trigger: record.trigger,
        reviewState: record.reviewState ?? 'none',
        planOfRecord: header.planOfRecord ?? null,
        generatedAt: clock().toISOString(),
        scenarios,
      },
      fontBytes,
    );
    log.info('report rendered', { planId, province: header.province, version: record.version, scenarios: chosen.length, bytes: pdf.byteLength, ms: Date.now() - started });
    return {
      statusCode: 200,
      headers: { 'Content-Type': PDF_MEDIA_TYPE, 'Content-Disposition': `attachment; filename="${header.province}-plan-${planId.slice(0, 8)}-v${record.version}-report.pdf"` },
      body: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64'),
      isBase64Encoded: true,
    };
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
