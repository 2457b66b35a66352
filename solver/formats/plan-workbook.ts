/**
 * A plan as a workbook a reviewer can read and forward: summary, phases
 * (spending against budget), coverage by region and phase against the target,
 * the sites (the CSV's columns, one definition in site-columns.ts) and, for a
 * re-plan (SPEC section 6.3), the closed phases and the slipped sites, and for an
 * infeasible plan (SPEC section 7) its remedies.
 */
import { siteTable, type Cell } from '../export.js';
import { TERMS } from '../glossary.js';
import { MONEY, WHOLE } from '../site-columns.js';
import type { Dataset, Plan } from '../types.js';
import { excel } from './excel.js';
import { headerText } from './layout.js';
import { REMEDIES_COLUMNS, REMEDIES_SHEET, remediesRows } from './remedies-sheet.js';
import { displayWidth, styleHeader } from './style.js';

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;

export const SHARE = '0.0%';

export interface Column {
  header: string;
  numFmt?: string;
}

/** A sheet of a header row and its rows, number formats per column, widths to fit. */
export function addSheet(workbook: Workbook, name: string, columns: readonly Column[], rows: readonly Cell[][]): Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(columns.map((column) => column.header));
  for (const row of rows) sheet.addRow(row.map((value) => (value === undefined ? null : value)));
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    if (column.numFmt !== undefined) sheetColumn.numFmt = column.numFmt;
    const widest = Math.max(displayWidth(column.header), ...rows.slice(0, 500).map((row) => displayWidth(shown(row[index], column.numFmt))));
    sheetColumn.width = Math.min(48, Math.max(8, widest + 2));
  });
  styleHeader(sheet, columns.length);
  return sheet;
}

/** Roughly what Excel shows, for the column width. */
function shown(value: Cell, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && numFmt === MONEY) return Math.round(value).toLocaleString('en-US');
  if (typeof value === 'number' && numFmt === SHARE) return '100.0%';
  return String(value);
}

function summaryRows(dataset: Dataset, plan: Plan): Cell[][] {
  const rows: Cell[][] = [
    ['数据集 / data set', dataset.name],
    [`${TERMS.province.zh} / province`, dataset.province],
    ['状态 / status', plan.status],
    [`${TERMS.discountedTotal.zh} / objective (${dataset.currency}, discounted)`, plan.objective],
    [`下界 / bound (${dataset.currency})`, plan.bound],
    ['间隙 / gap', plan.gap],
    [`${TERMS.serviceArea.zh} / service areas`, dataset.serviceAreas.length],
    [`${TERMS.phase.zh} / phases`, dataset.phases.length],
    ['求解器 / engine', plan.stats.engine],
    ['求解时间 / solve time (ms)', Math.round(plan.stats.ms)],
  ];
  if (plan.asOf !== undefined) {
    rows.push([`${TERMS.asOf.zh} / as of`, plan.asOf]);
    rows.push(['数据版本 / data revision', plan.dataRevision ?? null]);
    rows.push(['进度报告截至 / progress as of', plan.progressAsOf ?? null]);
    rows.push([`${TERMS.slipped.zh} / slipped sites`, plan.slipped?.length ?? 0]);
  }
  for (const warning of plan.warnings) rows.push(['警告 / warning', warning]);
  for (const line of plan.diagnosis) rows.push(['诊断 / diagnosis', line]);
  return rows;
}

