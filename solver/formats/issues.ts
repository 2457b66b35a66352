import type { ValidationIssue } from '../types.js';

/**
 * A problem of a data set read from a workbook: its JSON path (as for a JSON
 * data set) plus the sheet and cell it came from, when there is one. `cell` is
 * an A1 reference ("E12") or a whole row ("12:12") when the row has no column
 * for the field.
 */
export interface WorkbookIssue extends ValidationIssue {
  sheet?: string;
  cell?: string;
}

export type WorkbookResult<T> = { ok: true; value: T } | { ok: false; issues: WorkbookIssue[] };

/** `服务区 serviceAreas!E12: unknown corridor G99 (serviceAreas[10].corridor)`; without a sheet `path: message`. */
export function formatWorkbookIssue(issue: WorkbookIssue): string {
  if (issue.sheet === undefined) return `${issue.path}: ${issue.message}`;
  const where = issue.cell === undefined ? issue.sheet : `${issue.sheet}!${issue.cell}`;
  return `${where}: ${issue.message}${issue.path === '$' ? '' : ` (${issue.path})`}`;
}
