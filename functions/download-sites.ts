import { planToWorkbook, XLSX_MEDIA_TYPE } from '../solver/formats/index.js';
import { sitesToCsv, sitesToGeoJson, sitesToJson, type Dataset } from '../solver/index.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { PlanStateError, ValidationFailedError, says } from './lib/errors.js';
import { httpHandler, json, query } from './lib/http.js';
import { planIdParam, remedyParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { SELECTION_STATUSES } from './lib/rules.js';
import { fromEnv } from './lib/wiring.js';
import { loadPlanRecord, remedyPlan, resolveVersion, versionPlan } from './use-cases/read.js';
import type { RemedyName } from './lib/item-keys.js';
import { loadWhatIf } from './use-cases/read-what-if.js';
import { whatIfProblem } from './use-cases/solve-what-if.js';
import { whatIfQueryParam } from './lib/what-if-ids.js';
import { issueOf } from '../solver/messages.js';
import type { PlanRecord } from './lib/records.js';

const FORMATS = ['json', 'csv', 'geojson', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** File names stay ASCII so every browser and Excel keep them; phase ids are free text. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);

/** What a reader of the JSON needs to make sense of the sites: the phases' budgets and targets, region and corridor names. */
function datasetContext(dataset: Dataset) {
  return {
    name: dataset.name,
    currency: dataset.currency,
    baseYear: dataset.baseYear,
    phases: dataset.phases.map(({ id, year, budget, targets, maxGapKm }) => ({ id, year, budget: budget ?? null, targets: targets ?? null, maxGapKm: maxGapKm ?? null })),
    regions: dataset.regions.map(({ id, name, class: regionClass }) => ({ id, name: name ?? null, class: regionClass })),
    corridors: dataset.corridors.map(({ id, name, startKm, endKm }) => ({ id, name: name ?? null, startKm, endKm })),
  };
}

/**
 * The plan a download shows: a version's (solved, or its best plan so far while
 * solving), or a scenario's (`scenario=s1`, a curve's point `c1-3`) with the
 * data set its changes make, once solved with a site selection.
 */
async function shownPlan(repo: PlanRepository, header: PlanRecord, version: string | undefined, scenario: string | undefined, remedy: RemedyName | undefined, format: string) {
  if (scenario !== undefined) {
    if (version !== undefined) throw new ValidationFailedError([issueOf('query.scenario', 'request.versionOrScenario')]);
    if (remedy !== undefined) throw new ValidationFailedError([issueOf('query.remedy', 'request.remedyOfScenario')]);
    const record = await loadWhatIf(repo, header, whatIfQueryParam(scenario, 'scenario').id);
    if (!SELECTION_STATUSES.has(record.status)) throw new PlanStateError(says('error.noSelection', { plan: header.planId, scenario: record.id, status: record.status }));
    const [plan, { dataset }] = await Promise.all([repo.loadWhatIfPlan(record), whatIfProblem(repo, record)]);
    return { plan, provisional: false, dataset, status: record.status, label: record.id, names: { scenario: record.id } };
  }
  const record = await resolveVersion(repo, header, versionParam(version, 'query.version'));
  // A solved selection, or while solving the best plan so far (named provisional in the file name and the JSON);
  // with a remedy, an infeasible version's remedy plan; the workbook of an infeasible version, with its remedies.
  const infeasible = record.status === 'infeasible';
  const selectable = remedy === undefined ? SELECTION_STATUSES.has(record.status) || record.status === 'solving' || (infeasible && format === 'xlsx') : infeasible;
  const shown = selectable ? await versionPlan(repo, record) : undefined;
  const plan = remedy === undefined ? shown?.plan : remedyPlan(record, shown?.plan, remedy);
  if (plan === undefined) {
    throw new PlanStateError(says('error.noSelection', { plan: header.planId, version: record.version, status: record.status }));
  }
  const dataset = await repo.loadDataset(header.planId, record);
  const label = `v${record.version}${remedy === undefined ? '' : `-${remedy}`}`;
  return { plan, provisional: shown?.provisional === true, dataset, status: record.status, label, names: { version: record.version, ...(remedy === undefined ? {} : { remedy }) } };
}

/**
 * GET /v1/plans/{planId}/sites?format=csv|geojson|json|xlsx[&phase=ID][&version=N|record|&scenario=s1]: the site
 * selection of a version (default the latest; `record` the plan of record) or of a scenario. xlsx is the whole plan
 * as a workbook (summary, phases, coverage, sites, and for a re-plan closed phases and slipped sites;
 * an infeasible version's has its diagnosis and remedies); it ignores `phase`. `&remedy=withinBudget|extraBudget`:
 * the site selection of an infeasible version's remedy (SPEC 7) instead, in the same formats.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('download-sites', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const format = (query(event, 'format') ?? 'json') as Format;
    if (!FORMATS.includes(format)) {
      throw new ValidationFailedError([issueOf('query.format', 'request.oneOf', { choices: [...FORMATS] })]);
    }
    const remedy = remedyParam(query(event, 'remedy'));
    const header = await loadPlanRecord(repo, planId);
    requireRead(caller, header.province);
    const shown = await shownPlan(repo, header, query(event, 'version'), query(event, 'scenario'), remedy, format);
    const { plan, provisional, dataset } = shown;
    const phase = query(event, 'phase');
    if (phase !== undefined && !plan.phases.some((p) => p.id === phase)) {
      throw new ValidationFailedError([issueOf('query.phase', 'request.phaseOf', { phases: plan.phases.map((p) => p.id) })]);
    }
    log.info('sites downloaded', { planId, province: header.province, of: shown.label, format, phase, remedy });

    // The workbook holds every phase, so its name never carries one.
    const onePhase = phase !== undefined && format !== 'xlsx';
    const fileName = `${header.province}-plan-${planId.slice(0, 8)}-${shown.label}${provisional ? '-provisional' : ''}${onePhase ? `-phase-${safe(phase)}` : ''}`;
    const disposition = (extension: string) => `attachment; filename="${fileName}.${extension}"`;
    if (format === 'csv') {
      return {
        statusCode: 200,
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition('csv') },
        body: sitesToCsv(dataset, plan, phase),
      };
    }
    if (format === 'xlsx') {
      return {
        statusCode: 200,
        headers: { 'Content-Type': XLSX_MEDIA_TYPE, 'Content-Disposition': disposition('xlsx') },
        body: (await planToWorkbook(dataset, plan)).toString('base64'),
        isBase64Encoded: true,
      };
    }
    if (format === 'geojson') {
      return {
        statusCode: 200,
        headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Content-Disposition': disposition('geojson') },
        body: JSON.stringify(sitesToGeoJson(dataset, plan, phase)),
      };
    }
    return json(
      200,
      {
        planId,
        province: header.province,
        ...shown.names,
        status: shown.status,
        ...(provisional ? { provisional: true } : {}),
        phase: phase ?? null,
        dataset: datasetContext(dataset),
        sites: sitesToJson(dataset, plan, phase),
      },
      { 'Content-Disposition': disposition('json') },
    );
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
