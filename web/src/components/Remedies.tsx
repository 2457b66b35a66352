import { useMemo } from 'preact/hooks';
import { getRemedySites } from '../api';
import type { AppConfig } from '../config';
import { fmtMoney, t } from '../i18n';
import { namesOf, proposalWords, remedyIn, ruleWords, type Names } from '../remedies';
import { useResource } from '../resource';
import { useLocation } from '../router';
import type { PlanDetail, RemediesSummaryView, RemedyName } from '../types';
import { messageLines, pageNames } from '../messages';
import { ErrorNote } from './ErrorNote';
import { gapsOf } from './map-gaps';
import { RemediesMap } from './RemediesMap';
import { RemedyPlan } from './RemedyPlan';
import { RemedyTargets } from './RemedyTargets';

type Within = Exclude<RemediesSummaryView['withinBudget'], { unavailable: string }>;
const nominal = (phases: { capex: number | null }[]) => phases.reduce((sum, phase) => sum + (phase.capex ?? 0), 0);

/**
 * Under an infeasible plan's diagnosis, the three answers of SPEC 7 side by
 * side in the planner's words: the best plan within the budgets and what it
 * misses (on a targets matrix and the map), the extra money per phase, and the
 * new sites proposed (on the map at their km). Each remedy's plan opens like
 * any plan (`?remedy=withinBudget`).
 */
export function Remedies({ plan, remedies, config }: { plan: PlanDetail; remedies: RemediesSummaryView; config: AppConfig }) {
  const { path, search } = useLocation();
  const viewing = remedyIn(search);
  const within = 'plan' in remedies.withinBudget ? remedies.withinBudget : undefined;
  // The sites (and names) of the best-effort plan, or of the extra-money plan when no plan fits the budgets.
  const shown: RemedyName = viewing ?? (within === undefined ? 'extraBudget' : 'withinBudget');
  const sitesResource = useResource((signal) => getRemedySites(plan.planId, plan.version, shown, { signal }), [plan.planId, plan.version, shown]);
  const sites = sitesResource.value;
  const names = useMemo(() => (sites === undefined ? undefined : namesOf(sites.dataset, sites.sites)), [sites]);
  const missRegions = useMemo(() => new Set(within?.unmet.flatMap((rule) => (rule.rule === 'coverage' ? [rule.region] : [])) ?? []), [within]);
  const gapCorridors = useMemo(() => new Set(within?.unmet.flatMap((rule) => (rule.rule === 'spacing' ? [rule.corridor] : [])) ?? []), [within]);
  const gaps = useMemo(() => gapsOf(plan.summary?.diagnosisDetails), [plan.summary?.diagnosisDetails]);
  const currency = sites?.dataset.currency ?? 'CNY';
  const open = (remedy: RemedyName) => `${path}?remedy=${remedy}`;

  if (names === undefined || sites === undefined) {
    return sitesResource.error === undefined ? <p>{t('loading')}</p> : <ErrorNote error={sitesResource.error} onRetry={sitesResource.reload} />;
  }
  return (
    <>
      <section class="card" aria-labelledby="remedies-title">
        <h2 id="remedies-title">{t('remediesTitle')}</h2>
        <div class="remedies">
          <WithinAnswer within={within} unavailable={'unavailable' in remedies.withinBudget ? messageLines([remedies.withinBudget.unavailable], [remedies.withinBudget.unavailableDetail], pageNames(currency))[0] : undefined} names={names} currency={currency} href={open('withinBudget')} />
          <section class="remedy" aria-labelledby="remedy-extra-title">
            <h3 id="remedy-extra-title">{t('remedyExtra')}</h3>
            <p>{t('remedyExtraTotal', { money: fmtMoney(remedies.extraBudget.total, currency) })}</p>
            <ul>
              {Object.entries(remedies.extraBudget.byPhase).map(([phase, money]) => (
                <li>{t('remedyExtraPhase', { phase, money: fmtMoney(money, currency) })}</li>
              ))}
            </ul>
            <p>{t('remedyNominal', { money: fmtMoney(nominal(remedies.extraBudget.plan.phases), currency) })}</p>
            {remedies.extraBudget.dropped.length > 0 && (
              <>
                <p>{t('remedyDropped')}</p>
                <ul>
                  {remedies.extraBudget.dropped.map((rule) => (
                    <li>{ruleWords(rule, names, false)}</li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <a href={open('extraBudget')}>{t('remedyOpen')}</a>
            </p>
          </section>
          <section class="remedy" aria-labelledby="remedy-new-title">
            <h3 id="remedy-new-title">{t('remedyNewSites')}</h3>
            {remedies.newSites.length === 0 ? (
              <p>{t('remedyNoNewSites')}</p>
            ) : (
              <ul class="new-sites">
                {remedies.newSites.map((proposal) => (
                  <li>{proposalWords(proposal, names)}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
        {within !== undefined && <RemedyTargets phases={within.plan.phases} names={names} />}
        {viewing === undefined && (
          <RemediesMap sites={sites.sites} dataset={sites.dataset} names={names} missRegions={missRegions} gapCorridors={gapCorridors} proposals={remedies.newSites} gaps={gaps} config={config} />
        )}
      </section>
      {viewing !== undefined && (
        <RemedyPlan plan={plan} remedy={viewing} summary={viewing === 'withinBudget' ? within?.plan : remedies.extraBudget.plan} sites={sites} back={path} config={config} />
      )}
    </>
  );
}

function WithinAnswer({ within, unavailable, names, currency, href }: { within: Within | undefined; unavailable: string | undefined; names: Names; currency: string; href: string }) {
  return (
    <section class="remedy" aria-labelledby="remedy-within-title">
      <h3 id="remedy-within-title">{t('remedyWithin')}</h3>
      {within === undefined ? (
        <p>{t('remedyUnavailable', { why: unavailable ?? '' })}</p>
      ) : (
        <>
          <p>{t('remedyRulesMet', { met: within.rulesMet, total: within.rulesTotal, n: within.shortfall })}</p>
          <p>{t('remedyNominal', { money: fmtMoney(nominal(within.plan.phases), currency) })}</p>
          {within.unmet.length > 0 && (
            <>
              <p>{t('remedyUnmet')}</p>
              <ul class="unmet-rules">
                {within.unmet.map((rule) => (
                  <li class="unmet">{ruleWords(rule, names)}</li>
                ))}
              </ul>
            </>
          )}
          <p>
            <a href={href}>{t('remedyOpen')}</a>
          </p>
        </>
      )}
    </section>
  );
}
