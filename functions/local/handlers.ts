import { handler as getTemplate } from '../get-template.js';
import { handler as health } from '../health.js';
import { makeHandler as diffVersions } from '../diff-versions.js';
import { makeHandler as downloadSites } from '../download-sites.js';
import { makeHandler as getPlan } from '../get-plan.js';
import { makeHandler as getProgress } from '../get-progress.js';
import { makeHandler as getVersion } from '../get-version.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from '../lib/lambda-types.js';
import type { HandlerDeps } from '../lib/plans.js';
import { makeHandler as listPlans } from '../list-plans.js';
import { makeHandler as regeneratePlan } from '../regenerate-plan.js';
import { makeHandler as reportProgress } from '../report-progress.js';
import { makeHandler as reviewVersion } from '../review-version.js';
import { makeHandler as reviseDataset } from '../revise-dataset.js';
import { makeHandler as submitPlan } from '../submit-plan.js';
import type { RouteSpec } from './routes.js';

export type HttpHandler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;

/**
 * Every route's handler, built from the local runtime's repository and queue
 * with the same factories Lambda wires from its environment.
 */
export function buildRouteHandlers(deps: HandlerDeps): Record<RouteSpec['handler'], HttpHandler> {
  // Typed by the route table: a route added there without its handler here does not compile.
  const built: Record<RouteSpec['handler'], unknown> = {
    'submit-plan': submitPlan(deps),
    'get-plan': getPlan(deps),
    'list-plans': listPlans(deps),
    'download-sites': downloadSites(deps),
    'regenerate-plan': regeneratePlan(deps),
    'revise-dataset': reviseDataset(deps),
    'report-progress': reportProgress(deps),
    'get-progress': getProgress(deps),
    'get-version': getVersion(deps),
    'diff-versions': diffVersions(deps),
    'review-version': reviewVersion(deps),
    'get-template': getTemplate,
    health,
  };
  return built as unknown as Record<RouteSpec['handler'], HttpHandler>;
}
