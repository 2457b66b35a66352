import { useState } from 'preact/hooks';
import { ApiError, createScenario } from '../api';
import { currentLang, t } from '../i18n';
import type { DatasetContext, ScenarioChangesView } from '../types';
import { errorText } from '../messages';
import { IssueList } from './IssueList';

type Phase = DatasetContext['phases'][number];

/** A number field's value, or undefined when left empty. */
const numberOf = (form: FormData, name: string): number | undefined => {
  const text = String(form.get(name) ?? '').trim();
  return text === '' ? undefined : Number(text);
};

/** Per phase id, the fields filled in; undefined when none is. */
function perPhase<T>(phases: Phase[], read: (phase: Phase) => T | undefined): Record<string, T> | undefined {
  const entries = phases.flatMap((phase) => {
    const value = read(phase);
    return value === undefined ? [] : [[phase.id, value] as const];
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The changes the form states: only the fields filled in (SPEC 8). */
export function changesOf(form: FormData, phases: Phase[]): ScenarioChangesView {
  const changes: ScenarioChangesView = {};
  const all = numberOf(form, 'budgetScale');
  const byPhase = perPhase(phases, (phase) => numberOf(form, `budgetScale.${phase.id}`));
  if (all !== undefined) changes.budgetScale = all;
  else if (byPhase !== undefined) changes.budgetScale = byPhase;
  const evShareScale = numberOf(form, 'evShareScale');
  if (evShareScale !== undefined) changes.evShareScale = evShareScale;
  const trafficGrowth = numberOf(form, 'trafficGrowth');
  if (trafficGrowth !== undefined) changes.trafficGrowth = trafficGrowth;
  const costs = Object.fromEntries((['perPile', 'site', 'gridPerKw'] as const).flatMap((key) => (numberOf(form, `costs.${key}`) === undefined ? [] : [[key, numberOf(form, `costs.${key}`)!]])));
  if (Object.keys(costs).length > 0) changes.costs = costs;
  const targets = perPhase(phases, (phase) => {
    const stated = Object.fromEntries((['priority', 'standard'] as const).flatMap((cls) => (numberOf(form, `targets.${phase.id}.${cls}`) === undefined ? [] : [[cls, numberOf(form, `targets.${phase.id}.${cls}`)!]])));
    return Object.keys(stated).length === 0 ? undefined : stated;
  });
  if (targets !== undefined) changes.targets = targets;
  const gaps = perPhase(phases, (phase) => numberOf(form, `maxGapKm.${phase.id}`));
  if (gaps !== undefined) changes.maxGapKm = gaps;
  return changes;
}

function Field({ name, label, placeholder }: { name: string; label: string; placeholder?: string | number | null }) {
  return (
    <label>
      {label}
      <input name={name} type="number" step="any" inputMode="decimal" placeholder={placeholder === null || placeholder === undefined ? '' : String(placeholder)} />
    </label>
  );
}

/** "新建情景": a form for each change of SPEC 8; the scenario is checked by the API, its problems shown by path. */
export function ScenarioForm({ planId, phases, onCreated }: { planId: string; phases: Phase[]; onCreated: (scenarioId: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const budgeted = phases.filter((phase) => phase.budget !== null);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const asOf = String(form.get('asOf') ?? '');
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await createScenario(planId, { name: String(form.get('name') ?? ''), changes: changesOf(form, phases), ...(asOf === '' ? {} : { asOf }) });
      (event.target as HTMLFormElement).reset();
      onCreated(created.scenarioId);
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card scenario-form">
      <summary>{t('newScenario')}</summary>
      <form onSubmit={(event) => void onSubmit(event)} aria-label={t('newScenario')}>
        <p>{t('scenarioHelp')}</p>
        <label>
          {t('scenarioName')}
          <input name="name" required maxLength={200} />
        </label>
        <fieldset>
          <legend>{t('budgetScaleAll')}</legend>
          {budgeted.length > 0 && <Field name="budgetScale" label={t('budgetScaleAll')} placeholder="0.8" />}
          {budgeted.map((phase) => (
            <Field name={`budgetScale.${phase.id}`} label={t('budgetScalePhase', { id: phase.id })} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('evShareScale')}</legend>
          <Field name="evShareScale" label={t('evShareScale')} placeholder="1.25" />
          <Field name="trafficGrowth" label={t('trafficGrowth')} placeholder="0.05" />
        </fieldset>
        <fieldset>
          <legend>{t('capex')}</legend>
          <Field name="costs.perPile" label={t('costPerPile')} />
          <Field name="costs.site" label={t('costSite')} />
          <Field name="costs.gridPerKw" label={t('costGrid')} />
        </fieldset>
        <fieldset>
          <legend>{t('targetPriority', { id: '' })}</legend>
          {phases.map((phase) => (
            <>
              <Field name={`targets.${phase.id}.priority`} label={t('targetPriority', { id: phase.id })} placeholder={phase.targets?.priority} />
              <Field name={`targets.${phase.id}.standard`} label={t('targetStandard', { id: phase.id })} placeholder={phase.targets?.standard} />
              <Field name={`maxGapKm.${phase.id}`} label={t('maxGapPhase', { id: phase.id })} placeholder={phase.maxGapKm} />
            </>
          ))}
        </fieldset>
        <label>
          {t('scenarioAsOf')}
          <input name="asOf" type="date" />
        </label>
        <button type="submit" disabled={busy}>
          {t('scenarioGo')}
        </button>
        {failure !== undefined && (failure.issues.length > 0 ? <IssueList issues={failure.issues} /> : <p class="error" role="alert">{errorText(failure, currentLang())}</p>)}
      </form>
    </details>
  );
}
