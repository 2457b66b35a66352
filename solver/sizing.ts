import type { Dataset, SiteSizing } from './types.js';

/** Demand and pile need per service area and phase (SPEC section 2), in service-area order. */
export function sizeDataset(_dataset: Dataset): SiteSizing[] {
  throw new Error('sizeDataset: not implemented yet');
}
