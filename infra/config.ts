/**
 * Deployment settings of the planner: what differs between one transport
 * department's account and another's. Only `infra/app.ts` reads context and
 * environment variables; it hands the raw strings to `resolveConfig`, and
 * everything below it receives typed values.
 */
// From its defining module, not the solver's index: synthesis then loads no solver engine (HiGHS, LP solver).
import { PROVINCE_PATTERN } from '../solver/validate.js';

export interface PlannerConfig {
  /** Stage name, part of every stack name (e.g. "dev", "prod"). [a-z0-9-], 1-20 characters. */
  readonly stage: string;
  /** EventBridge Scheduler expression for the regeneration run: cron(...), rate(...) or at(...). */
  readonly scheduleExpression: string;
  /** IANA time zone the schedule expression is read in. */
  readonly scheduleTimeZone: string;
  /** Browser origins allowed by CORS; empty allows none (CLI and server-to-server callers need none). */
  readonly corsOrigins: readonly string[];
  /** Province codes for which a `province-XX` Cognito group is created; more can be added with the CLI. */
  readonly provinces: readonly string[];
  /** Most solve jobs that run at once (reserved concurrency of the solve function). */
  readonly solveConcurrency: number;
  /** Steady-state request rate the API stage admits, requests per second. */
  readonly apiRateLimit: number;
  /** Burst of requests the API stage admits above the steady rate. */
  readonly apiBurstLimit: number;
}

export const DEFAULT_CONFIG: PlannerConfig = {
  stage: 'dev',
  // 02:00 on the first day of each month, Beijing time: plans follow the monthly traffic counts.
  scheduleExpression: 'cron(0 2 1 * ? *)',
  scheduleTimeZone: 'Asia/Shanghai',
  corsOrigins: [],
  provinces: [],
  solveConcurrency: 10,
  apiRateLimit: 20,
  apiBurstLimit: 40,
};

/** Raw settings as they arrive from `cdk -c key=value` or the environment: strings, or absent. */
export type RawConfig = Partial<Record<keyof PlannerConfig, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const STAGE = /^[a-z0-9][a-z0-9-]{0,19}$/;
const SCHEDULE = /^(cron|rate|at)\(.+\)$/;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function positiveInt(key: keyof PlannerConfig, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${key} must be a positive whole number, got "${value}"`);
  return n;
}

/** Turns raw strings into a checked configuration; absent keys take DEFAULT_CONFIG. Throws ConfigError listing the first bad key. */
export function resolveConfig(raw: RawConfig): PlannerConfig {
  const stage = raw.stage ?? DEFAULT_CONFIG.stage;
  if (!STAGE.test(stage)) throw new ConfigError(`stage must match ${STAGE}, got "${stage}"`);

  const scheduleExpression = raw.scheduleExpression ?? DEFAULT_CONFIG.scheduleExpression;
  if (!SCHEDULE.test(scheduleExpression)) {
    throw new ConfigError(`scheduleExpression must be cron(...), rate(...) or at(...), got "${scheduleExpression}"`);
  }

  const corsOrigins = list(raw.corsOrigins) ?? DEFAULT_CONFIG.corsOrigins;
  for (const origin of corsOrigins) {
    // "*" would let any web page call the API with a stolen token; name the planner's own front end instead.
    if (!/^https?:\/\/[^\s/*]+$/.test(origin)) {
      throw new ConfigError(`corsOrigins must be full origins such as https://planner.example.gov.cn, got "${origin}"`);
    }
  }

  const provinces = list(raw.provinces) ?? DEFAULT_CONFIG.provinces;
  for (const code of provinces) {
    if (!PROVINCE_PATTERN.test(code)) throw new ConfigError(`provinces must be codes matching ${PROVINCE_PATTERN}, got "${code}"`);
  }

  return {
    stage,
    scheduleExpression,
    scheduleTimeZone: raw.scheduleTimeZone ?? DEFAULT_CONFIG.scheduleTimeZone,
    corsOrigins,
    provinces,
    solveConcurrency: positiveInt('solveConcurrency', raw.solveConcurrency, DEFAULT_CONFIG.solveConcurrency),
    apiRateLimit: positiveInt('apiRateLimit', raw.apiRateLimit, DEFAULT_CONFIG.apiRateLimit),
    apiBurstLimit: positiveInt('apiBurstLimit', raw.apiBurstLimit, DEFAULT_CONFIG.apiBurstLimit),
  };
}