/** A plan as a formatted workbook. */
export async function planToWorkbook(dataset: Dataset, plan: Plan): Promise<Buffer> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'expressway-charging-planner';
  const isReplan = plan.asOf !== undefined;

  const summary = addSheet(workbook, '摘要 summary', [{ header: '项目 / item' }, { header: '值 / value' }], summaryRows(dataset, plan));
  // Rows 2-4 of the summary: data set, province, status; then objective, bound, gap.
  summary.getRow(5).getCell(2).numFmt = MONEY;
  summary.getRow(6).getCell(2).numFmt = MONEY;
  summary.getRow(7).getCell(2).numFmt = '0.0000%';
  summary.getColumn(2).width = 60;

  const inputs = new Map(dataset.phases.map((phase) => [phase.id, phase]));
  addSheet(
    workbook,
    '分期 phases',
    [
      { header: 'phase' }, { header: 'year', numFmt: WHOLE }, ...(isReplan ? [{ header: 'closed' }] : []),
      { header: 'capex', numFmt: MONEY }, { header: 'budget', numFmt: MONEY }, { header: 'budgetUsed', numFmt: SHARE },
      { header: 'budgetLeft', numFmt: MONEY }, { header: 'newSites', numFmt: WHOLE }, { header: 'piles', numFmt: WHOLE },
    ],
    plan.phases.map((phase) => {
      const budget = inputs.get(phase.id)?.budget;
      const capex = phase.capex;
      return [
        phase.id, phase.year, ...(isReplan ? [phase.closed === true] : []),
        capex, budget, budget !== undefined && budget > 0 && capex !== null ? capex / budget : undefined,
        budget !== undefined && capex !== null ? budget - capex : undefined, phase.newSites, phase.piles,
      ];
    }),
  );

  const regions = new Map(dataset.regions.map((region) => [region.id, region]));
  addSheet(
    workbook,
    '覆盖 coverage',
    [
      { header: 'phase' }, { header: 'region' }, { header: 'regionName' }, { header: 'regionClass' },
      { header: 'covered', numFmt: WHOLE }, { header: 'total', numFmt: WHOLE }, { header: 'required', numFmt: WHOLE },
      { header: 'rate', numFmt: SHARE }, { header: 'target', numFmt: SHARE }, { header: 'met' },
    ],
    plan.phases.flatMap((phase) =>
      phase.coverage.map((coverage) => {
        const region = regions.get(coverage.region);
        const target = region === undefined ? undefined : inputs.get(phase.id)?.targets?.[region.class];
        const met = coverage.met ?? (coverage.required === null ? undefined : coverage.covered >= coverage.required);
        return [phase.id, coverage.region, region?.name, region?.class, coverage.covered, coverage.total, coverage.required, coverage.rate, target, met];
      }),
    ),
  );

  const table = siteTable(dataset, plan);
  addSheet(
    workbook,
    '站点 sites',
    // Bilingual headers, as the template's: "建设分期 / buildPhase"; the CSV and GeoJSON keep the keys alone.
    table.header.map((key, index) => ({ header: headerText({ zh: table.labels[index]!, key }), numFmt: table.numFmts[index] })),
    table.rows,
  );

  if (isReplan) {
    addSheet(
      workbook,
      '已关闭分期 closed',
      [{ header: 'phase' }, { header: 'year', numFmt: WHOLE }, { header: 'reportedSpending', numFmt: MONEY }, { header: 'regionsMet', numFmt: WHOLE }, { header: 'regionsWithTarget', numFmt: WHOLE }],
      plan.phases
        .filter((phase) => phase.closed === true)
        .map((phase) => {
          const targeted = phase.coverage.filter((coverage) => coverage.required !== null);
          return [phase.id, phase.year, phase.capex, targeted.filter((coverage) => coverage.met ?? coverage.covered >= (coverage.required ?? 0)).length, targeted.length];
        }),
    );
    const areas = new Map(dataset.serviceAreas.map((area) => [area.id, area]));
    addSheet(
      workbook,
      `${TERMS.slipped.zh} slipped`,
      [{ header: 'id' }, { header: 'name' }, { header: 'corridor' }, { header: 'km', numFmt: '0.0##' }, { header: 'region' }],
      (plan.slipped ?? []).map((id) => {
        const area = areas.get(id);
        return [id, area?.name, area?.corridor, area?.km, area?.region];
      }),
    );
  }
  if (plan.remedies !== undefined) {
    const { rows, money } = remediesRows(dataset, plan.remedies);
    const sheet = addSheet(workbook, REMEDIES_SHEET, REMEDIES_COLUMNS, rows);
    for (const index of money) sheet.getRow(index + 2).getCell(5).numFmt = MONEY;
    sheet.getColumn(4).width = 90;
    sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
