import type { ValidationResult } from './types.js';

/** Checks a data set against SPEC v1 section 1, listing every problem with its JSON path. */
export function validateDataset(_input: unknown): ValidationResult {
  throw new Error('validateDataset: not implemented yet');
}
