import { diffFile, download } from '../api';
import { fmtMoney, fmtNumber, fmtPercent, label, t } from '../i18n';
import { buildPhaseLabel } from '../phases';
import type { DatasetContext, PlanDiff, SiteChange, SiteRow } from '../types';

/** A site's state in one version: its build phase and piles per phase. */
const describeState = (state: SiteChange['from']) => `${buildPhaseLabel(state.buildPhase)} · ${Object.entries(state.piles).map(([phase, piles]) => `${phase}: ${piles}`).join(', ')}`;

/** A version by its number (v2), a scenario by its id (s1). */
const sideName = (side: number | string) => (typeof side === 'number' ? `v${side}` : side);

const signed = (text: string, delta: number | null) => (delta !== null && delta > 0 ? `+${text}` : text);

/** What changed between two versions: total cost, each changed site, spending and coverage per phase. */
export function DiffView({ diff, sites, dataset }: { diff: PlanDiff; sites: SiteRow[]; dataset: DatasetContext }) {
  const names = new Map(sites.map((site) => [site.id, site.name ?? site.id]));
  const regionName = (id: string) => dataset.regions.find((region) => region.id === id)?.name ?? id;
  const inputs = Object.entries(diff.inputsChanged)
    .filter(([, changed]) => changed === true)
    .map(([name]) => label('input', name));
  // A scenario side names its changes (SPEC 8).
  const scenario = diff.inputsChanged.scenario;
  if (scenario !== undefined) inputs.push(...[...(scenario.from ?? []), ...(scenario.to ?? [])]);
  const csv = diffFile(diff.planId, diff.from, diff.to);
  const coverage = diff.coverage.filter((row) => row.from?.rate !== row.to?.rate);
  // The nominal total (the phases' spending summed) first: a phase closed by a re-plan changes the discounted total, not the money.
  const total = (side: 'from' | 'to'): number | null => {
    const known = diff.phases.flatMap((phase) => (phase.capex[side] === null ? [] : [phase.capex[side]!]));
    return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0);
  };
  const [nominalFrom, nominalTo] = [total('from'), total('to')];
  const nominalDelta = nominalFrom === null || nominalTo === null ? null : nominalTo - nominalFrom;
  return (
    <section class="card diff" aria-labelledby="diff-title" id="diff">
      <h2 id="diff-title">
        {t('diffTitle')}: {sideName(diff.from)} → {sideName(diff.to)}
      </h2>
      <dl class="summary">
        <div>
          <dt>{t('nominalDelta')}</dt>
          <dd>
            {fmtMoney(nominalFrom, dataset.currency)} → {fmtMoney(nominalTo, dataset.currency)} ({signed(fmtMoney(nominalDelta, dataset.currency), nominalDelta)})
          </dd>
        </div>
        <div>
          <dt>{t('objectiveDelta')}</dt>
          <dd>
            {fmtMoney(diff.objective.from, dataset.currency)} → {fmtMoney(diff.objective.to, dataset.currency)} ({signed(fmtMoney(diff.objective.delta, dataset.currency), diff.objective.delta)})
          </dd>
        </div>
        <div>
          <dt>{t('inputsChanged')}</dt>
          <dd>{inputs.length === 0 ? '–' : inputs.join(', ')}</dd>
        </div>
      </dl>
      <p>
        {diff.sites.length === 0 ? t('diffNone') : t('diffSites', { n: diff.sites.length })}{' '}
        <a
          class="button"
          href={csv.href}
          onClick={(event) => {
            event.preventDefault();
            void download(csv);
          }}
        >
          {t('downloadDiffCsv')}
        </a>
      </p>
      <div class="diff-tables">
        {diff.sites.length > 0 && (
          <div class="table-wrap">
            <table class="data">
              <caption>{t('diffSites', { n: diff.sites.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">id</th>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('delta')}</th>
                  <th scope="col">{t('from')}</th>
                  <th scope="col">{t('to')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.sites.map((change) => (
                  <tr class="changed">
                    <td>{change.id}</td>
                    <td>{names.get(change.id) ?? change.id}</td>
                    <td>{label('kind', change.kind)}</td>
                    <td>{describeState(change.from)}</td>
                    <td>{describeState(change.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="table-wrap">
          <table class="data">
            <caption>{t('capexDelta')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filterPhase')}</th>
                <th scope="col" class="num">{t('from')}</th>
                <th scope="col" class="num">{t('to')}</th>
                <th scope="col" class="num">{t('delta')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.phases.map((phase) => (
                <tr>
                  <td>{phase.id}</td>
                  <td class="num">{fmtMoney(phase.capex.from, dataset.currency)}</td>
                  <td class="num">{fmtMoney(phase.capex.to, dataset.currency)}</td>
                  <td class="num">{signed(fmtMoney(phase.capex.delta, dataset.currency), phase.capex.delta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {coverage.length > 0 && (
          <div class="table-wrap">
            <table class="data">
              <caption>{t('coverageDelta')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('filterPhase')}</th>
                  <th scope="col">{t('filterRegion')}</th>
                  <th scope="col" class="num">{t('from')}</th>
                  <th scope="col" class="num">{t('to')}</th>
                  <th scope="col" class="num">{t('delta')}</th>
                </tr>
              </thead>
              <tbody>
                {coverage.map((row) => {
                  const delta = row.from === null || row.to === null ? null : row.to.rate - row.from.rate;
                  // A change that leaves the region short of its target is red.
                  const unmet = row.to !== null && row.to.required !== null && row.to.covered < row.to.required;
                  return (
                    <tr class={unmet ? 'unmet' : undefined} data-region={row.region} data-phase={row.phase}>
                      <td>{row.phase}</td>
                      <td>{regionName(row.region)}</td>
                      <td class="num">{row.from === null ? '–' : `${fmtPercent(row.from.rate)} (${fmtNumber(row.from.covered)})`}</td>
                      <td class="num">
                        {row.to === null ? '–' : `${fmtPercent(row.to.rate)} (${fmtNumber(row.to.covered)})`}
                        {unmet && <strong class="unmet"> {t('diffLeavesUnmet')}</strong>}
                      </td>
                      <td class="num">{delta === null ? '–' : signed(fmtPercent(delta), delta)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
