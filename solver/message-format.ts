/**
 * One job: the pieces every part of the message catalog writes with: the
 * names a reader knows, the template type, and the formatting of params
 * (numbers, lists, a wrong value's kind) in English and Chinese. Pure, no
 * imports at run time, so the catalog's files (`messages*.ts`) and the JSON
 * field readers share it without importing each other.
 */
import type { MessageParam } from './types.js';

/** Names for the ids a message carries; every lookup may miss (the id is printed then). */
export interface Names {
  region?: (id: string) => string | undefined;
  corridor?: (id: string) => string | undefined;
  /** A service area's name by id. */
  site?: (id: string) => string | undefined;
  /** The service area at a km stake of a corridor (to 0.1 km), if any. */
  siteAt?: (corridor: string, km: number) => string | undefined;
  /** Money as the reader shows it (万元 in the web app); without it, the planner's short form. */
  money?: (amount: number) => string;
}

export type P = Record<string, MessageParam>;
export type V = MessageParam | undefined;
/** Renders a message wrapped in this one (`inner` code with the rest of the params), in the same language. */
export type Nested = (code: string, params: P) => string;
export type Render = (p: P, names: Names, nested: Nested) => string;
export interface Template {
  en: Render;
  zh: Render;
}

/** Money in the planner's short form: 1.31e8, 9.0e7 (the English messages' form since SPEC 5). */
export const fmtMoney = (v: number): string => (Math.abs(v) < 1e4 ? String(Math.round(v * 100) / 100) : v.toExponential(2).replace('e+', 'e'));
export const km = (v: V): string => Number(v).toFixed(1);
export const s = (v: V): string => String(v);
export const n = (v: V): number => Number(v);
export const list = (v: V): readonly string[] => (Array.isArray(v) ? (v as readonly string[]) : []);
/** A count as the English messages print it: 5,000. */
export const count = (v: V): string => (typeof v === 'number' ? v.toLocaleString('en-US') : s(v));
/** A string as JSON, as the English messages quote the caller's text. */
export const q = (v: V): string => JSON.stringify(s(v));

/** A name as it appears in a message, cut short when long. */
export function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A wrong value as params: its JSON type (`got`) and, for a string or number, the value (a string cut short). */
export function gotParams(value: unknown): P {
  if (value === null) return { got: 'null' };
  if (Array.isArray(value)) return { got: 'array' };
  if (typeof value === 'string') return { got: 'string', value: shown(value) };
  if (typeof value === 'number') return { got: 'number', value: Number.isFinite(value) ? value : String(value) };
  return { got: typeof value };
}

/** A wrong value in English: `a string ("x")`, `the number 5`, `an array`; bare (`"x"`) names a string by its text alone. */
export function gotEn(p: P, bare = false): string {
  switch (p.got) {
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'string':
      return bare ? q(p.value) : `a string (${q(p.value)})`;
    case 'number':
      return `the number ${s(p.value)}`;
    default:
      return s(p.got);
  }
}

const GOT_ZH: Record<string, string> = { null: '空值', array: '数组', object: '对象', boolean: '布尔值', undefined: '未定义的值' };

/** A wrong value in Chinese: 字符串 "x"、数字 5、数组. */
export function gotZh(p: P): string {
  if (p.got === 'string') return `字符串 ${q(p.value)}`;
  if (p.got === 'number') return `数字 ${s(p.value)}`;
  return GOT_ZH[s(p.got)] ?? '其他类型的值';
}

/** An allowed range as params: only the bounds that are set. */
export function rangeParams(rule: { min?: number; max?: number; minExclusive?: boolean }): P {
  const params: P = {};
  if (rule.min !== undefined) params.min = rule.min;
  if (rule.max !== undefined) params.max = rule.max;
  if (rule.minExclusive === true) params.minExclusive = true;
  return params;
}

/** `must be between 0 and 1`, `must be greater than 0`, ... */
export function rangeEn(p: P): string {
  const { min, max, minExclusive } = p;
  const exclusive = minExclusive === true;
  if (min !== undefined && max !== undefined) return exclusive ? `must be greater than ${s(min)} and at most ${s(max)}` : `must be between ${s(min)} and ${s(max)}`;
  if (min !== undefined) return exclusive ? `must be greater than ${s(min)}` : `must be at least ${s(min)}`;
  return `must be at most ${s(max)}`;
}

/** 须在 0 与 1 之间、须大于 0、... */
export function rangeZh(p: P): string {
  const { min, max, minExclusive } = p;
  const exclusive = minExclusive === true;
  if (min !== undefined && max !== undefined) return exclusive ? `须大于 ${s(min)} 且不超过 ${s(max)}` : `须在 ${s(min)} 与 ${s(max)} 之间`;
  if (min !== undefined) return exclusive ? `须大于 ${s(min)}` : `须不小于 ${s(min)}`;
  return `须不超过 ${s(max)}`;
}

/**
 * The params of a message wrapped in another (`phase 2025's budget: must be ...`):
 * the inner message's params beside the wrapper's own, and `inner`, the codes
 * of the wrapped messages, outermost first (a wrapper may wrap a wrapper).
 * Wrappers name their own params so they never clash with the inner ones.
 */
export function wrapped(inner: { code?: string; params?: P; message: string }, own: P): P {
  if (inner.code === undefined) return { ...own, inner: ['plain'], text: inner.message };
  return { ...inner.params, ...own, inner: [inner.code, ...list(inner.params?.inner)] };
}

/** Renders the message a wrapper carries (see `wrapped`). */
export function innerOf(p: P, nested: Nested): string {
  const [code, ...rest] = list(p.inner);
  return nested(code ?? 'plain', { ...p, inner: rest });
}
