import type { CountryPlansPage, PlansPage, VersionsPage } from './presenters/shapes.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { ValidationFailedError } from './lib/errors.js';
import { httpHandler, json, query } from './lib/http.js';
import { intParam, planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { PROVINCE_PATTERN } from './lib/rules.js';
import { fromEnv } from './lib/wiring.js';
import { presentPlan } from './presenters/plan.js';
import { presentVersionListItem } from './presenters/version.js';
import { issueOf } from '../solver/messages.js';
import { loadPlanRecord } from './use-cases/read.js';

/**
 * GET /v1/plans?province=XX (a province's plans, newest first) and
 * GET /v1/plans/{planId}/versions (a plan's versions, newest first); both paginated by cursor.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('list-plans', async (event) => {
    const caller = callerFrom(event);
    const limit = intParam(query(event, 'limit'), 'limit', { min: 1, max: 100 }) ?? 20;
    const cursor = query(event, 'cursor');

    if (event.pathParameters?.planId !== undefined) {
      const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters.planId));
      requireRead(caller, plan.province);
      const page = await repo.listVersions(plan.planId, plan.latestVersion, { limit, cursor });
      return json(200, {
        planId: plan.planId,
        province: plan.province,
        latestVersion: plan.latestVersion,
        items: page.items.map(presentVersionListItem),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      } satisfies VersionsPage);
    }

    // A user of exactly one province may leave the province out; a reviewer without one sees every province.
    const only = caller.provinces.size === 1 && !caller.reviewer ? [...caller.provinces][0] : undefined;
    const province = query(event, 'province') ?? only;
    if (province === undefined && caller.reviewer && cursor === undefined) {
      // One page across the country; to page further, name a province.
      const { provinces, items } = await repo.listNewestPlans(limit);
      return json(200, { province: null, provinces, items: items.map(presentPlan) } satisfies CountryPlansPage);
    }
    if (province === undefined || !PROVINCE_PATTERN.test(province)) {
      throw new ValidationFailedError([issueOf('query.province', 'request.provinceRequired')]);
    }
    requireRead(caller, province);
    const page = await repo.listPlans(province, { limit, cursor });
    return json(200, {
      province,
      items: page.items.map(presentPlan),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    } satisfies PlansPage);
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
