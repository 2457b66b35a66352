import { useEffect, useMemo } from 'preact/hooks';
import { ApiError, getDiff, getPlan, getSites, listScenarios, listVersions } from '../api';
import type { Session } from '../auth';
import { Charts } from '../components/Charts';
import { DiffView } from '../components/DiffView';
import { Downloads } from '../components/Downloads';
import { ErrorNote } from '../components/ErrorNote';
import { Progress } from '../components/Progress';
import { ProvinceActions } from '../components/ProvinceActions';
import { Remedies } from '../components/Remedies';
import { ReviewHeadline } from '../components/ReviewHeadline';
import { ReviewPanel } from '../components/ReviewPanel';
import { ScenarioForm } from '../components/ScenarioForm';
import { Scenarios } from '../components/Scenarios';
import { SiteMap } from '../components/SiteMap';
import { SitesTable } from '../components/SitesTable';
import { Summary } from '../components/Summary';
import { TargetsPanel } from '../components/TargetsPanel';
import { Versions } from '../components/Versions';
import type { AppConfig } from '../config';
import { currentLang, t } from '../i18n';
import { provinceName } from '../provinces';
import { navigate } from '../router';
import { useResource } from '../resource';
import { useQueryState } from '../url-state';
import { FINAL, planOfRecordOf, SOLVED, type VersionListItem } from '../types';

const POLL_MS = 1000;
const NO_CHANGES: ReadonlySet<string> = new Set();

