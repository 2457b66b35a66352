import { DATASET_LIMITS } from '../../solver/dataset-fields.js';
import type { ValidationIssue } from '../../solver/index.js';
import { clip, moreProblems } from '../../solver/json-fields.js';
import { msg, renderMessage, type MessageCode, type MessageDetail } from '../../solver/messages.js';

/** A message for people: a code of the catalog with its params (the English is rendered from it), or plain English. */
export type ErrorMessage = string | MessageDetail;

/** A message of the catalog as data, for an error's constructor. */
export const says = (code: MessageCode, params: MessageDetail['params'] = {}): MessageDetail => msg(code, params);

/**
 * Every error the backend raises on purpose has its own class, so the single
 * mapping in `toHttpProblem` (http.ts) can decide its status code by type.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  /** The message's code in the catalog and its params, when it has one: the error answer's `messageCode` and `params`. */
  readonly detail: MessageDetail | undefined;
  constructor(message: ErrorMessage, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : renderMessage(message), options);
    this.name = new.target.name;
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

/** What a refused body was meant to be (`error.notValid`). */
export type Refused = 'request' | 'dataset' | 'progress' | 'scenario' | 'curve' | 'workbook';

/** The request is malformed or fails validation; `issues` name each problem by JSON path. */
export class ValidationFailedError extends AppError {
  readonly code = 'validation_failed';
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], what: Refused = 'request') {
    super(says('error.notValid', { what }));
    // Every problem list is capped the same way, wherever it was built (a validator's own list already is).
    const limit = DATASET_LIMITS.issues;
    const listed = issues.length <= limit + 1 ? issues : [...issues.slice(0, limit), moreProblems(issues.length - limit)];
    // Extra fields (a workbook's sheet and cell) stay; the caller's text in paths and messages is clipped.
    this.issues = listed.map((issue) => ({ ...issue, path: clip(issue.path), message: clip(issue.message) }));
  }
}

export class MissingIdempotencyKeyError extends AppError {
  readonly code = 'idempotency_key_missing';
  constructor() {
    super(says('error.idempotencyKeyMissing'));
  }
}

export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'idempotency_key_reused';
  constructor(readonly key: string) {
    super(says('error.idempotencyKeyReused', { key }));
  }
}

export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large';
  constructor(readonly limitBytes: number) {
    super(says('error.payloadTooLarge', { limitBytes }));
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'unsupported_media_type';
  constructor(contentType: string, accepted: readonly string[] = ['application/json']) {
    super(says('error.mediaType', { contentType: contentType.slice(0, 100), accepted: [...accepted] }));
  }
}

/** A compressed request body (Content-Encoding gzip, br, ...): the API reads plain bodies only. */
export class CompressedBodyError extends UnsupportedMediaTypeError {
  override readonly detail: MessageDetail;
  constructor(encoding: string) {
    super('');
    this.detail = says('error.compressed', { encoding: encoding.slice(0, 40) });
    this.message = renderMessage(this.detail);
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated';
  constructor(message: ErrorMessage = says('error.tokenRequired')) {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

export class PlanNotFoundError extends AppError {
  readonly code = 'plan_not_found';
  constructor(readonly planId: string, version?: number) {
    super(version === undefined ? says('error.planNotFound', { plan: planId }) : says('error.versionNotFound', { plan: planId, version }));
  }
}

/** Something a plan does not have (yet), e.g. a progress report before the first one arrives. */
export class NotFoundError extends AppError {
  readonly code = 'not_found';
}

/** Two writers raced for the same plan version; the other one won. */
export class ConcurrentUpdateError extends AppError {
  readonly code = 'concurrent_update';
}

/** The plan exists but is in a state that does not allow the request (e.g. not solved yet). */
export class PlanStateError extends AppError {
  readonly code = 'plan_state';
}

/** DynamoDB kept throttling after the SDK's own retries. */
export class StorageThrottledError extends AppError {
  readonly code = 'storage_throttled';
  constructor(message: ErrorMessage, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The solve queue refused a job (SQS unavailable or throttling); the request can be retried. */
export class QueueUnavailableError extends AppError {
  readonly code = 'queue_unavailable';
}

/** A stored item is missing or corrupt: a bug or a manual edit, never the caller's fault. */
export class StorageCorruptError extends AppError {
  readonly code = 'storage_corrupt';
}

export class MissingConfigError extends AppError {
  readonly code = 'missing_config';
  constructor(readonly variable: string, detail = 'is not set') {
    super(`Environment variable ${variable} ${detail}`);
  }
}

/** A queue message that can never be processed; it goes to the dead-letter queue. */
export class PoisonMessageError extends AppError {
  readonly code = 'poison_message';
}
