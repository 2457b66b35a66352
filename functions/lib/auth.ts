import { ForbiddenError, UnauthenticatedError, says } from './errors.js';
import { LIMITS } from './limits.js';
import type { HttpApiEvent, JwtClaimValue } from './lambda-types.js';
import { PROVINCE_PATTERN } from './rules.js';

/** Who is calling, from the claims API Gateway's JWT authorizer has already verified. */
export interface Caller {
  subject: string;
  provinces: ReadonlySet<string>;
  reviewer: boolean;
}

const PROVINCE_GROUP = new RegExp(`^province-(${PROVINCE_PATTERN.source.slice(1, -1)})$`);

/**
 * Cognito puts groups in a JSON array, but the HTTP API JWT authorizer hands
 * array claims to Lambda flattened as "[a b]"; accept every form seen.
 */
export function parseGroups(raw: JwtClaimValue | undefined): string[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return raw.map(String);
  const text = String(raw).trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: the authorizer's "[a b]" form
    }
    return text.slice(1, text.endsWith(']') ? -1 : undefined).split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

export function callerFrom(event: HttpApiEvent): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (claims === undefined) throw new UnauthenticatedError();
  const groups = parseGroups(claims['cognito:groups']);
  const provinces = new Set<string>();
  for (const group of groups) {
    const match = PROVINCE_GROUP.exec(group);
    if (match?.[1] !== undefined) provinces.add(match[1]);
  }
  const subject = String(claims.sub ?? 'unknown');
  // Stored beside every write the caller makes: bounded like any other text.
  if (subject.length > LIMITS.subjectChars) throw new UnauthenticatedError(says('error.subjectTooLong', { max: LIMITS.subjectChars }));
  return { subject, provinces, reviewer: groups.includes('reviewer') };
}

/** Reviewers read every province; a province user reads only its own. */
export function requireRead(caller: Caller, province: string): void {
  if (caller.reviewer || caller.provinces.has(province)) return;
  throw new ForbiddenError(says('error.readForbidden', { province }));
}

/** Only a province's own users change its plans; reviewers never do. */
export function requireWrite(caller: Caller, province: string): void {
  if (caller.provinces.has(province)) return;
  throw new ForbiddenError(
    caller.reviewer && caller.provinces.size === 0
      ? says('error.reviewerCannotWrite')
      : says('error.writeForbidden', { province }),
  );
}

/** A caller allowed to submit anything at all, checked before the body is even parsed. */
export function requireSubmitter(caller: Caller): void {
  if (caller.provinces.size > 0) return;
  throw new ForbiddenError(says(caller.reviewer ? 'error.reviewerCannotWrite' : 'error.noProvince'));
}

/** Only reviewers approve or send back a plan version; provinces see the decisions but never make them. */
export function requireReviewer(caller: Caller): void {
  if (caller.reviewer) return;
  throw new ForbiddenError(says('error.reviewersOnly'));
}
