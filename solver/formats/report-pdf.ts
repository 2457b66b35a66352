/**
 * A plan version as a report to file: A4, Chinese, with a cover (province,
 * plan, version, as-of date, review state, plan of record), the targets
 * matrix, the phases' spending against budget, a map, every site by build
 * phase, and the diagnosis (with remedies when the plan has them) of an
 * infeasible plan, and, when asked, the chosen scenarios beside the plan;
 * page numbers and the generated date on every page.
 *
 * Pure: the font's bytes come in (the caller reads the file once), the PDF's
 * bytes go out. The font is subset into the PDF, so a report carries only the
 * glyphs it uses.
 */
import { PLAN_STATUS, REGION_CLASS, REVIEW_STATE, SITE_STATUS, TERMS, VERSION_TRIGGER, provinceName } from '../glossary.js';
import { targetsMatrix, type TargetsMatrix } from '../targets.js';
import { siteColumnZh } from '../site-columns.js';
import type { Dataset, Plan } from '../types.js';
import { drawMap } from './report-map.js';
import { type Column, type Cursor, type TableCell, A4, CONTENT_WIDTH, INK, MARGIN, MET, MUTED, UNMET, fmtMoney, heading, newPage, paragraph, put, table } from './report-page.js';
import { diagnosisInChinese } from './report-diagnosis.js';
import { remediesSection } from './report-remedies.js';
import { scenarioComparisonSection, type ReportScenario } from './report-scenarios.js';

/** What the report says about the version beside its plan. */
export interface ReportInput {
  dataset: Dataset;
  plan: Plan;
  /** Version number of the plan; null when the plan is not a stored version (the CLI). */
  version: number | null;
  /** What made the version (SPEC 6.4); omitted when not known. */
  trigger?: keyof typeof VERSION_TRIGGER;
  /** The version's review state (SPEC 6.6). Default "none". */
  reviewState?: keyof typeof REVIEW_STATE;
  /** Version number of the plan's plan of record (its latest approved version); null when none. */
  planOfRecord?: number | null;
  /** The moment the report is made, ISO 8601; printed in China Standard Time. */
  generatedAt: string;
  /** Scenarios to compare beside the plan on a page of their own (SPEC 8); none: no such page. */
  scenarios?: readonly ReportScenario[];
}

type Doc = PDFKit.PDFDocument;

const TITLE = `高速公路${TERMS.fastCharging.zh}网络规划报告`;

const moneyFigure = (value: number | null | undefined, currency: string): string => fmtMoney(value, currency).replace(/ 万元$/, '');
const moneyUnit = (currency: string): string => (currency === 'CNY' ? '万元' : currency);
const percent = (rate: number, digits = 1): string => `${(rate * 100).toFixed(digits)}%`;

/** An ISO instant as a date and time in China Standard Time (UTC+8). */
function chinaTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

const versionText = (version: number | null | undefined): string => (version === null || version === undefined ? '—' : `第 ${version} 版`);

