import { getPlan } from '../api';
import { t } from '../i18n';
import { useResource } from '../resource';
import { FINAL, type PhaseTargets, type VersionListItem } from '../types';

/** Per version (by number), its phases' target counts once it has a plan summary. */
export type TargetsByVersion = ReadonlyMap<number, readonly PhaseTargets[]>;

/**
 * The targets of every finished version in the list: as the versions list
 * carries them (stored when the version was solved), and only for a version
 * solved before they were stored, read from its plan; a version that cannot
 * be read shows nothing rather than an error.
 */
export function useVersionTargets(planId: string, versions: readonly VersionListItem[]): TargetsByVersion {
  const listed = versions.flatMap((version): [number, readonly PhaseTargets[]][] => (version.targets === undefined ? [] : [[version.version, version.targets]]));
  const older = versions.filter((version) => version.targets === undefined && FINAL.has(version.status)).map((version) => version.version);
  const resource = useResource(
    (signal) =>
      Promise.all(
        older.map((version) =>
          getPlan(planId, version, { signal }).then(
            (plan): [number, readonly PhaseTargets[]] => [version, plan.summary?.targets?.phases ?? []],
            (): [number, readonly PhaseTargets[]] => [version, []],
          ),
        ),
      ),
    [planId, older.join(',')],
  );
  return new Map([...listed, ...(resource.value ?? [])]);
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
