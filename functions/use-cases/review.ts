import { requireReviewer, type Caller } from '../lib/auth.js';
import { ForbiddenError, PlanStateError, ValidationFailedError, says } from '../lib/errors.js';
import { LIMITS } from '../lib/limits.js';
import type { PlanRecord, ReviewDecision, ReviewEntry, VersionRecord } from '../lib/records.js';
import { isUnfinished, reviewStateOf } from '../lib/rules.js';
import { issueOf } from '../../solver/messages.js';
import type { StoreDeps } from './deps.js';

/** Validates a review body: a decision, and a comment (required to request changes). */
export function parseReviewBody(body: unknown): { decision: ReviewDecision; comment: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailedError([issueOf('', 'request.reviewShape')]);
  }
  const record = body as Record<string, unknown>;
  const issues = Object.keys(record).filter((name) => name !== 'decision' && name !== 'comment').map((name) => issueOf(name, 'request.unknownField'));
  const { decision, comment } = record;
  if (decision !== 'approve' && decision !== 'request-changes') issues.push(issueOf('decision', 'request.decision'));
  if (comment !== undefined && typeof comment !== 'string') issues.push(issueOf('comment', 'field.wrongType', { expected: 'string' }));
  else if (typeof comment === 'string' && comment.length > LIMITS.reviewCommentChars) issues.push(issueOf('comment', 'request.maxChars', { max: LIMITS.reviewCommentChars }));
  if (decision === 'request-changes' && (typeof comment !== 'string' || comment.trim() === '')) issues.push(issueOf('comment', 'request.commentRequired'));
  if (issues.length > 0) throw new ValidationFailedError(issues);
  return { decision: decision as ReviewDecision, comment: typeof comment === 'string' ? comment : '' };
}

/**
 * The review rule (separation of duties): whoever submitted the data set
 * revision a version was solved from, sent the progress report it counts, or
 * asked for it by hand (a re-plan), may not review that version, whatever groups
 * their token holds. A scheduled re-plan has no requester: the people who
 * supplied its data (revision and report) are the ones kept out.
 */
async function requireSeparateReviewer(deps: StoreDeps, caller: Caller, record: VersionRecord): Promise<void> {
  if (record.requestedBy === caller.subject) {
    throw new ForbiddenError(`You asked for version ${record.version} (a re-plan by hand): another reviewer must review it`);
  }
  const revision = record.dataRevision ?? 1;
  const [dataset, report] = await Promise.all([
    deps.repo.getRevision(record.planId, revision),
    record.progressReportId == null ? Promise.resolve(undefined) : deps.repo.getReport(record.planId, record.progressReportId),
  ]);
  if (dataset?.submittedBy === caller.subject) {
    throw new ForbiddenError(says('error.reviewOwnRevision', { revision, version: record.version }));
  }
  if (report?.receivedBy === caller.subject) {
    throw new ForbiddenError(says('error.reviewOwnProgress', { version: record.version }));
  }
}

/**
 * Records a reviewer's decision on a solved version (SPEC 6.6): kept beside every
 * earlier one; the version's state is its latest decision, and the plan of record
 * is the latest version whose state is approved. Returns the version's decisions, oldest first.
 */
export async function reviewVersion(
  deps: StoreDeps,
  caller: Caller,
  plan: PlanRecord,
  record: VersionRecord,
  body: unknown,
): Promise<ReviewEntry[]> {
  requireReviewer(caller);
  const { decision, comment } = parseReviewBody(body);
  if (isUnfinished(record.status)) {
    throw new PlanStateError(says('error.reviewUnsolved', { version: record.version, status: record.status }));
  }
  await requireSeparateReviewer(deps, caller, record);
  const at = deps.clock().toISOString();
  await deps.repo.addReview(plan.planId, { version: record.version, decision, comment, reviewer: caller.subject, at });
  const all = await deps.repo.listAllReviews(plan.planId);
  const states = new Map<number, ReviewDecision>();
  for (const entry of all) states.set(entry.version, entry.decision);
  const approved = [...states].filter(([, d]) => d === 'approve').map(([v]) => v);
  const fresh = (await deps.repo.getPlan(plan.planId)) ?? plan;
  const lastVersion = Math.max(...states.keys());
  await deps.repo.setReviewState({
    planId: plan.planId,
    version: record.version,
    state: reviewStateOf(decision),
    planOfRecord: approved.length === 0 ? null : Math.max(...approved),
    latestReviewState: reviewStateOf(states.get(fresh.latestVersion)),
    lastReviewed: { version: lastVersion, state: reviewStateOf(states.get(lastVersion)) },
    now: at,
  });
  deps.log.info('version reviewed', { planId: plan.planId, province: plan.province, version: record.version, decision });
  return all.filter((entry) => entry.version === record.version);
}
