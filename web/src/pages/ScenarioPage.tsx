import { download, getScenario, getScenarioSites, scenarioSitesFile } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { FailureNote } from '../components/FailureNote';
import { changeLines } from '../components/Scenarios';
import { SitesTable } from '../components/SitesTable';
import { StatusBadge } from '../components/StatusBadge';
import { fmtMoney, t } from '../i18n';
import { useResource } from '../resource';
import { FINAL, SOLVED } from '../types';

const POLL_MS = 1000;
const NO_CHANGES: ReadonlySet<string> = new Set();

/** One scenario (or a curve's point): its changes, its figures, and once solved its sites and downloads. */
export function ScenarioPage({ planId, scenarioId }: { planId: string; scenarioId: string }) {
  const scenario = useResource((signal) => getScenario(planId, scenarioId, { signal }), [planId, scenarioId], {
    again: (loaded) => (FINAL.has(loaded.status) ? undefined : POLL_MS),
  });
  const shown = scenario.value;
  const solved = shown !== undefined && SOLVED.has(shown.status);
  const sites = useResource((signal) => (solved ? getScenarioSites(planId, scenarioId, { signal }) : undefined), [planId, scenarioId, solved]);
  const error = scenario.error ?? sites.error;
  if (shown === undefined) return error === undefined ? <p>{t('loading')}</p> : <ErrorNote error={error} onRetry={scenario.reload} />;
  const currency = sites.value?.dataset.currency ?? 'CNY';
  return (
    <article class="plan scenario">
      <header class="plan-head">
        <h1>
          {t('scenarioPlan')} {shown.scenarioId}: {shown.name}
        </h1>
        <p>
          <a href={`/plans/${planId}`}>{shown.planId.slice(0, 8)}</a> · <StatusBadge status={shown.status} />
        </p>
      </header>
      {error !== undefined && <ErrorNote error={error} />}
      <FailureNote item={shown} />
      <dl class="summary card">
        <div>
          <dt>{t('changes')}</dt>
          <dd>{changeLines(shown.changes).join('; ') || '–'}</dd>
        </div>
        <div>
          <dt>{t('capex')}</dt>
          <dd>{fmtMoney(shown.figures?.capex, currency)}</dd>
        </div>
        <div>
          <dt>{t('rulesMet')}</dt>
          <dd>{shown.figures?.rulesMet == null ? '–' : `${shown.figures.rulesMet} / ${shown.figures.rulesTotal}`}</dd>
        </div>
        <div>
          <dt>{t('extraBudget')}</dt>
          <dd>{fmtMoney(shown.figures?.extraBudget, currency)}</dd>
        </div>
      </dl>
      {sites.value !== undefined && (
        <>
          <SitesTable sites={sites.value.sites} dataset={sites.value.dataset} changed={NO_CHANGES} />
          <p class="card">
            {['csv', 'geojson', 'json', 'xlsx'].map((format) => {
              const file = scenarioSitesFile(planId, scenarioId, format);
              return (
                <a
                  class="button"
                  href={file.href}
                  onClick={(event) => {
                    event.preventDefault();
                    void download(file);
                  }}
                >
                  {format.toUpperCase()}
                </a>
              );
            })}
          </p>
        </>
      )}
    </article>
  );
}
