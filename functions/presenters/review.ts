import type { ReviewView } from './shapes.js';
import type { ReviewEntry } from '../lib/records.js';
import { reviewStateOf } from '../lib/rules.js';

/** A version's review as the API shows it (SPEC 6.6): its state (the latest decision) and every decision, oldest first. */
export function presentReview(history: ReviewEntry[]): ReviewView {
  return { state: reviewStateOf(history.at(-1)?.decision), history };
}
