/**
 * One job: how a failure is written on a version or what-if item: its English
 * text as `failure` (what the API has always shown) and its code and params as
 * `failureDetail`, so a reader can show it in Chinese. The repository's update
 * expressions take both from here.
 */
import { renderMessage, type MessageDetail } from '../../solver/messages.js';

/** The SET clause (with a leading comma) and its values, or nothing when there is no failure. */
export function failureUpdate(failure: MessageDetail | undefined): { set: string; values: Record<string, unknown> } {
  if (failure === undefined) return { set: '', values: {} };
  return {
    set: ', failure = :failure, failureDetail = :failureDetail',
    values: { ':failure': renderMessage(failure, 'en'), ':failureDetail': { code: failure.code, params: failure.params } },
  };
}
