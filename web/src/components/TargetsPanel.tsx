import { fmtMoney, fmtPercent, t } from '../i18n';
import type { TargetCell, TargetsMatrix } from '../types';

/** One cell of the matrix: covered / required, rate, and 达标 or 未达标 with the service areas missing. */
function CellText({ cell }: { cell: TargetCell }) {
  return (
    <>
      <span class="figures">
        {cell.covered} / {cell.required} · {fmtPercent(cell.rate)}
      </span>{' '}
      <strong class={cell.met ? 'met' : 'unmet'}>
        {cell.met ? t('met') : t('unmet')}
        {!cell.met && `（${t('shortfall', { n: cell.shortfall })}）`}
      </strong>
    </>
  );
}

/**
 * What a reader asks first, at the top of a plan or version: per phase how many
 * regions meet their target, the money (nominal first, the discounted total named
 * as such), and the matrix of regions x phases. On a phone the matrix becomes one
 * block per region (styles.css), so the page never scrolls sideways.
 */
export function TargetsPanel({ targets, currency }: { targets: TargetsMatrix; currency: string }) {
  const shown = targets.phases.filter((phase) => phase.hasTargets);
  const regions = [...new Map(targets.cells.map((cell) => [cell.region, cell.name])).entries()];
  const cellOf = new Map(targets.cells.map((cell) => [`${cell.phase}\u0000${cell.region}`, cell]));
  const { money } = targets;
  return (
    <section class="card targets" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('targetsTitle')}</h2>
      <ul class="target-counts">
        {targets.phases.map((phase) => (
          <li class={phase.hasTargets && phase.targetsMet < phase.targetsTotal ? 'unmet' : undefined}>
            {phase.hasTargets ? t('targetsCount', { phase: phase.phase, met: phase.targetsMet, total: phase.targetsTotal }) : t('targetsNone', { phase: phase.phase })}
          </li>
        ))}
      </ul>
      <dl class="summary money">
        <div>
          <dt>{t('nominalTotal')}</dt>
          <dd>{fmtMoney(money.nominal, currency)}</dd>
        </div>
        <div>
          <dt>
            <abbr title={t('discountedHelp')}>{t('discountedTotal', { rate: fmtPercent(money.discountRate) })}</abbr>
          </dt>
          <dd>{fmtMoney(money.discounted, currency)}</dd>
        </div>
        {money.planned !== undefined && (
          <>
            <div>
              <dt>{t('spentTotal')}</dt>
              <dd>{fmtMoney(money.spent, currency)}</dd>
            </div>
            <div>
              <dt>{t('plannedTotal')}</dt>
              <dd>{fmtMoney(money.planned, currency)}</dd>
            </div>
          </>
        )}
      </dl>
      {money.unreported !== undefined && money.unreported.length > 0 && <p class="note">{t('unreportedSpending', { ids: money.unreported.join('、') })}</p>}
      {shown.length > 0 && (
        <table class="data matrix">
          <caption>{t('targetsMatrix')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('region')}</th>
              {shown.map((phase) => (
                <th scope="col">{phase.phase}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {regions.map(([region, name]) => (
              <tr>
                <th scope="row" title={region}>
                  {name}
                </th>
                {shown.map((phase) => {
                  const cell = cellOf.get(`${phase.phase}\u0000${region}`);
                  return (
                    <td data-label={phase.phase} class={cell !== undefined && !cell.met ? 'unmet' : undefined}>
                      {cell === undefined ? '–' : <CellText cell={cell} />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
