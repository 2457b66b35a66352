/**
 * A data set from the file a planner has: JSON, or a workbook in the template's
 * layout (.xlsx), told apart by the extension. Unreadable files are a
 * UsageError (files.ts); problems of the data set come back by JSON path, and
 * for a workbook also by sheet and cell.
 */
import { extname } from 'node:path';
import { readDatasetWorkbook, type WorkbookResult } from '../solver/formats/index.js';
import { parseDataset } from '../solver/index.js';
import type { Dataset } from '../solver/types.js';
import { readBytes, readText } from './files.js';

export const isWorkbookFile = (path: string) => extname(path).toLowerCase() === '.xlsx';

/** A validated data set from a .json or .xlsx file. The workbook library loads only for a workbook (formats/excel.ts). */
export async function readDatasetFile(path: string): Promise<WorkbookResult<Dataset>> {
  if (isWorkbookFile(path)) return readDatasetWorkbook(readBytes(path));
  const checked = parseDataset(readText(path));
  return checked.ok ? { ok: true, value: checked.dataset } : checked;
}
