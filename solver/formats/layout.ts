/**
 * The data set workbook's layout: which sheet holds which part of a data set
 * (SPEC section 1) and which column or row holds which field. The template
 * writer, the reader and the JSON-path-to-cell mapping all read this one table.
 */
import { REGION_CLASS, TERMS } from '../glossary.js';
import { defaultAssumptions, defaultCosts } from '../normalize.js';

/** How a cell's value becomes a JSON value. */
export type FieldKind = 'text' | 'number' | 'choice';

export interface Field {
  /** JSON key; "targets.priority" for a key of a nested object. */
  key: string;
  /** Chinese label of the bilingual header, in the glossary's words. */
  zh: string;
  /** Chinese labels of earlier templates, still read (a header 区域 is the region column). */
  formerZh?: readonly string[];
  kind: FieldKind;
  /** Allowed values of a choice field (a drop-down list in the template). */
  choices?: readonly string[];
  /** Excel number format of the column or value cell. */
  numFmt?: string;
  /** Column width, characters. */
  width?: number;
  /** Default applied by the planner when the cell is empty, shown in the template. */
  defaultValue?: number | string;
  /** One line for the person filling the sheet. */
  note: string;
}

/** A sheet with one row per item of an array of the data set. */
export interface TableSheet {
  type: 'table';
  part: 'phases' | 'regions' | 'corridors' | 'serviceAreas' | 'traffic';
  name: string;
  /** Names of the sheet in earlier templates, still read. */
  formerNames?: readonly string[];
  fields: readonly Field[];
}

/** A sheet with one row per field of an object (or of the data set's top level). */
export interface FieldSheet {
  type: 'fields';
  /** "$" for the data set's own fields (province, name, ...). */
  part: '$' | 'assumptions' | 'costs';
  name: string;
  formerNames?: readonly string[];
  fields: readonly Field[];
}

export type SheetLayout = TableSheet | FieldSheet;

export const INSTRUCTIONS_SHEET = '说明 instructions';

const MONEY = '#,##0';
const KM = '0.0##';
const SHARE = '0.0##%';
const WHOLE = '0';
const REGION = TERMS.region.zh;
const CORRIDOR = TERMS.corridor.zh;

/** Column order of a field sheet: field, label, value, default, note. */
export const FIELD_SHEET_COLUMNS = { key: 1, label: 2, value: 3, defaultValue: 4, note: 5 } as const;

export const DATASET_SHEET: FieldSheet = {
  type: 'fields',
  part: '$',
  name: '数据集 dataset',
  fields: [
    { key: 'province', zh: '省份代码', kind: 'text', note: 'Submitting province: 1-16 letters, digits, _ or -, e.g. GD' },
    { key: 'name', zh: '名称', kind: 'text', note: 'Name of the data set, any script' },
    { key: 'baseYear', zh: '基准年', kind: 'number', numFmt: WHOLE, note: 'Year the traffic counts and costs refer to' },
    { key: 'currency', zh: '货币', kind: 'text', note: 'Currency label, e.g. CNY' },
  ],
};