/** Renders the report; resolves to the PDF's bytes. */
export async function renderReportPdf(input: ReportInput, font: Uint8Array): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit');
  const { dataset, plan } = input;
  const province = provinceName(dataset.province, 'zh');
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    // No built-in Latin font (its metrics file would be read from disk): the CJK font is the only one.
    font: null as unknown as string,
    lang: 'zh-CN',
    info: { Title: `${province} ${dataset.name} ${TITLE}`, Creator: 'expressway-charging-planner', CreationDate: new Date(input.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', Buffer.from(font.buffer, font.byteOffset, font.byteLength));
  doc.font('cjk');

  const matrix = targetsMatrix(dataset, plan);
  const cursor: Cursor = { doc, y: MARGIN.top };
  cover(cursor, input, matrix, province);
  newPage(cursor);
  targetsSection(cursor, dataset, plan, matrix);
  phasesSection(cursor, input, matrix);
  if (plan.status === 'infeasible' || plan.diagnosis.length > 0) diagnosisSection(cursor, input);
  if (plan.warnings.length > 0) {
    heading(cursor, TERMS.warnings.zh);
    for (const detail of plan.warningDetails) paragraph(cursor, `• ${diagnosisInChinese(detail, input.dataset)}`);
  }
  scenarioComparisonSection(cursor, dataset, plan, input.version, input.scenarios ?? []);
  newPage(cursor);
  heading(cursor, '地图');
  drawMap(cursor, dataset, plan);
  newPage(cursor);
  siteSection(cursor, input);
  frame(doc, `${province} · ${dataset.name} · ${versionText(input.version)}`, chinaTime(input.generatedAt));
  doc.end();
  return finished;
}

/** Running header (not on the cover), page number and generated date on every page. */
function frame(doc: Doc, title: string, generated: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const footerY = A4.height - MARGIN.bottom + 18;
    if (index > range.start) {
      doc.fontSize(7.5);
      put(doc, title, MARGIN.left, MARGIN.top - 26, 7.5, MUTED);
      doc.moveTo(MARGIN.left, MARGIN.top - 14).lineTo(A4.width - MARGIN.right, MARGIN.top - 14).lineWidth(0.4).strokeColor('#dddddd').stroke();
    }
    put(doc, `生成于 ${generated}`, MARGIN.left, footerY, 7.5, MUTED);
    put(doc, `第 ${index - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN.left, footerY, 7.5, MUTED, { align: 'right', width: CONTENT_WIDTH });
  }
}

function cover(cursor: Cursor, input: ReportInput, matrix: TargetsMatrix, province: string): void {
  const { doc } = cursor;
  const { dataset, plan } = input;
  cursor.y = 150;
  put(doc, province, MARGIN.left, cursor.y, 26, INK, { heavy: true });
  cursor.y += 44;
  put(doc, TITLE, MARGIN.left, cursor.y, 20, INK, { heavy: true });
  cursor.y += 36;
  paragraph(cursor, dataset.name, { size: 13, color: MUTED });
  cursor.y += 24;
  const record = input.planOfRecord ?? null;
  const facts: [string, string][] = [
    [TERMS.province.zh, `${province}（${dataset.province}）`],
    ['方案名称', dataset.name],
    [TERMS.version.zh, versionText(input.version) + (input.trigger === undefined ? '' : `（${VERSION_TRIGGER[input.trigger].zh}）`)],
    [TERMS.asOf.zh, plan.asOf ?? '—（首版规划，未关闭任何分期）'],
    [TERMS.reviewState.zh, REVIEW_STATE[input.reviewState ?? 'none'].zh],
    [TERMS.planOfRecord.zh, record === null ? '暂无（尚无已批准版本）' : record === input.version ? `${versionText(record)}（即本版）` : versionText(record)],
    [TERMS.planStatus.zh, PLAN_STATUS[plan.status].zh],
    ['服务区数', `${dataset.serviceAreas.length} 个，${dataset.corridors.length} 条${TERMS.corridor.zh}，${dataset.regions.length} 个${TERMS.region.zh}`],
  ];
  if (plan.dataRevision !== undefined && plan.dataRevision !== null) facts.push([TERMS.dataRevision.zh, `第 ${plan.dataRevision} 次`]);
  if (plan.progressAsOf !== undefined) facts.push([TERMS.progressAsOf.zh, plan.progressAsOf ?? '无']);
  for (const [label, value] of facts) {
    put(doc, label, MARGIN.left, cursor.y, 10.5, MUTED);
    put(doc, value, MARGIN.left + 110, cursor.y, 10.5, INK);
    cursor.y += 19;
  }
  cursor.y += 18;
  heading(cursor, '要点', 2);
  for (const line of headlines(dataset, matrix)) {
    put(doc, line.text, MARGIN.left, cursor.y, 10, line.ok === undefined ? INK : line.ok ? MET : UNMET);
    cursor.y += 17;
  }
}

interface Headline {
  text: string;
  ok?: boolean;
}

/** Targets first, then money: the lines a reviewer reads before anything else. */
export const headlines = (dataset: Dataset, matrix: TargetsMatrix): Headline[] => [...targetLines(matrix), ...moneyLines(dataset, matrix)];

function targetLines(matrix: TargetsMatrix): Headline[] {
  const lines: Headline[] = matrix.phases
    .filter((phase) => phase.hasTargets)
    .map((phase) => ({
      text: `${phase.phase}${phase.closed ? `（${TERMS.closedPhase.zh}）` : ''}：${phase.targetsTotal} 个${TERMS.region.zh}中 ${phase.targetsMet} 个${TERMS.met.zh}`,
      ok: phase.targetsMet === phase.targetsTotal,
    }));
  for (const entry of matrix.classes) {
    const figures = `${entry.phase} 年${REGION_CLASS[entry.class].zh}覆盖 ${entry.covered}/${entry.total}（${percent(entry.rate)}），目标 ${percent(entry.target, 0)}`;
    const verdict = entry.met ? TERMS.met.zh : `${TERMS.unmet.zh}，差 ${entry.shortfallSites} 个${TERMS.serviceArea.zh}（${entry.shortfallPoints.toFixed(1)} 个百分点）`;
    lines.push({ text: `${figures}：${verdict}`, ok: entry.met });
  }
  return lines;
}

function moneyLines(dataset: Dataset, matrix: TargetsMatrix): Headline[] {
  const lines: Headline[] = [];
  const { money } = matrix;
  const currency = dataset.currency;
  if (money.discounted === null) {
    lines.push({ text: `${TERMS.nominalTotal.zh}：—（没有可行方案）`, ok: false });
    if (money.spent !== undefined) lines.push({ text: `${TERMS.spent.zh}（已结束分期）：${fmtMoney(money.spent, currency)}` });
    return lines;
  }
  lines.push({ text: `${TERMS.nominalTotal.zh}：${fmtMoney(money.nominal, currency)}` });
  if (money.spent !== undefined) {
    const unreported = money.unreported !== undefined && money.unreported.length > 0 ? `（${money.unreported.join('、')} 未报告）` : '';
    lines.push({ text: `其中${TERMS.spent.zh}（已结束分期）：${fmtMoney(money.spent, currency)}${unreported}；${TERMS.planned.zh}（未结束分期）：${fmtMoney(money.planned, currency)}` });
  }
  const scope = money.spent !== undefined ? '未结束分期，' : '';
  lines.push({ text: `${TERMS.discountedTotal.zh}（${scope}${TERMS.discountRate.zh} ${percent(money.discountRate, 1)}，折现至 ${dataset.baseYear} 年）：${fmtMoney(money.discounted, currency)}` });
  return lines;
}

function targetsSection(cursor: Cursor, dataset: Dataset, plan: Plan, matrix: TargetsMatrix): void {
  const noPlan = plan.objective === null;
  heading(cursor, '目标达成情况');
  const phases = matrix.phases.filter((phase) => phase.hasTargets);
  if (phases.length === 0) {
    paragraph(cursor, '各分期均未设覆盖率目标。');
    return;
  }
  if (noPlan) paragraph(cursor, `${PLAN_STATUS[plan.status].zh}：下表只计规划前已有的${TERMS.serviceArea.zh}（及已结束分期的建成情况）。`, { color: UNMET });
  paragraph(cursor, `表头：分期及其目标（${REGION_CLASS.priority.zh} / ${REGION_CLASS.standard.zh}）。每格：已覆盖 / 应覆盖${TERMS.serviceArea.zh}数，覆盖率，${TERMS.met.zh}或${TERMS.unmet.zh}（差几个${TERMS.serviceArea.zh}）。`, { size: 8.5, color: MUTED });
  cursor.y += 4;
  const targets = new Map(dataset.phases.map((phase) => [phase.id, phase.targets]));
  const cellWidth = Math.min(90, (CONTENT_WIDTH - 130) / phases.length);
  const columns: Column[] = [
    { header: TERMS.region.zh, width: 85 },
    { header: '类别', width: 45 },
    ...phases.map((phase) => {
      const target = targets.get(phase.phase);
      const shares = [target?.priority, target?.standard].map((share) => (share === undefined ? '—' : percent(share, 0))).join(' / ');
      return { header: `${phase.phase}${phase.closed ? ` ${TERMS.closedPhase.zh}` : ''}\n${shares}`, width: cellWidth, align: 'center' as const };
    }),
  ];
  const regionIds = [...new Set(matrix.cells.map((cell) => cell.region))];
  const cells = new Map(matrix.cells.map((cell) => [`${cell.phase}|${cell.region}`, cell]));
  const rows: TableCell[][] = regionIds.map((regionId) => {
    const first = matrix.cells.find((cell) => cell.region === regionId)!;
    return [
      first.name,
      first.class === null ? '—' : REGION_CLASS[first.class].zh,
      ...phases.map((phase): TableCell => {
        const cell = cells.get(`${phase.phase}|${regionId}`);
        if (cell === undefined) return '—';
        const verdict = cell.met ? TERMS.met.zh : `${TERMS.unmet.zh} 差 ${cell.shortfall}`;
        return { lines: [`${cell.covered}/${cell.required} · ${percent(cell.rate)}`, verdict], color: cell.met ? MET : UNMET };
      }),
    ];
  });
  rows.push([
    '达标地市', '',
    ...phases.map((phase): TableCell => ({ lines: [`${phase.targetsMet} / ${phase.targetsTotal}`], color: phase.targetsMet === phase.targetsTotal ? MET : UNMET })),
  ]);
  table(cursor, columns, rows, { size: 8, rowHeight: 26, headerLines: 2 });
}

function phasesSection(cursor: Cursor, input: ReportInput, matrix: TargetsMatrix): void {
  const { dataset, plan } = input;
  const unit = moneyUnit(dataset.currency);
  heading(cursor, '分期投资与预算');
  const budgets = new Map(dataset.phases.map((phase) => [phase.id, phase.budget]));
  const counts = new Map(matrix.phases.map((phase) => [phase.phase, phase]));
  const columns: Column[] = [
    { header: TERMS.phase.zh, width: 50 }, { header: TERMS.status.zh, width: 45 },
    { header: `${TERMS.spending.zh}（${unit}）`, width: 75, align: 'right' }, { header: `${TERMS.budget.zh}（${unit}）`, width: 75, align: 'right' },
    { header: TERMS.budgetUsed.zh, width: 50, align: 'right' }, { header: TERMS.newSites.zh, width: 55, align: 'right' },
    { header: TERMS.piles.zh, width: 55, align: 'right' }, { header: TERMS.regionsMet.zh, width: CONTENT_WIDTH - 405, align: 'right' },
  ];
  const rows: TableCell[][] = plan.phases.map((phase) => {
    const budget = budgets.get(phase.id);
    // An open phase of a plan that was not found has no spending to show.
    const capex = plan.objective === null && phase.closed !== true ? null : phase.capex;
    const over = budget !== undefined && capex !== null && capex > budget * (1 + 1e-9);
    const targets = counts.get(phase.id);
    return [
      phase.id,
      phase.closed === true ? TERMS.closedPhase.zh : plan.asOf === undefined ? '规划' : TERMS.openPhase.zh,
      capex === null ? (phase.closed === true ? '未报告' : '—') : moneyFigure(capex, dataset.currency),
      budget === undefined ? '不限' : moneyFigure(budget, dataset.currency),
      { lines: [budget === undefined || budget <= 0 || capex === null ? '—' : percent(capex / budget)], color: over ? UNMET : INK },
      String(phase.newSites),
      phase.piles.toLocaleString('en-US'),
      targets === undefined || !targets.hasTargets ? '—' : { lines: [`${targets.targetsMet} / ${targets.targetsTotal}`], color: targets.targetsMet === targets.targetsTotal ? MET : UNMET },
    ];
  });
  table(cursor, columns, rows, { size: 8.5 });
  for (const line of moneyLines(dataset, matrix)) paragraph(cursor, line.text, { color: line.ok === false ? UNMET : INK });
  if (plan.objective !== null) spendingChart(cursor, input);
  const slipped = plan.slipped ?? [];
  if (slipped.length > 0) {
    const names = new Map(dataset.serviceAreas.map((area) => [area.id, area.name === undefined ? area.id : `${area.name}（${area.id}）`]));
    heading(cursor, `${TERMS.slipped.zh}（${slipped.length} 个）`, 2);
    paragraph(cursor, `上一版计划在已结束分期建成、进度报告未列为在用的${TERMS.serviceArea.zh}：${slipped.map((id) => names.get(id) ?? id).join('、')}`, { color: UNMET });
  }
}

/** Bars of each phase's spending beside its budget. */
function spendingChart(cursor: Cursor, input: ReportInput): void {
  const { doc } = cursor;
  const { dataset, plan } = input;
  const budgets = new Map(dataset.phases.map((phase) => [phase.id, phase.budget]));
  const values = plan.phases.flatMap((phase) => [phase.capex ?? 0, budgets.get(phase.id) ?? 0]);
  const peak = Math.max(...values, 1);
  const height = 110;
  if (cursor.y + height + 30 > A4.height - MARGIN.bottom) newPage(cursor);
  cursor.y += 6;
  const base = cursor.y + height;
  const slot = CONTENT_WIDTH / Math.max(plan.phases.length, 1);
  const bar = Math.min(26, slot / 3);
  plan.phases.forEach((phase, index) => {
    const x = MARGIN.left + index * slot + slot / 2;
    const spent = ((phase.capex ?? 0) / peak) * height;
    doc.rect(x - bar, base - spent, bar, spent).fillColor(phase.closed === true ? '#90a4ae' : '#0072b2').fill();
    const budget = budgets.get(phase.id);
    if (budget !== undefined) {
      const tall = (budget / peak) * height;
      doc.rect(x + 2, base - tall, bar, tall).lineWidth(0.8).strokeColor('#e69f00').stroke();
    }
    put(doc, phase.id, x - slot / 2, base + 4, 8, INK, { align: 'center', width: slot });
  });
  doc.moveTo(MARGIN.left, base).lineTo(MARGIN.left + CONTENT_WIDTH, base).lineWidth(0.5).strokeColor(MUTED).stroke();
  cursor.y = base + 18;
  doc.rect(MARGIN.left, cursor.y + 2, 8, 6).fillColor('#0072b2').fill();
  put(doc, `${TERMS.spending.zh}（已结束分期为灰色）`, MARGIN.left + 12, cursor.y, 8, INK);
  doc.rect(MARGIN.left + 150, cursor.y + 2, 8, 6).lineWidth(0.8).strokeColor('#e69f00').stroke();
  put(doc, TERMS.budget.zh, MARGIN.left + 162, cursor.y, 8, INK);
  cursor.y += 18;
}

function diagnosisSection(cursor: Cursor, input: ReportInput): void {
  const { plan } = input;
  heading(cursor, plan.status === 'infeasible' ? `${PLAN_STATUS.infeasible.zh}：${TERMS.diagnosis.zh}` : TERMS.diagnosis.zh);
  for (const detail of plan.diagnosisDetails) paragraph(cursor, `• ${diagnosisInChinese(detail, input.dataset)}`);
  remediesSection(cursor, input.dataset, plan);
}

function siteSection(cursor: Cursor, input: ReportInput): void {
  const { dataset, plan } = input;
  const unit = moneyUnit(dataset.currency);
  heading(cursor, `${TERMS.serviceArea.zh}清单（按建设分期）`);
  const sites = new Map(plan.sites.map((site) => [site.id, site]));
  const corridors = new Map(dataset.corridors.map((corridor) => [corridor.id, corridor]));
  const regions = new Map(dataset.regions.map((region) => [region.id, region.name ?? region.id]));
  const lastPhase = dataset.phases[dataset.phases.length - 1]?.id ?? '';
  const phaseIds = new Set(dataset.phases.map((phase) => phase.id));
  type Build = string | null | undefined;
  const groups: { title: string; match: (build: Build) => boolean }[] = [
    ...dataset.phases.map((phase) => ({ title: `${phase.id} 年新建`, match: (build: Build) => build === phase.id })),
    { title: `${SITE_STATUS.existing.zh}（规划前已覆盖）`, match: (build: Build) => build === 'existing' },
    { title: '不建', match: (build: Build) => build !== 'existing' && (build === null || build === undefined || !phaseIds.has(build)) },
  ];
  const columns: Column[] = [
    // The workbook's words for the same columns (site-columns.ts).
    { header: siteColumnZh('id'), width: 70 }, { header: siteColumnZh('name'), width: 100 }, { header: siteColumnZh('corridor'), width: 85 },
    { header: siteColumnZh('km'), width: 45, align: 'right' }, { header: siteColumnZh('region'), width: 55 }, { header: siteColumnZh('status'), width: 35 },
    { header: `${siteColumnZh('piles')} ${lastPhase}`, width: 50, align: 'right' }, { header: `${siteColumnZh('capex')}（${unit}）`, width: CONTENT_WIDTH - 440, align: 'right' },
  ];
  for (const group of groups) {
    const areas = dataset.serviceAreas.filter((area) => group.match(sites.get(area.id)?.buildPhase));
    if (areas.length === 0) continue;
    heading(cursor, `${group.title}（${areas.length} 个）`, 2);
    const rows: TableCell[][] = areas.map((area) => {
      const site = sites.get(area.id);
      const corridor = corridors.get(area.corridor);
      const spend = site === undefined ? 0 : Object.values(site.capex).reduce((sum, value) => sum + value, 0);
      return [
        area.id, area.name ?? '—', corridor?.name === undefined ? area.corridor : `${area.corridor} ${corridor.name}`,
        `K${area.km.toFixed(1)}`, regions.get(area.region) ?? area.region, SITE_STATUS[area.status ?? 'candidate'].zh,
        String(site?.piles[lastPhase] ?? area.existingPiles ?? 0), spend > 0 ? moneyFigure(spend, dataset.currency) : '—',
      ];
    });
    table(cursor, columns, rows, { size: 7.5 });
  }
}
