/**
 * File checks and reads shared by the CLI commands: outputs must not clobber
 * inputs or each other and their folders must exist (checked before any work),
 * and JSON inputs are read with problems reported by JSON path.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ValidationIssue } from '../solver/types.js';

/** A problem with the command line or its files: printed with the usage line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Throws UsageError when an output would overwrite an input or another output, or cannot be written there. */
export function checkOutputs(inputs: readonly { name: string; path: string }[], outputs: readonly { flag: string; path: string }[]): void {
  const inputByPath = new Map(inputs.map((i) => [resolve(i.path), i.name]));
  const seen = new Map<string, string>();
  for (const { flag, path } of outputs) {
    const full = resolve(path);
    const input = inputByPath.get(full);
    if (input !== undefined) throw new UsageError(`--${flag} ${path} would overwrite the ${input}`);
    const other = seen.get(full);
    if (other) throw new UsageError(`--${flag} and --${other} name the same file ${path}`);
    seen.set(full, flag);
    let folder;
    try {
      folder = statSync(dirname(full));
    } catch {
      throw new UsageError(`--${flag} ${path}: folder ${dirname(path)} does not exist`);
    }
    if (!folder.isDirectory()) throw new UsageError(`--${flag} ${path}: ${dirname(path)} is not a folder`);
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--${flag} ${path} is a folder`);
  }
}

/** Bad input in a file: its problems as the text to print (by JSON path, and sheet and cell for a workbook), exit 2. */
export class InvalidFile extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = 'InvalidFile';
  }
}

/** The text of a file; UsageError when it cannot be read. */
export function readText(path: string): string {
  return readBytes(path).toString('utf8');
}

/** The bytes of a file (a workbook); UsageError when it cannot be read. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}

/** Parses JSON text (a leading byte-order mark is ignored); malformed JSON is one issue at `$`. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\ufeff/, '')) as unknown };
  } catch (err) {
    return { ok: false, issues: [{ path: '$', message: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
