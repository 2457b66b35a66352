import { currentLang, t } from '../i18n';
import { failureText } from '../failure-text';
import type { MessageDetail } from '../../../solver/types';

/** Why a version or a scenario failed, in the reader's language, as an alert card; nothing when it did not fail. */
export function FailureNote({ item }: { item: { status: string; failure?: string; failureDetail?: MessageDetail } }) {
  const text = item.status === 'failed' ? failureText(item, currentLang()) : undefined;
  if (text === undefined) return null;
  return (
    <section class="card alert" aria-labelledby="failure-title">
      <h2 id="failure-title">{t('failure')}</h2>
      <p>{text}</p>
    </section>
  );
}
