/**
 * Field readers shared by the validators of data sets and progress reports:
 * each reader records its own issue, with the JSON path of the offending value
 * (`sites[0].id`), and returns the value only when it is usable. Never throws
 * for any JSON value. An issue is a message of the catalog (`messages.ts`):
 * its code and params, and its English rendered from them.
 */
import { gotParams, rangeParams, shown } from './message-format.js';
import { wrongType } from './messages-issues.js';
import { issueOf, type MessageCode } from './messages.js';
import type { MessageParam, ValidationIssue } from './types.js';

export { shown };

export type JsonObject = Record<string, unknown>;

/** Allowed range of a number; bounds are inclusive unless marked exclusive. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  minExclusive?: boolean;
  max?: number;
  /** The field's stated maximum (SPEC 1: what the pipeline carries exactly), reported on its own. */
  limit?: number;
}

/** Marks a value that is present but wrong; the issue has already been recorded. */
export const BAD = Symbol('bad');
export type Read<T> = T | undefined | typeof BAD;

/** Issues of one validation, listed up to a limit; the rest are counted in a closing issue at `$`. */
export class IssueList {
  private readonly listed: ValidationIssue[] = [];
  private dropped = 0;

  constructor(private readonly limit: number) {}

  /** A problem of the catalog at a path: its code, params and English message. */
  add(path: string, code: MessageCode, params: Record<string, MessageParam> = {}): void {
    this.push(issueOf(path, code, params));
  }

  /** A problem already made (another validator's), kept with its code and params. */
  push(issue: ValidationIssue): void {
    // A path or message built from the caller's keys and values is clipped: an error answer stays small.
    if (this.listed.length < this.limit) this.listed.push({ ...issue, path: issue.path === '' ? '$' : clip(issue.path), message: clip(issue.message) });
    else this.dropped += 1;
  }

  result(): ValidationIssue[] {
    if (this.dropped === 0) return this.listed;
    return [...this.listed, moreProblems(this.dropped)];
  }
}

/** Longest path or message an issue shows, in UTF-16 units. */
const ISSUE_TEXT_CHARS = 200;
export const clip = (text: string): string => (text.length <= ISSUE_TEXT_CHARS ? text : `${text.slice(0, ISSUE_TEXT_CHARS)}…`);

/** The closing issue of a capped list. */
export const moreProblems = (count: number): ValidationIssue => issueOf('$', 'issues.more', { count });

/** Base class of a validator: the field readers, recording issues in one list. */
export class FieldReader {
  constructor(protected readonly issues: IssueList) {}

  protected object(value: unknown, path: string): JsonObject | null {
    if (isObject(value)) return value;
    this.issues.add(path, 'field.wrongType', wrongType('object', value));
    return null;
  }

  /** Reads a required array; an oversize one is reported and not inspected further. */
  protected array(obj: JsonObject, key: string, limit: number, noun: string): readonly unknown[] | null {
    const value = own(obj, key);
    if (value === undefined) {
      this.issues.add(key, 'field.required');
      return null;
    }
    if (!Array.isArray(value)) {
      this.issues.add(key, 'field.wrongType', wrongType('array', value));
      return null;
    }
    if (value.length > limit) {
      this.issues.add(key, 'field.tooMany', { max: limit, items: noun, count: value.length });
      return null;
    }
    return value;
  }

  protected unknownKeys(obj: JsonObject, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.issues.add(join(path, shown(key)), 'field.unknownKey');
    }
  }

  protected string(obj: JsonObject, path: string, key: string, required = false): Read<string> {
    const value = own(obj, key);
    if (value === undefined) {
      if (required) this.issues.add(join(path, key), 'field.required');
      return undefined;
    }
    if (typeof value === 'string') return value;
    this.issues.add(join(path, key), 'field.wrongType', wrongType('string', value));
    return BAD;
  }

  /** Reads a string of at most `maxChars` characters (Unicode code points). */
  protected text(obj: JsonObject, path: string, key: string, maxChars: number, required = false): Read<string> {
    const value = this.string(obj, path, key, required);
    if (typeof value !== 'string' || !tooLong(value, maxChars)) return value;
    this.issues.add(join(path, key), 'field.tooLong', { max: maxChars, count: characters(value) });
    return BAD;
  }

  /**
   * Reads a required, non-empty id of at most `maxChars` characters and reports
   * it when an earlier item of the same kind has it.
   */
  protected id(obj: JsonObject, path: string, kind: string, seen: Map<string, { index: number }>, maxChars = Infinity): Read<string> {
    const id = this.text(obj, path, 'id', maxChars, true);
    if (typeof id !== 'string') return id;
    if (id === '') {
      this.issues.add(`${path}.id`, 'field.empty');
      return BAD;
    }
    const first = seen.get(id);
    if (first) this.issues.add(`${path}.id`, 'field.duplicateId', { id: shown(id), kind, index: first.index });
    return id;
  }

  /** Reads a string naming an item of another kind; unknown names are reported when that kind could be read. */
  protected reference(
    obj: JsonObject,
    path: string,
    key: string,
    targets: Map<string, unknown> | null,
    noun: string,
  ): Read<string> {
    const required = key !== 'requiredBy';
    const value = this.string(obj, path, key, required);
    if (typeof value !== 'string') return value;
    if (targets && !targets.has(value)) {
      this.issues.add(join(path, key), 'field.unknownRef', { kind: noun, id: shown(value) });
      return BAD;
    }
    return value;
  }

  protected oneOf<T extends string>(
    obj: JsonObject,
    path: string,
    key: string,
    allowed: readonly T[],
    required = false,
  ): Read<T> {
    const value = own(obj, key);
    if (value === undefined) {
      if (required) this.issues.add(join(path, key), 'field.required');
      return undefined;
    }
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.issues.add(join(path, key), 'field.notOneOf', { choices: [...allowed], ...gotParams(value) });
    return BAD;
  }

  protected number(obj: JsonObject, path: string, key: string, rule: NumberRule, required = false): Read<number> {
    const value = own(obj, key);
    const at = join(path, key);
    if (value === undefined) {
      if (required) this.issues.add(at, 'field.required');
      return undefined;
    }
    if (typeof value !== 'number') {
      this.issues.add(at, 'field.wrongType', wrongType('number', value));
      return BAD;
    }
    if (!Number.isFinite(value)) {
      this.issues.add(at, 'field.notFinite', { value: String(value) });
      return BAD;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.issues.add(at, 'field.notInteger', { value });
      return BAD;
    }
    const { min, max, minExclusive } = rule;
    const belowMin = min !== undefined && (minExclusive ? value <= min : value < min);
    const aboveMax = max !== undefined && value > max;
    if (belowMin || aboveMax) {
      this.issues.add(at, 'field.outOfRange', { ...rangeParams(rule), value });
      return BAD;
    }
    if (rule.limit !== undefined && value > rule.limit) {
      this.issues.add(at, 'field.overLimit', { max: rule.limit, value });
      return BAD;
    }
    return value;
  }
}

/** Characters as a reader counts them: Unicode code points, so one Chinese character or emoji is one. */
export function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Whether text has more than `maxChars` code points; a UTF-16 length within the limit settles it without counting. */
function tooLong(text: string, maxChars: number): boolean {
  return text.length > maxChars && characters(text) > maxChars;
}

export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends a key to a JSON path, quoting keys that are not plain identifiers. */
export function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (path === '') return part.startsWith('[') ? `$${part}` : part;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

/** A string as JSON, cut short so a hostile value cannot bloat the issue list. */
export function quoted(text: string): string {
  return JSON.stringify(shown(text));
}
