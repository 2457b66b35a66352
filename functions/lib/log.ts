/**
 * Structured JSON logs, one line per event, with context keys (planId,
 * province, requestId) instead of payloads: CloudWatch Logs Insights can
 * filter on them and no data set ever lands in a log.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  // Read per call on purpose: tests and the local server change it at run time.
  const configured = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  return order[configured as Level] ?? order.info;
}

export type LogContext = Record<string, string | number | boolean | null | undefined>;

/** Context that may carry the error itself, logged as name, message and a short stack. */
export type ErrorContext = { [key: string]: string | number | boolean | null | undefined | unknown; error?: unknown };

export interface Logger {
  debug(message: string, context?: ErrorContext): void;
  info(message: string, context?: ErrorContext): void;
  error(message: string, context?: ErrorContext): void;
  warn(message: string, context?: ErrorContext): void;
  child(context: LogContext): Logger;
}

function describeError(error: unknown): LogContext {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, errorStack: error.stack?.split('\n').slice(0, 6).join(' | ') };
  }
  return { errorMessage: String(error) };
}

export function createLogger(base: LogContext = {}): Logger {
  const write = (level: Level, message: string, context: ErrorContext = {}) => {
    if (order[level] < threshold()) return;
    const { error, ...rest } = context;
    const line = {
      level,
      time: new Date().toISOString(),
      message,
      ...base,
      ...rest,
      ...(error === undefined ? {} : describeError(error)),
    };
    const text = JSON.stringify(line);
    if (level === 'error' || level === 'warn') console.error(text);
    else console.log(text);
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (context) => createLogger({ ...base, ...context }),
  };
}