export const TABLE_SHEETS: readonly TableSheet[] = [
  {
    type: 'table',
    part: 'phases',
    name: '分期 phases',
    fields: [
      { key: 'id', zh: '编号', kind: 'text', width: 10, note: 'Unique phase id, e.g. 2025' },
      { key: 'year', zh: '年份', kind: 'number', numFmt: WHOLE, width: 8, note: 'Year the phase ends; strictly increasing, after baseYear' },
      { key: 'evShare', zh: '电动车占比', kind: 'number', numFmt: SHARE, width: 12, note: 'Share of passing vehicles that are EVs, 0-1' },
      { key: 'targets.priority', zh: `${REGION_CLASS.priority.zh}目标`, formerZh: ['重点区域目标'], kind: 'number', numFmt: SHARE, width: 14, note: 'Coverage target of priority regions, 0-1; empty: none' },
      { key: 'targets.standard', zh: `${REGION_CLASS.standard.zh}目标`, formerZh: ['一般区域目标'], kind: 'number', numFmt: SHARE, width: 14, note: 'Coverage target of standard regions, 0-1; empty: none' },
      { key: 'budget', zh: '预算', kind: 'number', numFmt: MONEY, width: 16, note: 'Spending cap of the phase; empty: none' },
      { key: 'maxGapKm', zh: '最大间距(公里)', kind: 'number', numFmt: KM, width: 14, note: 'Longest gap between covered service areas; empty: none' },
    ],
  },
  {
    type: 'table',
    part: 'regions',
    name: `${REGION} regions`,
    formerNames: ['区域 regions', '区域'],
    fields: [
      { key: 'id', zh: '编号', kind: 'text', width: 12, note: 'Unique region id' },
      { key: 'name', zh: '名称', kind: 'text', width: 16, note: 'Name, any script' },
      { key: 'class', zh: '类别', kind: 'choice', choices: ['priority', 'standard'], width: 12, note: 'priority or standard' },
    ],
  },
  {
    type: 'table',
    part: 'corridors',
    name: `${CORRIDOR} corridors`,
    formerNames: ['通道 corridors', '通道'],
    fields: [
      { key: 'id', zh: '编号', kind: 'text', width: 10, note: 'Unique corridor id, e.g. G4' },
      { key: 'name', zh: '名称', kind: 'text', width: 16, note: 'Name, any script' },
      { key: 'startKm', zh: '起点桩号', kind: 'number', numFmt: KM, width: 12, note: 'km of the start' },
      { key: 'endKm', zh: '终点桩号', kind: 'number', numFmt: KM, width: 12, note: 'km of the end, greater than startKm' },
    ],
  },
  {
    type: 'table',
    part: 'serviceAreas',
    name: `${TERMS.serviceArea.zh} serviceAreas`,
    fields: [
      { key: 'id', zh: TERMS.id.zh, kind: 'text', width: 12, note: 'Unique service area id' },
      { key: 'name', zh: TERMS.name.zh, kind: 'text', width: 16, note: 'Name, any script' },
      { key: 'corridor', zh: CORRIDOR, formerZh: ['通道'], kind: 'text', width: 10, note: `Corridor id (sheet ${CORRIDOR} corridors)` },
      { key: 'km', zh: TERMS.km.zh, kind: 'number', numFmt: KM, width: 10, note: 'Position on the corridor, km' },
      { key: 'region', zh: REGION, formerZh: ['区域', '地区'], kind: 'text', width: 12, note: `Region id (sheet ${REGION} regions)` },
      { key: 'lat', zh: TERMS.lat.zh, kind: 'number', numFmt: '0.00000', width: 10, note: 'Latitude, degrees; optional' },
      { key: 'lon', zh: TERMS.lon.zh, kind: 'number', numFmt: '0.00000', width: 11, note: 'Longitude, degrees; optional' },
      { key: 'existingPiles', zh: '现有充电桩', kind: 'number', numFmt: WHOLE, width: 12, defaultValue: 0, note: 'Fast-charging piles in service; default 0' },
      { key: 'maxPiles', zh: '最多充电桩', kind: 'number', numFmt: WHOLE, width: 12, note: 'Parking/land limit; default assumptions maxPilesPerSite' },
      { key: 'gridKw', zh: '电网容量(kW)', kind: 'number', numFmt: '#,##0', width: 13, defaultValue: 0, note: 'kW without a grid upgrade; default 0' },
      { key: 'status', zh: TERMS.status.zh, kind: 'choice', choices: ['candidate', 'excluded', 'required'], width: 11, defaultValue: 'candidate', note: 'candidate (default), excluded or required' },
      { key: 'requiredBy', zh: TERMS.requiredBy.zh, kind: 'text', width: 10, note: 'Only with status required: phase id; default the last phase' },
      { key: 'siteCost', zh: '站点费用', kind: 'number', numFmt: MONEY, width: 14, note: 'Overrides costs site for this service area; optional' },
    ],
  },
  {
    type: 'table',
    part: 'traffic',
    name: '交通量 traffic',
    fields: [
      { key: 'corridor', zh: CORRIDOR, formerZh: ['通道'], kind: 'text', width: 10, note: 'Corridor id' },
      { key: 'fromKm', zh: '起点桩号', kind: 'number', numFmt: KM, width: 12, note: 'Start of the stretch, km' },
      { key: 'toKm', zh: '终点桩号', kind: 'number', numFmt: KM, width: 12, note: 'End of the stretch, km (exclusive)' },
      { key: 'aadt', zh: '年平均日交通量', kind: 'number', numFmt: '#,##0', width: 16, note: 'Two-way AADT in baseYear, vehicles/day' },
    ],
  },
];

