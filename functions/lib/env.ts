import { MissingConfigError } from './errors.js';

/**
 * Reads a required environment variable. Handlers read theirs when they are
 * wired (`fromEnv`, on a function's first invocation, not at import), so a
 * missing setting fails that invocation loudly, naming the variable.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new MissingConfigError(name);
  }
  return value;
}

/** An optional setting: undefined when unset or blank, never a silent default. */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** An optional positive number; a set but unparsable value is a configuration error. */
export function optionalNumberEnv(name: string): number | undefined {
  const raw = optionalEnv(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new MissingConfigError(name, `must be a positive number, got "${raw}"`);
  }
  return value;
}
