import { getPlan } from '../api';
import { t } from '../i18n';
import { useResource } from '../resource';
import { FINAL, type PhaseTargets, type VersionView } from '../types';

/** Per version (by number), its phases' target counts once it has a plan summary. */
export type TargetsByVersion = ReadonlyMap<number, readonly PhaseTargets[]>;

/**
 * The targets of every finished version in the list, each read from its plan
 * (the versions list carries the figures of the solve, not the targets); a
 * version that cannot be read shows nothing rather than an error.
 */
export function useVersionTargets(planId: string, versions: readonly VersionView[]): TargetsByVersion {
  const finished = versions.filter((version) => FINAL.has(version.status)).map((version) => version.version);
  const resource = useResource(
    (signal) =>
      Promise.all(
        finished.map((version) =>
          getPlan(planId, version, { signal }).then(
            (plan): [number, readonly PhaseTargets[]] => [version, plan.summary?.targets?.phases ?? []],
            (): [number, readonly PhaseTargets[]] => [version, []],
          ),
        ),
      ).then((pairs) => new Map(pairs)),
    [planId, finished.join(',')],
  );
  return resource.value ?? new Map();
}

/** A version's targets in a table cell: the phases whose regions do not all meet their target, in red, else that every target is met. */
export function VersionTargetsCell({ phases }: { phases: readonly PhaseTargets[] | undefined }) {
  const stated = (phases ?? []).filter((phase) => phase.hasTargets);
  if (stated.length === 0) return <>–</>;
  const unmet = stated.filter((phase) => phase.targetsMet < phase.targetsTotal);
  if (unmet.length === 0) return <span class="met">{t('versionTargetsMet')}</span>;
  return (
    <ul class="version-unmet">
      {unmet.map((phase) => (
        <li class="unmet" data-phase={phase.phase}>
          {t('versionTargetsUnmet', { phase: phase.phase, met: phase.targetsMet, total: phase.targetsTotal })}
        </li>
      ))}
    </ul>
  );
}
