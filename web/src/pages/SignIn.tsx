import { useState } from 'preact/hooks';
import type { AppConfig } from '../config';
import { t } from '../i18n';

/** Shown to a browser without a session: Cognito's managed login in AWS, the local server's sign-in links locally. */
export function SignIn({ config, onCognito }: { config: AppConfig; onCognito: () => void }) {
  const [province, setProvince] = useState('ZJ');
  const next = location.pathname + location.search;
  return (
    <section class="card narrow">
      <h1>{t('signInTitle')}</h1>
      {config.auth.mode === 'cognito' ? (
        <button type="button" class="primary" onClick={onCognito}>
          {t('signInCognito')}
        </button>
      ) : (
        <>
          <p>{t('signInLocal')}</p>
          <p>
            <a class="button" href={`/sign-in?as=reviewer&next=${encodeURIComponent(next)}`}>
              {t('signInAsReviewer')}
            </a>
          </p>
          <form method="get" action="/sign-in" class="inline">
            <label>
              {t('signInAsProvince')}{' '}
              <input name="province" value={province} size={6} pattern="[A-Za-z0-9_-]{1,16}" onInput={(event) => setProvince(event.currentTarget.value)} />
            </label>
            <input type="hidden" name="as" value={`province-${province.toUpperCase()}`} />
            <input type="hidden" name="next" value={next} />
            <button type="submit">{t('signInGo')}</button>
          </form>
        </>
      )}
    </section>
  );
}
