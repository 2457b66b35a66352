import { fmtDateTime, label, t } from '../i18n';
import type { ReviewEntry, ReviewState } from '../types';

/** The version's review state at the top of its page, with the latest decision's comment beside it (long comments wrap). */
export function ReviewHeadline({ state, history }: { state: ReviewState; history: ReviewEntry[] }) {
  const latest = history.at(-1);
  return (
    <p class={`review-headline review-${state}`}>
      <strong>
        {t('reviewState')}：{label('review', state)}
      </strong>
      {latest !== undefined && latest.comment !== '' && (
        <>
          {' · '}
          <q class="review-comment">{latest.comment}</q>
          <span class="note">
            {' '}
            （{latest.reviewer}，{fmtDateTime(latest.at)}）
          </span>
        </>
      )}
    </p>
  );
}
