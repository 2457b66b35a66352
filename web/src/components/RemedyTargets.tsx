import { fmtPercent, t } from '../i18n';
import type { Names } from '../remedies';
import type { PhaseSummary } from '../types';

/**
 * The best plan within the budgets on a targets matrix: each region (by name)
 * against each phase that states targets, covered of required, and whether it
 * meets the target in words as well as in colour.
 */
export function RemedyTargets({ phases, names }: { phases: PhaseSummary[]; names: Names }) {
  const targeted = phases.filter((phase) => phase.coverage.some((row) => row.required !== null));
  const regions = targeted[0]?.coverage.map((row) => row.region) ?? [];
  if (targeted.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="remedy-targets">
        <caption>{t('remedyMatrix')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('remedyRegion')}</th>
            {targeted.map((phase) => (
              <th scope="col">{t('phaseN', { id: phase.id })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => (
            <tr>
              <th scope="row">{names.region(region)}</th>
              {targeted.map((phase) => {
                const row = phase.coverage.find((cell) => cell.region === region);
                if (row === undefined || row.required === null) return <td>–</td>;
                const met = row.met ?? row.covered >= row.required;
                return (
                  <td class={met ? 'met' : 'unmet'} data-region={region} data-phase={phase.id}>
                    {row.covered} / {row.required} · {fmtPercent(row.rate)} · {met ? t('remedyMet') : t('remedyMissed')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
