import { useEffect, useState } from 'preact/hooks';
import { fmtMoney, fmtNumber, fmtPercent, t } from '../i18n';
import type { PlanDetail } from '../types';

/** Live progress of a plan still queued or solving (the page polls the API meanwhile). */
export function Progress({ plan }: { plan: PlanDetail }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const since = new Date(plan.updatedAt ?? plan.createdAt).getTime();
  return (
    <section class="card progress" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progressTitle')}</h2>
      <p role="status" aria-live="polite" data-status={plan.status}>
        {plan.status === 'queued' ? t('progressQueued') : t('progressSolving')} {t('elapsed', { s: fmtNumber(Math.max(0, (now - since) / 1000)) })}
      </p>
      {plan.progress !== undefined && (
        <p data-testid="best-so-far">
          {t('progressBest', { cost: fmtMoney(plan.progress.best, 'CNY'), gap: plan.progress.gap === null ? '–' : fmtPercent(plan.progress.gap) })}
        </p>
      )}
      <progress aria-label={t('progressTitle')} />
    </section>
  );
}
