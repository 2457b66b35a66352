import { ApiError } from '../api';
import { t } from '../i18n';

/** An error as the reader can act on it: the API's message and, for a refused body, each problem's JSON path. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div class="error" role="alert">
      <p>
        <strong>{t('error')}</strong>
        {error instanceof ApiError ? ` (${error.status} ${error.code})` : ''}: {message}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li>
              <code>{issue.path}</code>: {issue.message}
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
