/**
 * Sizes the API accepts beyond the data set's own limits (SPEC section 1), in
 * one place: the handlers check them before anything is written, so no item
 * can reach DynamoDB's 400 KB limit.
 */
export const LIMITS = {
  /** A reviewer's comment on a decision. */
  reviewCommentChars: 4000,
} as const;
