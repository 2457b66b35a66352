import { ApiError } from '../api';
import { currentLang, t } from '../i18n';
import { errorText, issueMessage } from '../messages';

/**
 * An error as the reader can act on it: the API's message and, for a refused
 * body, each problem's JSON path; both in the reader's language when the API
 * gave their codes (the machine code stays on the note as `data-code`).
 */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const lang = currentLang();
  const message = error instanceof Error ? errorText(error, lang) : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  const status = error instanceof ApiError ? ` (${error.status}${lang === 'en' ? ` ${error.code}` : ''})` : '';
  return (
    <div class="error" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      <p>
        <strong>{t('error')}</strong>
        {status}: {message}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li>
              <code>{issue.path}</code>: {issueMessage(issue, lang)}
            </li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
