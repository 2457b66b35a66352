/**
 * Sizes the API accepts beyond the data set's own limits (SPEC section 1), in
 * one place: the handlers check them before anything is written, so no item
 * can reach DynamoDB's 400 KB limit.
 */
export const LIMITS = {
  /** A reviewer's comment on a decision. */
  reviewCommentChars: 4000,
  /**
   * The caller's token subject, stored with every revision, report and review.
   * Cognito's are UUIDs (36); a longer one is refused as an invalid token.
   */
  subjectChars: 256,
  /** Scenarios a plan keeps (SPEC 8); one more is refused with 409. */
  scenariosPerPlan: 50,
  /** Trade-off curves a plan keeps (each of at most 21 points); one more is refused with 409. */
  curvesPerPlan: 20,
} as const;
