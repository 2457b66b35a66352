/**
 * Reading a data set from the file a planner has: JSON, or a workbook in the
 * template's layout (.xlsx), told apart by the file's extension. Problems come
 * back as the text the CLI prints: by JSON path, and for a workbook also by
 * sheet and cell.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDataset } from '../../solver/index.js';
import { formatWorkbookIssue, readDatasetWorkbook, type WorkbookIssue } from '../../solver/formats/index.js';
import type { Dataset } from '../../solver/types.js';

export type DatasetFile = { ok: true; dataset: Dataset } | { ok: false; message: string };

export const isWorkbookFile = (path: string) => extname(path).toLowerCase() === '.xlsx';

/** The file's bytes, or the reason they cannot be read, as a line for the user. */
export function readInput(path: string): { ok: true; bytes: Buffer } | { ok: false; message: string } {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { ok: false, message: `cannot read ${path}: ${reason}\n` };
  }
}

/** Each problem on its own line: `sheet!cell: message (path)` for a workbook, `path: message` otherwise. */
export function formatProblems(file: string, issues: readonly WorkbookIssue[]): string {
  const head = `${file}: invalid data set, ${issues.length} problem${issues.length === 1 ? '' : 's'}:`;
  return [head, ...issues.map((issue) => `  ${formatWorkbookIssue(issue)}`)].join('\n') + '\n';
}

/** A validated data set from a .json or .xlsx file. The workbook library loads only for a workbook (formats/excel.ts). */
export async function readDatasetFile(path: string): Promise<DatasetFile> {
  const input = readInput(path);
  if (!input.ok) return input;
  if (isWorkbookFile(path)) {
    const read = await readDatasetWorkbook(input.bytes);
    return read.ok ? { ok: true, dataset: read.value } : { ok: false, message: formatProblems(path, read.issues) };
  }
  const checked = parseDataset(input.bytes.toString('utf8'));
  return checked.ok ? { ok: true, dataset: checked.dataset } : { ok: false, message: formatProblems(path, checked.issues) };
}
