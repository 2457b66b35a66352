import { fmtMoney, fmtPercent, t } from '../i18n';
import type { AppConfig } from '../config';
import type { PlanDetail, RemediesSummaryView, RemedyName, SitesResponse } from '../types';
import { Charts } from './Charts';
import { Downloads } from './Downloads';
import { SiteMap } from './SiteMap';
import { SitesTable } from './SitesTable';
import { StatusBadge } from './StatusBadge';

const NO_CHANGES: ReadonlySet<string> = new Set();
const TITLE: Record<RemedyName, 'remedyWithin' | 'remedyExtra'> = { withinBudget: 'remedyWithin', extraBudget: 'remedyExtra' };

/** One remedy's plan opened like any plan: its figures, map, charts, site table and downloads. */
export function RemedyPlan(props: {
  plan: PlanDetail;
  remedy: RemedyName;
  summary: RemediesSummaryView['extraBudget']['plan'] | undefined;
  sites: SitesResponse;
  back: string;
  config: AppConfig;
}) {
  const { plan, remedy, summary, sites, back, config } = props;
  const currency = sites.dataset.currency;
  return (
    <>
      <section class="card" aria-labelledby="remedy-plan-title" id="remedy-plan">
        <h2 id="remedy-plan-title">{t('remedyViewing', { name: t(TITLE[remedy]) })}</h2>
        {summary !== undefined && (
          <dl class="summary">
            <div>
              <dt>{t('status')}</dt>
              <dd>
                <StatusBadge status={summary.status === 'unknown' ? 'failed' : summary.status} />
              </dd>
            </div>
            <div>
              <dt>{t('objective')}</dt>
              <dd>{fmtMoney(summary.objective, currency)}</dd>
            </div>
            <div>
              <dt>{t('gap')}</dt>
              <dd>{fmtPercent(summary.gap, 2)}</dd>
            </div>
          </dl>
        )}
        <p>
          <a href={back}>{t('remedyBack')}</a>
        </p>
      </section>
      <SiteMap sites={sites.sites} dataset={sites.dataset} changed={NO_CHANGES} config={config} />
      {summary !== undefined && <Charts phases={summary.phases} dataset={sites.dataset} />}
      <SitesTable sites={sites.sites} dataset={sites.dataset} changed={NO_CHANGES} />
      <Downloads planId={plan.planId} version={plan.version} remedy={remedy} />
    </>
  );
}
