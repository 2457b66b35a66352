import { label, t } from './i18n';
import type { SiteRow } from './types';

/**
 * The colour of a service area by its build phase, shared by the map, its
 * legend and the charts. Each colour keeps at least 3:1 contrast against the
 * map's light background (WCAG non-text contrast).
 */
export const EXISTING_COLOUR = '#37474f';
export const NEVER_COLOUR = '#757575';
export const EXCLUDED_COLOUR = '#424242';
export const CHANGED_COLOUR = '#c2185b';
const PHASE_COLOURS = ['#1565c0', '#2e7d32', '#e65100', '#6a1b9a', '#c62828', '#00838f', '#ad1457', '#4e342e', '#283593', '#558b2f'];

export function phaseColour(phaseIds: string[], phaseId: string): string {
  const index = phaseIds.indexOf(phaseId);
  return PHASE_COLOURS[(index < 0 ? 0 : index) % PHASE_COLOURS.length]!;
}

/** The legend's categories in reading order: existing, each phase, never built, excluded. */
export type Category = 'existing' | 'never' | 'excluded' | { phase: string };

export function categoryOf(site: SiteRow): Category {
  if (site.status === 'excluded') return 'excluded';
  if (site.buildPhase === 'existing') return 'existing';
  if (site.buildPhase === null) return 'never';
  return { phase: site.buildPhase };
}

export function categoryKey(category: Category): string {
  return typeof category === 'string' ? category : `phase:${category.phase}`;
}

export function categoryLabel(category: Category): string {
  return typeof category === 'string' ? label('phase', category) : t('phaseN', { id: category.phase });
}

export function categoryStyle(category: Category, phaseIds: string[]): { fill: string; stroke: string; hollow: boolean; dashed: boolean } {
  if (category === 'existing') return { fill: EXISTING_COLOUR, stroke: EXISTING_COLOUR, hollow: false, dashed: false };
  if (category === 'never') return { fill: '#ffffff', stroke: NEVER_COLOUR, hollow: true, dashed: false };
  if (category === 'excluded') return { fill: '#ffffff', stroke: EXCLUDED_COLOUR, hollow: true, dashed: true };
  const colour = phaseColour(phaseIds, category.phase);
  return { fill: colour, stroke: colour, hollow: false, dashed: false };
}

/** The build phase as a reader says it: "existing", "phase 2024", "never built". */
export function buildPhaseLabel(buildPhase: string | null): string {
  if (buildPhase === null) return label('phase', 'never');
  if (buildPhase === 'existing') return label('phase', 'existing');
  return t('phaseN', { id: buildPhase });
}
