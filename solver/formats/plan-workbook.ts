/**
 * A plan as a workbook a reviewer can read and forward: summary, phases
 * (spending against budget), coverage by region and phase against the target,
 * the sites (the CSV's columns, one definition in site-columns.ts) and, for a
 * re-plan (SPEC section 6.3), the closed phases and the slipped sites, and for an
 * infeasible plan (SPEC section 7) its remedies.
 *
 * In the planner's language: every header is the glossary's Chinese before the
 * key ("分期 / phase"), and every value that is a word (a status, a class, met
 * or not) is the glossary's Chinese; ids, names and figures are as they are.
 * Programs read the CSV and GeoJSON, which keep the keys and values alone.
 */
import { siteTable, type Cell } from '../export.js';
import { PLAN_STATUS, REGION_CLASS, TERMS, type Term } from '../glossary.js';
import { MONEY, WHOLE } from '../site-columns.js';
import type { Dataset, MessageDetail, Plan } from '../types.js';
import { excel } from './excel.js';
import { headerText } from './layout.js';
import { REMEDIES_COLUMNS, REMEDIES_SHEET, remediesRows } from './remedies-sheet.js';
import { diagnosisInChinese } from './report-diagnosis.js';
import { displayWidth, styleHeader } from './style.js';

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;

export const SHARE = '0.0%';

export interface Column {
  header: string;
  numFmt?: string;
}

/** A column of a plan sheet under its bilingual header, "分期 / phase" (the template's and the sites sheet's form). */
const bilingual = (key: string, term: Term, numFmt?: string): Column => ({ header: headerText({ zh: term.zh, key }), ...(numFmt === undefined ? {} : { numFmt }) });

/** A value that is one of the glossary's words (a status, a class) in Chinese; anything else as it is. */
function inWords(value: Cell, words: Readonly<Record<string, Term>> | undefined): Cell {
  return typeof value === 'string' && words !== undefined && Object.hasOwn(words, value) ? words[value]!.zh : value;
}

/** A yes or no in words (达标 / 未达标), never TRUE / FALSE; an unknown stays empty. */
const yesNo = (value: boolean | undefined, yes: Term, no: Term): Cell => (value === undefined ? undefined : (value ? yes : no).zh);

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
  // A plan stored before messages had codes keeps its English line.
  const inChinese = (detail: MessageDetail | undefined, text: string) => (detail === undefined ? text : diagnosisInChinese(detail, dataset));
  const rows: Cell[][] = [
    ['数据集 / data set', dataset.name],
    [`${TERMS.province.zh} / province`, dataset.province],
    [`${TERMS.planStatus.zh} / status`, PLAN_STATUS[plan.status].zh],
    [`${TERMS.discountedTotal.zh} / objective (${dataset.currency}, discounted)`, plan.objective],
    [`下界 / bound (${dataset.currency})`, plan.bound],
    ['最优性差距 / gap', plan.gap],
    [`${TERMS.serviceArea.zh} / service areas`, dataset.serviceAreas.length],
    [`${TERMS.phase.zh} / phases`, dataset.phases.length],
    ['求解器 / engine', plan.stats.engine],
    ['求解时间 / solve time (ms)', Math.round(plan.stats.ms)],
  ];
  if (plan.asOf !== undefined) {
    rows.push([`${TERMS.asOf.zh} / as of`, plan.asOf]);
    rows.push([`${TERMS.dataRevision.zh} / data revision`, plan.dataRevision ?? null]);
    rows.push([`${TERMS.progressAsOf.zh} / progress as of`, plan.progressAsOf ?? null]);
    rows.push([`${TERMS.slipped.zh} / slipped sites`, plan.slipped?.length ?? 0]);
  }
  plan.warnings.forEach((text, index) => rows.push([`${TERMS.warnings.zh} / warning`, inChinese(plan.warningDetails[index], text)]));
  plan.diagnosis.forEach((text, index) => rows.push([`${TERMS.diagnosis.zh} / diagnosis`, inChinese(plan.diagnosisDetails[index], text)]));
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
      bilingual('phase', TERMS.phase), bilingual('year', TERMS.year, WHOLE), ...(isReplan ? [bilingual('closed', TERMS.status)] : []),
      bilingual('capex', TERMS.spending, MONEY), bilingual('budget', TERMS.budget, MONEY), bilingual('budgetUsed', TERMS.budgetUsed, SHARE),
      bilingual('budgetLeft', TERMS.budgetLeft, MONEY), bilingual('newSites', TERMS.newSites, WHOLE), bilingual('piles', TERMS.piles, WHOLE),
    ],
    plan.phases.map((phase) => {
      const budget = inputs.get(phase.id)?.budget;
      const capex = phase.capex;
      return [
        phase.id, phase.year, ...(isReplan ? [yesNo(phase.closed === true, TERMS.closedPhase, TERMS.openPhase)] : []),
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
      bilingual('phase', TERMS.phase), bilingual('region', TERMS.region), bilingual('regionName', TERMS.regionName), bilingual('regionClass', TERMS.regionClass),
      bilingual('covered', TERMS.covered, WHOLE), bilingual('total', TERMS.regionSites, WHOLE), bilingual('required', TERMS.required, WHOLE),
      bilingual('rate', TERMS.coverage, SHARE), bilingual('target', TERMS.target, SHARE), bilingual('met', TERMS.met),
    ],
    plan.phases.flatMap((phase) =>
      phase.coverage.map((coverage) => {
        const region = regions.get(coverage.region);
        const target = region === undefined ? undefined : inputs.get(phase.id)?.targets?.[region.class];
        const met = coverage.met ?? (coverage.required === null ? undefined : coverage.covered >= coverage.required);
        return [phase.id, coverage.region, region?.name, inWords(region?.class, REGION_CLASS), coverage.covered, coverage.total, coverage.required, coverage.rate, target, yesNo(met, TERMS.met, TERMS.unmet)];
      }),
    ),
  );

  const table = siteTable(dataset, plan);
  addSheet(
    workbook,
    '站点 sites',
    // Bilingual headers, as the template's: "建设分期 / buildPhase"; the CSV and GeoJSON keep the keys alone.
    table.header.map((key, index) => ({ header: headerText({ zh: table.labels[index]!, key }), numFmt: table.numFmts[index] })),
    table.rows.map((row) => row.map((value, index) => inWords(value, table.words[index]))),
  );

  if (isReplan) {
    addSheet(
      workbook,
      '已关闭分期 closed',
      [bilingual('phase', TERMS.phase), bilingual('year', TERMS.year, WHOLE), bilingual('reportedSpending', TERMS.spent, MONEY), bilingual('regionsMet', TERMS.regionsMet, WHOLE), bilingual('regionsWithTarget', TERMS.regionsWithTarget, WHOLE)],
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
      [bilingual('id', TERMS.id), bilingual('name', TERMS.name), bilingual('corridor', TERMS.corridor), bilingual('km', TERMS.km, '0.0##'), bilingual('region', TERMS.region)],
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