/** One plan (its latest version, or the one in the address): everything on one page, no tabs. */
export function PlanPage({ session, config, planId, version }: { session: Session; config: AppConfig; planId: string; version?: number }) {
  // The compared versions or scenarios live in the address (?compare=1-2, ?compare=2-s1); by default the viewed version and the one before it.
  const [compareText, setCompareText] = useQueryState('compare', '');
  const setCompare = (next: { from: number | string; to: number | string } | undefined) => setCompareText(next === undefined ? '' : `${next.from}-${next.to}`);

  // The plan, again every second while it is queued or solving.
  const planResource = useResource((signal) => getPlan(planId, version, { signal }), [planId, version], {
    again: (loaded) => (FINAL.has(loaded.status) ? undefined : POLL_MS),
  });
  const plan = planResource.value;

  // A solved version's sites, or while solving those of the best plan so far (again as it improves).
  const provisional = plan?.status === 'solving' && plan.summary?.provisional === true;
  const solvedVersion = plan !== undefined && (SOLVED.has(plan.status) || provisional) ? plan.version : undefined;
  const sitesStamp = provisional ? (plan?.progress?.at ?? '') : 'final';
  const sitesResource = useResource((signal) => (solvedVersion === undefined ? undefined : getSites(planId, solvedVersion, { signal })), [planId, solvedVersion, sitesStamp]);
  const sites = sitesResource.value;

  const versionsResource = useResource(
    (signal) =>
      listVersions(planId, { signal }).then(
        (page) => page.items,
        (): VersionListItem[] => [],
      ),
    [planId, plan?.version, plan?.status],
  );
  const versions = versionsResource.value ?? [];

  // The plan's scenarios (SPEC 8), again every second while one is queued or solving.
  const scenariosResource = useResource((signal) => listScenarios(planId, { signal }).then((page) => page.items), [planId], {
    again: (loaded) => (loaded.every((scenario) => FINAL.has(scenario.status)) ? undefined : POLL_MS),
  });
  const scenarios = scenariosResource.value ?? [];

  // By default a version is compared with the one before it: what a reviewer looks at first.
  const viewed = plan?.version;
  const chosen = /^(\d+|s\d+|c\d+-\d+)-(\d+|s\d+|c\d+-\d+)$/.exec(compareText);
  const side = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);
  const compare = chosen !== null ? { from: side(chosen[1]!), to: side(chosen[2]!) } : viewed !== undefined && viewed > 1 ? { from: viewed - 1, to: viewed } : undefined;
  const diffResource = useResource(
    (signal) =>
      compare === undefined || compare.from === compare.to
        ? Promise.resolve(undefined)
        : getDiff(planId, compare.from, compare.to, { signal }).catch((failure: unknown) => {
            // A version not solved yet has nothing to compare: show no differences rather than an error.
            if (failure instanceof ApiError && failure.status >= 500) throw failure;
            return undefined;
          }),
    [planId, compare?.from, compare?.to, plan?.status],
  );
  const diff = diffResource.value;

  const error = [planResource, sitesResource, diffResource].find((resource) => resource.error !== undefined)?.error;
  // After a change or on retry: the plan and its versions again, and the sites or diff if they failed.
  const refresh = () => {
    planResource.reload();
    versionsResource.reload();
    for (const resource of [sitesResource, diffResource]) if (resource.error !== undefined) resource.reload();
  };

  useEffect(() => {
    if (plan !== undefined) document.title = `${plan.name} v${plan.version} · ${t('appTitle')}`;
  }, [plan?.name, plan?.version]);

  // Sites changed in the diff, highlighted on the map and in the table when the diff is of the viewed version.
  const changed = useMemo(() => (diff !== undefined && diff.to === viewed ? new Set(diff.sites.map((site) => site.id)) : NO_CHANGES), [diff, viewed]);

  if (plan === undefined) return error === undefined ? <p>{t('loading')}</p> : <ErrorNote error={error} onRetry={refresh} />;

  const record = planOfRecordOf(plan.planOfRecord);
  const canWrite = session.provinces.includes(plan.province);
  const showSites = sites !== undefined && sites.version === plan.version && (SOLVED.has(plan.status) || plan.summary?.provisional === true);
  const currency = sites?.dataset.currency ?? 'CNY';

  return (
    <article class="plan">
      <header class="plan-head">
        <h1>{plan.name}</h1>
        <p>
          {provinceName(plan.province, currentLang())} · {t('planVersion', { n: plan.version })}
          {plan.version === plan.latestVersion && <span class="badge">{t('latest')}</span>}
          {record === plan.version && <span class="badge record">{t('planOfRecord')}</span>}
        </p>
        <ReviewHeadline state={plan.review?.state ?? 'none'} history={plan.review?.history ?? []} />
      </header>
      {error !== undefined && <ErrorNote error={error} onRetry={refresh} />}
      {!FINAL.has(plan.status) && <Progress plan={plan} />}
      {plan.summary?.targets !== undefined && <TargetsPanel targets={plan.summary.targets} currency={currency} />}
      <Summary plan={plan} currency={currency} />
      {plan.status === 'infeasible' && plan.summary?.remedies !== undefined && <Remedies plan={plan} remedies={plan.summary.remedies} config={config} />}
      {showSites && (
        <>
          <SiteMap sites={sites.sites} dataset={sites.dataset} changed={changed} config={config} />
          {plan.summary !== undefined && <Charts phases={plan.summary.phases} dataset={sites.dataset} />}
          <SitesTable sites={sites.sites} dataset={sites.dataset} changed={changed} />
          <Downloads planId={planId} version={plan.version} />
        </>
      )}
      {FINAL.has(plan.status) && !SOLVED.has(plan.status) && <p class="card">{t('noSites')}</p>}
      {versions.length > 0 && (
        <Versions
          planId={planId}
          versions={versions}
          viewed={plan.version}
          currency={currency}
          compare={typeof compare?.from === 'number' && typeof compare.to === 'number' ? { from: compare.from, to: compare.to } : undefined}
          onCompare={(from, to) => setCompare({ from, to })}
        />
      )}
      {scenarios.length > 0 && (
        <Scenarios
          planId={planId}
          scenarios={scenarios}
          versions={versions}
          version={plan.version}
          currency={currency}
          latestRevision={plan.latestRevision}
          canWrite={canWrite}
          onCompare={(from, to) => setCompare({ from, to })}
          onAdopted={refresh}
        />
      )}
      {canWrite && sites !== undefined && <ScenarioForm planId={planId} phases={sites.dataset.phases} onCreated={() => scenariosResource.reload()} />}
      <p>
        <a href={`/plans/${planId}/curves`}>{t('curvesTitle')}</a>
      </p>
      {diff !== undefined && sites !== undefined && <DiffView diff={diff} sites={sites.sites} dataset={sites.dataset} />}
      <ReviewPanel
        planId={planId}
        version={plan.version}
        history={plan.review?.history ?? []}
        canReview={session.reviewer && FINAL.has(plan.status)}
        onReviewed={refresh}
      />
      {canWrite && (
        <ProvinceActions
          planId={planId}
          phases={plan.summary?.phases ?? sites?.dataset.phases ?? []}
          onChanged={refresh}
          onNewVersion={() => {
            setCompare(undefined);
            if (version === undefined) refresh();
            else navigate(`/plans/${planId}`);
          }}
        />
      )}
    </article>
  );
}
