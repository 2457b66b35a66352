import { useState } from 'preact/hooks';
import { adoptDataset, getScenario, reportFile } from '../api';
import { fmtMoney, t } from '../i18n';
import type { ScenarioView, VersionView } from '../types';
import { FileLink } from './Downloads';
import { StatusBadge } from './StatusBadge';
// Scenarios the report's comparison page holds beside the plan (the API refuses more: 400 on `scenarios`).
import { REPORT_SCENARIOS_MAX } from '../../../solver/formats/report-limits';

/** A scenario's changes as short readable lines (`budgetScale 0.8`, `targets 2025 priority 0.9`). */
export function changeLines(changes: ScenarioView['changes']): string[] {
  return Object.entries(changes).flatMap(([name, value]) => {
    if (typeof value !== 'object' || value === null) return [`${name} ${value}`];
    return Object.entries(value).flatMap(([key, inner]) =>
      typeof inner === 'object' && inner !== null ? Object.entries(inner).map(([cls, v]) => `${name} ${key} ${cls} ${v}`) : [`${name} ${key} ${inner}`],
    );
  });
}

type Side = number | string;
const sideName = (side: Side) => (typeof side === 'number' ? `v${side}` : side);

/**
 * The plan's scenarios beside its versions: their figures once solved, each
 * opening its plan, "采纳" (adopt: the scenario's data set as the plan's next
 * revision, for the province) and the choice of any two versions or scenarios to compare.
 */
export function Scenarios({
  planId,
  scenarios,
  versions,
  version,
  currency,
  latestRevision,
  canWrite,
  onCompare,
  onAdopted,
}: {
  planId: string;
  scenarios: ScenarioView[];
  versions: VersionView[];
  /** The version on show: the report with the ticked scenarios is its report. */
  version: number;
  currency: string;
  latestRevision: number;
  canWrite: boolean;
  onCompare: (from: Side, to: Side) => void;
  onAdopted: () => void;
}) {
  const sides: Side[] = [...versions.map((version) => version.version), ...scenarios.map((scenario) => scenario.scenarioId)];
  const [from, setFrom] = useState<Side>(versions[0]?.version ?? 1);
  const [to, setTo] = useState<Side>(scenarios.at(-1)?.scenarioId ?? versions[0]?.version ?? 1);
  const [note, setNote] = useState<string>();
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen.filter((other) => other !== id), id] : chosen.filter((other) => other !== id));
  const parse = (value: string): Side => (/^\d+$/.test(value) ? Number(value) : value);
  const adopt = async (scenario: ScenarioView) => {
    const { dataset } = await getScenario(planId, scenario.scenarioId, { dataset: true });
    if (dataset === undefined) return;
    const revision = await adoptDataset(planId, dataset);
    setNote(t('adopted', { n: revision.revision }));
    onAdopted();
  };
  return (
    <section class="card" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{t('scenariosTitle')}</h2>
      <div class="table-wrap">
        <table class="data scenarios">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('changes')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" class="num">{t('capex')}</th>
              <th scope="col" class="num">{t('rulesMet')}</th>
              <th scope="col" class="num">{t('extraBudget')}</th>
              {canWrite && <th scope="col">{t('adopt')}</th>}
              <th scope="col">{t('reportPick')}</th>
            </tr>
          </thead>
          <tbody>
            {scenarios.map((scenario) => (
              <tr>
                <td>
                  <a href={`/plans/${planId}/scenarios/${scenario.scenarioId}`}>{scenario.scenarioId}</a>
                </td>
                <td>{scenario.name}</td>
                <td>{changeLines(scenario.changes).join('; ') || '–'}</td>
                <td>
                  <StatusBadge status={scenario.status} />
                </td>
                <td class="num">{fmtMoney(scenario.figures?.capex, currency)}</td>
                <td class="num">{scenario.figures?.rulesMet == null ? '–' : `${scenario.figures.rulesMet} / ${scenario.figures.rulesTotal}`}</td>
                <td class="num">{fmtMoney(scenario.figures?.extraBudget, currency)}</td>
                {canWrite && (
                  <td>
                    {scenario.dataRevision === latestRevision ? (
                      <button type="button" onClick={() => void adopt(scenario)}>
                        {t('adopt')}
                      </button>
                    ) : (
                      <span title={t('adoptStale')}>–</span>
                    )}
                  </td>
                )}
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('reportPickOne', { id: scenario.scenarioId })}
                    checked={chosen.includes(scenario.scenarioId)}
                    disabled={!chosen.includes(scenario.scenarioId) && chosen.length >= REPORT_SCENARIOS_MAX}
                    onChange={(event) => toggle(scenario.scenarioId, event.currentTarget.checked)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="scenario-report">
        {t('reportScenariosHelp', { n: REPORT_SCENARIOS_MAX, v: version })}{' '}
        {chosen.length > 0 && <FileLink file={reportFile(planId, version, chosen)} text={t('reportScenarios')} />}
      </p>
      {note !== undefined && (
        <p role="status" class="note">
          {note}
        </p>
      )}
      <form
        class="compare"
        onSubmit={(event) => {
          event.preventDefault();
          onCompare(from, to);
        }}
      >
        <label>
          {t('compareFrom')}
          <select name="from" value={String(from)} onChange={(event) => setFrom(parse(event.currentTarget.value))}>
            {sides.map((side) => (
              <option value={String(side)}>{sideName(side)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('compareTo')}
          <select name="to" value={String(to)} onChange={(event) => setTo(parse(event.currentTarget.value))}>
            {sides.map((side) => (
              <option value={String(side)}>{sideName(side)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('compareWith')}</button>
      </form>
    </section>
  );
}
