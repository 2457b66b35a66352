/**
 * Spreadsheets and GIS in and out: the data set workbook (template, reader,
 * writer), the plan workbook, and service areas from GeoJSON. Pure: buffers and
 * objects in, buffers and objects out. Kept apart from solver/index.ts so the
 * solve function's bundle does not carry the workbook library.
 */
export type { WorkbookIssue, WorkbookResult } from './issues.js';
export { formatWorkbookIssue } from './issues.js';
export { readDatasetWorkbook, readWorkbookJson, type WorkbookJson } from './read-workbook.js';
export { datasetToWorkbook, templateWorkbook } from './write-workbook.js';
export { EXAMPLE_DATASET } from './example.js';
export { ZIP_LIMITS } from './zip.js';
export { MAX_SHEETS } from './package.js';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export { planToWorkbook } from './plan-workbook.js';
export { datasetFromGeoJson, MAX_OFFSET_KM, type BaseDataset } from './geojson.js';
export { renderReportPdf, type ReportInput } from './report-pdf.js';
export { REPORT_SCENARIOS_MAX, type ReportScenario } from './report-scenarios.js';
