import { useState } from 'preact/hooks';
import { getProgress, regeneratePlan } from '../api';
import { t } from '../i18n';
import { useResource } from '../resource';
import { ErrorNote } from './ErrorNote';

/** Phases a re-plan as of `asOf` closes: those whose year is before the date's year (SPEC 6.3). */
export const closedBy = (phases: readonly { id: string; year: number }[], asOf: string): { id: string; year: number }[] => {
  const year = Number(asOf.slice(0, 4));
  return Number.isInteger(year) ? phases.filter((phase) => phase.year < year) : [];
};

/**
 * Re-plan as of a date, without surprises: before it runs the form says which
 * phases the date closes, and asks to confirm when it closes every phase or one
 * whose spending the latest progress report does not give.
 */
export function ReplanForm({ planId, phases, onNewVersion }: { planId: string; phases: readonly { id: string; year: number }[]; onNewVersion: (version: number) => void }) {
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();
  // The latest progress report's spending by phase (none without a report), read again when the date changes:
  // a report uploaded since the page opened counts.
  const spent = useResource((signal) => getProgress(planId, { signal }).then((view) => view.report.spent ?? {}, () => ({}) as Record<string, number>), [planId, asOf]).value ?? {};

  const closing = closedBy(phases, asOf);
  const unreported = closing.filter((phase) => spent[phase.id] === undefined).map((phase) => phase.id);
  const closesAll = phases.length > 0 && closing.length === phases.length;
  const mustConfirm = closesAll || unreported.length > 0;

  async function replan(event: Event) {
    event.preventDefault();
    if (mustConfirm && !confirmed) return;
    setBusy(true);
    setMessage(undefined);
    setError(undefined);
    try {
      const answer = await regeneratePlan(planId, asOf === '' ? undefined : asOf);
      if ('unchanged' in answer) setMessage(t('replanUnchanged'));
      else onNewVersion(answer.version);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="action" onSubmit={replan}>
      <h3>{t('replan')}</h3>
      <label for="replan-as-of">{t('replanAsOf')}</label>
      <input
        id="replan-as-of"
        type="date"
        value={asOf}
        aria-describedby="replan-closes"
        onInput={(event) => {
          setAsOf(event.currentTarget.value);
          setConfirmed(false);
        }}
      />
      <p id="replan-closes" class={mustConfirm ? 'unmet' : 'note'}>
        {closing.length === 0 ? t('replanClosesNone') : t('replanCloses', { ids: closing.map((phase) => phase.id).join('、'), n: closing.length, total: phases.length })}
        {closesAll && ` ${t('replanClosesAll')}`}
        {unreported.length > 0 && ` ${t('replanUnreported', { ids: unreported.join('、') })}`}
      </p>
      {mustConfirm && (
        <label>
          <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} /> {t('replanConfirm')}
        </label>
      )}
      <button type="submit" class="primary" disabled={busy || (mustConfirm && !confirmed)}>
        {t('replan')}
      </button>
      {message !== undefined && <p role="status">{message}</p>}
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}
