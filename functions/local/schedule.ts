/**
 * The local runtime's regeneration schedule: monthly as deployed (the 1st,
 * 02:00 China time), or every `intervalMs` when given (to watch it work).
 * Returns the function that stops it.
 */
/** The next first-of-month 02:00 in China (UTC+8, no DST): the deployed schedule. */
export function nextMonthlyTick(now: Date): Date {
  const china = new Date(now.getTime() + 8 * 3600_000);
  let candidate = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), 1, 2) - 8 * 3600_000;
  if (candidate <= now.getTime()) candidate = Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + 1, 1, 2) - 8 * 3600_000;
  return new Date(candidate);
}

export function startSchedule(intervalMs: number | undefined, runTick: (tick: string) => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined;
  if (intervalMs !== undefined) {
    timer = setInterval(() => void runTick(new Date(Math.floor(Date.now() / intervalMs) * intervalMs).toISOString()), intervalMs);
  } else {
    const arm = () => {
      const due = nextMonthlyTick(new Date());
      // setTimeout cannot wait a month (it overflows at ~24.8 days): wait in steps.
      const wait = Math.min(due.getTime() - Date.now(), 2 ** 31 - 1);
      timer = setTimeout(() => {
        if (Date.now() >= due.getTime()) void runTick(due.toISOString()).finally(arm);
        else arm();
      }, wait);
      timer.unref?.();
    };
    arm();
  }
  timer?.unref?.();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
