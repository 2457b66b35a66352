import type { OverviewRow } from './types';

/** Where a province stands, for the tile map's colour and the overview's filter. */
export type ProvinceProgress = 'waiting' | 'unmet' | 'met' | 'pending' | 'none';

export const PROGRESS_ORDER: readonly ProvinceProgress[] = ['waiting', 'unmet', 'met', 'pending', 'none'];

export function progressOf(row: OverviewRow): ProvinceProgress {
  if (row.planId === null) return 'none';
  if (row.waitingForReview) return 'waiting';
  if (row.targetsMet === null) return 'pending';
  return row.targetsMet ? 'met' : 'unmet';
}
