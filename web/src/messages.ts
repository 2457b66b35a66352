/**
 * The server's messages in the reader's language: a plan's diagnosis and warnings
 * come as English lines with their codes and parameters beside them
 * (`diagnosisDetails`, `warningDetails`); this renders the codes through the one
 * message catalog the solver, server and CLI share, with names for ids.
 */
import { MESSAGES, renderMessage, type Names } from '../../solver/messages';
import type { MessageDetail } from '../../solver/types';
import { currentLang, fmtMoney, type Lang } from './i18n';
import type { DatasetContext } from './types';

/** A validation problem's message: by its code in the reader's language when it has one, else as the server wrote it. */
export function issueMessage(issue: { message: string; code?: string; params?: MessageDetail['params'] }, lang: Lang): string {
  if (lang === 'en' || issue.code === undefined || !(issue.code in MESSAGES)) return issue.message;
  return renderMessage({ code: issue.code, params: issue.params ?? {} }, lang);
}

/** An error answer's message in the reader's language: by its `messageCode` when the API gave one (`said`), else as it came. */
export const errorText = (error: { message: string; said?: { code?: string; params?: MessageDetail['params'] } }, lang: Lang): string =>
  issueMessage({ message: error.message, ...error.said }, lang);

/** Names the page knows: the data set's regions and corridors when the sites are loaded; money as the page shows it. */
export function pageNames(currency: string, dataset?: Pick<DatasetContext, 'regions' | 'corridors'>): Names {
  const regions = new Map((dataset?.regions ?? []).map((region) => [region.id, region.name ?? undefined]));
  const corridors = new Map((dataset?.corridors ?? []).map((corridor) => [corridor.id, corridor.name ?? undefined]));
  return {
    region: (id) => regions.get(id),
    corridor: (id) => corridors.get(id),
    money: (amount) => fmtMoney(amount, currency),
  };
}

/**
 * Lines in the reader's language: each detail rendered by its code; in English the
 * server's own line. A line without its detail (an older server) stays as it came.
 */
export function messageLines(lines: readonly string[], details: readonly MessageDetail[] | undefined, names: Names): string[] {
  const lang = currentLang();
  if (lang === 'en' || details === undefined || details.length !== lines.length) return [...lines];
  return details.map((detail) => renderMessage(detail, lang, names));
}
