/**
 * Writes a data set as a workbook in the template's layout (layout.ts), and the
 * template itself: the same workbook filled with the example province, plus an
 * instructions sheet. Bilingual headers, drop-down lists for the choice
 * columns, number formats, frozen headers. Reading the workbook back gives
 * the same data set (JSON -> XLSX -> JSON).
 */
import { REGION_CLASS, TERMS } from '../glossary.js';
import type { Dataset } from '../types.js';
import { excel } from './excel.js';
import { EXAMPLE_DATASET } from './example.js';
import {
  columnLetter,
  DATA_SHEETS,
  FIELD_SHEET_COLUMNS,
  headerText,
  INSTRUCTIONS_SHEET,
  type Field,
  type FieldSheet,
  type TableSheet,
} from './layout.js';
import { displayWidth, styleHeader } from './style.js';

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;
type JsonObject = Record<string, unknown>;

/** Rows a drop-down list reaches: the largest table (service areas) at its limit. */
const LIST_ROWS = 5_001;

function getPath(item: JsonObject, key: string): unknown {
  let value: unknown = item;
  for (const part of key.split('.')) value = value !== null && typeof value === 'object' ? (value as JsonObject)[part] : undefined;
  return value;
}

/** Excel keeps a cell's text as typed; numbers stay numbers. */
function cellValue(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function addTable(workbook: Workbook, layout: TableSheet, items: readonly JsonObject[]): void {
  const sheet = workbook.addWorksheet(layout.name);
  sheet.columns = layout.fields.map((field) => ({
    header: headerText(field),
    key: field.key,
    width: Math.max(field.width ?? 10, displayWidth(headerText(field)) + 2),
    ...(field.numFmt === undefined ? {} : { style: { numFmt: field.numFmt } }),
  }));
  layout.fields.forEach((field, index) => {
    sheet.getRow(1).getCell(index + 1).note = field.note;
  });
  for (const item of items) sheet.addRow(layout.fields.map((field) => cellValue(getPath(item, field.key))));
  styleHeader(sheet, layout.fields.length);
  addChoiceLists(sheet, layout.fields);
}

function addChoiceLists(sheet: Worksheet, fields: readonly Field[]): void {
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations;
  fields.forEach((field, index) => {
    if (field.choices === undefined) return;
    const column = columnLetter(index + 1);
    validations.add(`${column}2:${column}${LIST_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${field.choices.join(',')}"`],
      showErrorMessage: true,
      errorTitle: field.key,
      error: `${field.zh} / ${field.key}: ${field.choices.join(', ')}`,
    });
  });
}

function addFields(workbook: Workbook, layout: FieldSheet, source: JsonObject | undefined): void {
  const sheet = workbook.addWorksheet(layout.name);
  sheet.columns = [
    { header: '字段 / field', key: 'key', width: 22 },
    { header: '名称 / label', key: 'label', width: 20 },
    { header: '值 / value', key: 'value', width: 44 },
    { header: '默认 / default', key: 'default', width: 14 },
    { header: '说明 / note', key: 'note', width: 56 },
  ];
  for (const field of layout.fields) {
    const row = sheet.addRow([field.key, field.zh, cellValue(source?.[field.key]), cellValue(field.defaultValue), field.note]);
    if (field.numFmt !== undefined) {
      row.getCell(FIELD_SHEET_COLUMNS.value).numFmt = field.numFmt;
      row.getCell(FIELD_SHEET_COLUMNS.defaultValue).numFmt = field.numFmt;
    }
  }
  styleHeader(sheet, 5);
}

const INSTRUCTIONS: readonly string[] = [
  '高速公路快充网络规划 数据集模板 / Expressway fast-charging planner: data set template',
  '',
  '每个工作表对应数据集的一部分；第 1 行是表头（中文 / English），请勿修改表头。',
  'Each sheet holds one part of the data set; row 1 holds the headers (中文 / English): keep them.',
  '示例行可直接覆盖或删除；空行会被忽略。Overwrite or delete the example rows; blank rows are ignored.',
  '空单元格表示“未填写”，规划器使用默认值。An empty cell means "not given": the planner uses the default.',
  '公式按其保存的计算结果读取；不接受合并单元格。Formulas count by their saved value; merged cells are not accepted.',
  '比例填小数或百分数（4% 即 0.04）。Shares are decimals or percentages (4% is 0.04).',
  '',
  '工作表 / Sheets:',
  '数据集 dataset: 省份代码、名称、基准年、货币 / province, name, baseYear, currency',
  '分期 phases: 各分期的年份、电动车占比、覆盖目标、预算、最大间距 / one row per phase',
  `${TERMS.region.zh} regions: ${TERMS.region.zh}及其类别（priority ${REGION_CLASS.priority.zh} / standard ${REGION_CLASS.standard.zh}） / one row per region`,
  '路线 corridors: 高速路线及起止桩号 / one row per corridor',
  '服务区 serviceAreas: 服务区位置、现有桩数、容量、状态 / one row per service area',
  '交通量 traffic: 各路段的年平均日交通量 / one row per corridor stretch',
  '假设 assumptions, 成本 costs: 只填写与默认值不同的值 / fill only the values that differ from the defaults',
  '',
  '导入 / Import: npm run convert -- dataset.xlsx --out dataset.json, or POST /v1/plans with this file.',
];

function addInstructions(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.getColumn(1).width = 110;
  for (const line of INSTRUCTIONS) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true, size: 14 };
}

async function build(dataset: Dataset, withInstructions: boolean): Promise<Buffer> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'expressway-charging-planner';
  if (withInstructions) addInstructions(workbook);
  const source = dataset as unknown as JsonObject;
  for (const layout of DATA_SHEETS) {
    if (layout.type === 'table') addTable(workbook, layout, (source[layout.part] as JsonObject[] | undefined) ?? []);
    else addFields(workbook, layout, layout.part === '$' ? source : (source[layout.part] as JsonObject | undefined));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A data set as a workbook in the template's layout. */
export function datasetToWorkbook(dataset: Dataset): Promise<Buffer> {
  return build(dataset, true);
}

/** The template: instructions and every data sheet, filled with an example province to overwrite. */
export function templateWorkbook(): Promise<Buffer> {
  return build(EXAMPLE_DATASET, true);
}