export const ASSUMPTIONS_SHEET: FieldSheet = {
  type: 'fields',
  part: 'assumptions',
  name: '假设 assumptions',
  fields: [
    { key: 'trafficGrowth', zh: '交通量年增长率', kind: 'number', numFmt: SHARE, defaultValue: defaultAssumptions.trafficGrowth, note: 'Yearly AADT growth after baseYear' },
    { key: 'chargeRate', zh: '充电停靠率', kind: 'number', numFmt: SHARE, defaultValue: defaultAssumptions.chargeRate, note: 'Share of passing EVs that stop to fast-charge' },
    { key: 'peakHourShare', zh: '高峰小时系数', kind: 'number', numFmt: SHARE, defaultValue: defaultAssumptions.peakHourShare, note: 'Share of daily traffic in the design hour' },
    { key: 'sessionMinutes', zh: '充电时长(分钟)', kind: 'number', numFmt: '0.#', defaultValue: defaultAssumptions.sessionMinutes, note: 'Mean fast-charging session, minutes' },
    { key: 'maxWaitProbability', zh: '最大排队概率', kind: 'number', numFmt: SHARE, defaultValue: defaultAssumptions.maxWaitProbability, note: 'Erlang C: highest chance an arriving EV waits' },
    { key: 'pileKw', zh: '单桩功率(kW)', kind: 'number', numFmt: '0.#', defaultValue: defaultAssumptions.pileKw, note: 'Rated power of one pile, kW' },
    { key: 'minPilesPerSite', zh: '每站最少桩数', kind: 'number', numFmt: WHOLE, defaultValue: defaultAssumptions.minPilesPerSite, note: 'Piles a service area needs to count as covered' },
    { key: 'maxPilesPerSite', zh: '每站最多桩数', kind: 'number', numFmt: WHOLE, defaultValue: defaultAssumptions.maxPilesPerSite, note: 'Default pile cap of a service area' },
  ],
};

export const COSTS_SHEET: FieldSheet = {
  type: 'fields',
  part: 'costs',
  name: '成本 costs',
  fields: [
    { key: 'site', zh: '站点费用', kind: 'number', numFmt: MONEY, defaultValue: defaultCosts.site, note: 'One-off cost to equip a not yet covered service area' },
    { key: 'perPile', zh: '每桩费用', kind: 'number', numFmt: MONEY, defaultValue: defaultCosts.perPile, note: 'Cost of each pile added' },
    { key: 'gridPerKw', zh: '电网扩容每kW费用', kind: 'number', numFmt: MONEY, defaultValue: defaultCosts.gridPerKw, note: 'Cost of each kW of grid upgrade' },
    { key: 'discountRate', zh: '折现率', kind: 'number', numFmt: SHARE, defaultValue: defaultCosts.discountRate, note: 'Yearly discount rate from baseYear' },
  ],
};

/** Every data sheet, in the order of the workbook. */
export const DATA_SHEETS: readonly SheetLayout[] = [DATASET_SHEET, ...TABLE_SHEETS, ASSUMPTIONS_SHEET, COSTS_SHEET];

/** The bilingual header of a column: "桩号 / km". */
export function headerText(field: Pick<Field, 'zh' | 'key'>): string {
  return `${field.zh} / ${field.key}`;
}

/** The field a header cell names: by its English key after the slash, or by either label alone. */
export function fieldOfHeader(fields: readonly Field[], header: string): Field | undefined {
  const text = header.trim();
  const english = text.includes('/') ? text.slice(text.lastIndexOf('/') + 1).trim() : text;
  return fields.find((field) => field.key === english || field.key === text || field.zh === text || field.formerZh?.includes(text) === true);
}

/** The sheet of a workbook that holds a part: its exact name, or its English or Chinese half alone. */
export function matchesSheet(layout: SheetLayout, sheetName: string): boolean {
  const name = sheetName.trim();
  const [zh, english] = layout.name.split(' ');
  return name === layout.name || name === english || name === zh || layout.formerNames?.includes(name) === true;
}

/** 1 -> "A", 27 -> "AA". */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
