/**
 * All-or-nothing output: every file goes to a temp file beside its target
 * first, and only when all of them are written are they renamed into place
 * (a rename within one folder is atomic). A failure removes the temp files, so
 * no output is ever half-written.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OutputFile {
  path: string;
  /** Text (written as UTF-8) or bytes. */
  content: string | Buffer;
}

export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${temps.length}.tmp`);
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.content, typeof f.content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    }
    for (const t of temps) renameSync(t.tmp, t.path);
  } catch (err) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw err;
  }
}
