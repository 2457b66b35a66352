/**
 * The national overview as a workbook (one sheet, one row per province), with
 * bilingual headers, for a reviewer to file or forward.
 */
import { PLAN_STATUS, REVIEW_STATE } from '../glossary.js';
import type { OverviewClass, OverviewRow } from '../overview.js';
import { MONEY } from '../site-columns.js';
import { excel } from './excel.js';
import { addSheet, SHARE, type Column } from './plan-workbook.js';

const COLUMNS: readonly Column[] = [
  { header: '省份 province' },
  { header: '代码 code' },
  { header: '方案 plan' },
  { header: '最新版本 latest version' },
  { header: '状态 status' },
  { header: '审核状态 review' },
  { header: '待审核 waiting for review' },
  { header: '正式方案 plan of record' },
  { header: '目标分期 final target phase' },
  { header: '重点地区覆盖率 priority coverage', numFmt: SHARE },
  { header: '重点地区目标 priority target', numFmt: SHARE },
  { header: '重点地区差距（百分点） priority missed by (points)' },
  { header: '一般地区覆盖率 standard coverage', numFmt: SHARE },
  { header: '一般地区目标 standard target', numFmt: SHARE },
  { header: '一般地区差距（百分点） standard missed by (points)' },
  { header: '达标 targets met' },
  { header: '总投资（名义） nominal investment', numFmt: MONEY },
  { header: '币种 currency' },
  { header: '延误服务区 slipped sites' },
  { header: '进度报告截至 progress as of' },
  { header: '更新时间 updated' },
];

const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? '是 yes' : '否 no');
const classCells = (figure: OverviewClass | null) => (figure === null ? [null, null, null] : [figure.rate, figure.target, +figure.shortfallPoints.toFixed(1)]);

/** The overview's rows as an .xlsx workbook's bytes. */
export async function overviewToWorkbook(rows: readonly OverviewRow[]): Promise<Buffer> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'expressway-charging-planner';
  const sheet = addSheet(
    workbook,
    '全国概览 overview',
    COLUMNS,
    rows.map((row) => [
      row.name,
      row.province,
      row.planName,
      row.latestVersion,
      row.status === null ? '无方案 no plan' : `${PLAN_STATUS[row.status].zh} ${PLAN_STATUS[row.status].en}`,
      row.reviewState === null ? null : `${REVIEW_STATE[row.reviewState].zh} ${REVIEW_STATE[row.reviewState].en}`,
      yesNo(row.planId === null ? null : row.waitingForReview),
      row.planOfRecord,
      row.finalPhase,
      ...classCells(row.priority),
      ...classCells(row.standard),
      yesNo(row.targetsMet),
      row.nominal,
      row.currency,
      row.slipped,
      row.progressAsOf,
      row.updatedAt,
    ]),
  );
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
