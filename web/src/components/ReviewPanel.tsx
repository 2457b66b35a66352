import { useState } from 'preact/hooks';
import { reviewVersion } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import type { ReviewEntry } from '../types';
import { ErrorNote } from './ErrorNote';

/** Review of one version: reviewers approve or send it back with a comment; everyone sees the history. */
export function ReviewPanel({ planId, version, history, canReview, onReviewed }: { planId: string; version: number; history: ReviewEntry[]; canReview: boolean; onReviewed: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function decide(decision: 'approve' | 'request-changes') {
    if (decision === 'request-changes' && comment.trim() === '') {
      setError(new Error(t('commentRequired')));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await reviewVersion(planId, version, { decision, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) });
      setComment('');
      onReviewed();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="review-title">
      <h2 id="review-title">
        {t('reviewTitle')} · v{version}
      </h2>
      {canReview && (
        <form class="review-form" onSubmit={(event) => event.preventDefault()}>
          <label for="review-comment">{t('reviewComment')}</label>
          <textarea id="review-comment" rows={3} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          <div class="buttons">
            <button type="button" class="primary" disabled={busy} onClick={() => void decide('approve')}>
              {t('approve')}
            </button>
            <button type="button" disabled={busy} onClick={() => void decide('request-changes')}>
              {t('requestChanges')}
            </button>
          </div>
          {error !== undefined && <ErrorNote error={error} />}
        </form>
      )}
      <h3>{t('reviewHistory')}</h3>
      {history.length === 0 ? (
        <p>{t('reviewNone')}</p>
      ) : (
        <table class="data review-history">
          <thead>
            <tr>
              <th scope="col">{t('at')}</th>
              <th scope="col">{t('reviewer')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('reviewComment')}</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((entry) => (
              <tr>
                <td>{fmtDateTime(entry.at)}</td>
                <td>{entry.reviewer}</td>
                <td>{label('decision', entry.decision)}</td>
                <td>{entry.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
