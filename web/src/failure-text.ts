/**
 * Why a version or a scenario failed, in the reader's language: the API gives
 * the English `failure` and its code as `failureDetail`. Imports only the
 * message catalog, so the page and a test read the same words.
 */
import { MESSAGES, renderMessage } from '../../solver/messages';
import type { Lang } from '../../solver/glossary';
import type { MessageDetail } from '../../solver/types';

/** By its code when the API gave one the catalog knows, else the text as it came; undefined when there is no failure. */
export function failureText(item: { failure?: string; failureDetail?: MessageDetail }, lang: Lang): string | undefined {
  if (item.failure === undefined) return undefined;
  if (lang === 'en' || item.failureDetail === undefined || !(item.failureDetail.code in MESSAGES)) return item.failure;
  return renderMessage(item.failureDetail, lang);
}
