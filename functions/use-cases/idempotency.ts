import { IdempotencyKeyReusedError } from '../lib/errors.js';
import type { PlanWrite } from '../lib/item-keys.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import { canonicalJson, sha256 } from '../lib/table-io.js';

/*
 * The one way every write honours an Idempotency-Key. The key is claimed with
 * the write's target (a new plan id, a report id), chosen before anything is
 * written, so a retry or a concurrent duplicate completes the same write
 * instead of making a second one; a key used with another body is refused.
 */

/** A claimed key: the body it was claimed with, the write's target, and the answer once recorded. */
export interface KeyClaim {
  bodyHash: string;
  target: string;
  /** The JSON answer of the completed write, when its records keep answers. */
  result?: string;
}

/** Where one key's record lives. */
export interface KeyRecords {
  find(): Promise<KeyClaim | undefined>;
  /** Claims the key; `claimed` is false when another request claimed it first (then the claim is theirs). */
  claim(claim: { bodyHash: string; target: string; now: string }): Promise<KeyClaim & { claimed: boolean }>;
  /** Records the answer of a completed write, so a retry replays it; without it, a retry runs the write again. */
  complete?(result: unknown): Promise<void>;
}

/** A submission's key, per province: it keeps the plan id only, so a retry is answered from the plan as it is now. */
export function submissionKeys(repo: PlanRepository, province: string, key: string): KeyRecords {
  const toClaim = (record: { planId: string; bodyHash: string }): KeyClaim => ({ bodyHash: record.bodyHash, target: record.planId });
  return {
    find: async () => {
      const found = await repo.findIdempotencyKey(province, key);
      return found === undefined ? undefined : toClaim(found);
    },
    claim: async ({ bodyHash, target, now }) => {
      const claim = await repo.claimIdempotencyKey({ province, key, bodyHash, planId: target, now });
      return { ...toClaim(claim), claimed: claim.claimed };
    },
  };
}

/** A write to a plan's key, per plan and action: it keeps the write's answer. */
export function planWriteKeys(repo: PlanRepository, planId: string, write: PlanWrite, key: string): KeyRecords {
  return {
    find: () => repo.findWriteKey(planId, write, key),
    claim: (claim) => repo.claimWriteKey(planId, write, key, claim),
    complete: (result) => repo.completeWriteKey(planId, write, key, result),
  };
}

/**
 * Runs `work` at most once per key: with the claimed target, and told whether
 * the claim is an earlier request's (a retry, or a concurrent duplicate). A
 * write whose answer was recorded is answered from it (`replayed`). Without a
 * key (`records` undefined) the work just runs.
 */
export async function once<T>(
  records: KeyRecords | undefined,
  request: { key: string | undefined; body: unknown; now: string; newTarget: () => string },
  work: (target: string, earlier: boolean) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (records === undefined || request.key === undefined) return { result: await work(request.newTarget(), false), replayed: false };
  const bodyHash = sha256(canonicalJson(request.body ?? null));
  const found = await records.find();
  const claim = found === undefined ? await records.claim({ bodyHash, target: request.newTarget(), now: request.now }) : { ...found, claimed: false };
  if (claim.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError(request.key);
  if (claim.result !== undefined) return { result: JSON.parse(claim.result) as T, replayed: true };
  const result = await work(claim.target, !claim.claimed);
  await records.complete?.(result);
  return { result, replayed: false };
}
