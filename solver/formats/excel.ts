/**
 * The workbook library, loaded on first use: it takes a few hundred ms to load,
 * which a JSON submission or a JSON run of the CLI should not pay.
 */
export type ExcelModule = typeof import('exceljs');

let loading: Promise<ExcelModule> | undefined;

export function excel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((module) => ((module as { default?: ExcelModule }).default ?? module) as ExcelModule);
  return loading;
}
