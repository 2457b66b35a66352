/**
 * One job: the catalog of every message the planner emits for people, by stable
 * code, with its English and Chinese templates. The solver states a diagnosis or a
 * warning as `{code, params}`; the plan's `diagnosis` and `warnings` are the
 * English text of these (SPEC 5), `diagnosisDetails` and `warningDetails` the
 * codes themselves, in the same order. The server, the CLI (English) and the web
 * app (either language, with names for ids) render from here.
 *
 * Pure: imports nothing at run time but the glossary, so the browser bundle can
 * take it. Params carry ids (region, corridor, site, phase) and raw numbers; a
 * renderer given `Names` prints the names beside the ids.
 */
import { TERMS, type Lang } from './glossary.js';
import { fmtMoney, km, list, n, s, type Names, type P, type Render, type Template, type V } from './message-format.js';
import { ERROR_MESSAGES } from './messages-errors.js';
import { ISSUE_MESSAGES } from './messages-issues.js';
import type { MessageDetail, MessageParam, ValidationIssue } from './types.js';

export type { MessageDetail, MessageParam, Names };
export { fmtMoney };

const moneyOf = (names: Names, v: V): string => (names.money ?? fmtMoney)(n(v));

/** A name the reader knows, else the one the message carries (`regionName` beside `region`), else none. */
const nameOf = (lookup: ((id: string) => string | undefined) | undefined, id: V, carried: V): string | undefined =>
  lookup?.(s(id)) ?? (typeof carried === 'string' && carried !== '' ? carried : undefined);

function regionZh(names: Names, p: P): string {
  return nameOf(names.region, p.region, p.regionName) ?? s(p.region);
}
function corridorZh(names: Names, p: P): string {
  const name = nameOf(names.corridor, p.corridor, p.corridorName);
  return name === undefined || name === s(p.corridor) ? s(p.corridor) : `${s(p.corridor)} ${name}`;
}
function siteZh(names: Names, p: P): string {
  const name = nameOf(names.site, p.site, p.siteName);
  return name === undefined || name === s(p.site) ? s(p.site) : `${name}（${s(p.site)}）`;
}
/** The service area at one end of a gap: the reader's lookup by stake, else the name or id the message carries, else the corridor's end. */
const placeZh = (names: Names, p: P, end: 'from' | 'to'): string =>
  names.siteAt?.(s(p.corridor), n(p[`${end}Km`])) ?? nameOf(undefined, null, p[`${end}Name`]) ?? (p[`${end}Site`] == null ? '路线端点' : s(p[`${end}Site`]));

const SA = TERMS.serviceArea.zh;
const PILE = TERMS.pile.zh;

/** A phase whose budget the piles at covered service areas alone exceed: a diagnosis, and why no remedy fits the budgets. */
function existingOverBudgetEn(p: P): string {
  return `phase ${s(p.phase)} needs at least ${fmtMoney(n(p.least))} for piles at already covered service areas but its budget is ${fmtMoney(n(p.budget))}`;
}
function existingOverBudgetZh(p: P, names: Names): string {
  return `${s(p.phase)} 年仅已覆盖${SA}增加${PILE}就至少需要 ${moneyOf(names, p.least)}，但预算只有 ${moneyOf(names, p.budget)}`;
}

/** The catalog: code -> English and Chinese. The English is the wording the plan's string arrays have always had. */
export const MESSAGES = {
  // Diagnoses of an infeasible plan.
  'region.tooFewCoverable': {
    en: (p) => `region ${s(p.region)} needs ${s(p.need)} covered service areas in ${s(p.phase)} but only ${s(p.coverable)} are not excluded`,
    zh: (p, names) => `${regionZh(names, p)} ${s(p.phase)} 年需覆盖 ${s(p.need)} 个${SA}，但未排除的只有 ${s(p.coverable)} 个`,
  },
  'corridor.gap': {
    en: (p) =>
      `corridor ${s(p.corridor)} has ${km(p.lengthKm)} km between km ${km(p.fromKm)} and km ${km(p.toKm)} with no service area that can be covered, maxGapKm is ${s(p.maxGapKm)} in ${s(p.phase)}`,
    zh: (p, names) =>
      `${corridorZh(names, p)} K${km(p.fromKm)}（${placeZh(names, p, 'from')}）至 K${km(p.toKm)}（${placeZh(names, p, 'to')}）之间 ${km(p.lengthKm)} 公里没有可建${SA}，超过 ${s(p.phase)} 年最大间距 ${s(p.maxGapKm)} 公里`,
  },
  'phase.existingOverBudget': { en: existingOverBudgetEn, zh: existingOverBudgetZh },
  'phase.overBudget': {
    en: (p) => `phase ${s(p.phase)} needs at least ${fmtMoney(n(p.least))}${p.earlierKept === true ? ' (with the earlier budgets kept)' : ''} but its budget is ${fmtMoney(n(p.budget))}`,
    zh: (p, names) =>
      `${s(p.phase)} 年${p.earlierKept === true ? '（在此前各期不超预算的前提下）' : ''}至少需要 ${moneyOf(names, p.least)}，但预算只有 ${moneyOf(names, p.budget)}`,
  },
  'budgets.jointlyInfeasible': {
    en: (p) => `the budgets of phases ${list(p.phases).join(', ')} cannot all be met together with the coverage and spacing targets`,
    zh: (p) => `${list(p.phases).join('、')} 各期预算无法在满足覆盖率和间距要求的同时全部守住`,
  },
  'site.requiredTooSmall': {
    en: (p) => `service area ${s(p.site)} is required but can hold only ${s(p.cap)} piles, fewer than minPilesPerSite ${s(p.minPiles)}`,
    zh: (p, names) => `必建${SA}${siteZh(names, p)}最多只能装 ${s(p.cap)} 个${PILE}，少于覆盖所需的 ${s(p.minPiles)} 个`,
  },
  'region.closedTargetMissed': {
    en: (p) => {
      const ahead = p.next === undefined || p.next === null ? '' : ` and needs ${s(p.need)} by ${s(p.next)}, ${s(p.more)} more than the ${s(p.inService)} in service`;
      const progress = p.progressAsOf === null ? 'no progress reported' : `progress as of ${s(p.progressAsOf)}`;
      return `region ${s(p.region)} covered ${s(p.covered)} of the ${s(p.required)} service areas its ${s(p.phase)} target required${ahead} (${progress})`;
    },
    zh: (p, names) => {
      const then = `${regionZh(names, p)} ${s(p.phase)} 年目标要求覆盖 ${s(p.required)} 个${SA}，实际 ${s(p.covered)} 个`;
      const ahead = p.next === undefined || p.next === null ? '' : `；${s(p.next)} 年需 ${s(p.need)} 个，比在用的 ${s(p.inService)} 个多 ${s(p.more)} 个`;
      return `${then}${ahead}（${p.progressAsOf === null ? '未报告进度' : `进度截至 ${s(p.progressAsOf)}`}）`;
    },
  },
  'phase.budgetReduced': {
    en: (p) => `phase ${s(p.phase)}'s budget ${fmtMoney(n(p.budget))} is reduced by the ${fmtMoney(n(p.spent))} already spent to ${fmtMoney(n(p.left))}`,
    zh: (p, names) => `${s(p.phase)} 年预算 ${moneyOf(names, p.budget)} 扣除已完成投资 ${moneyOf(names, p.spent)} 后剩 ${moneyOf(names, p.left)}`,
  },
  // Warnings.
  'site.capTooSmall': {
    en: (p) => `service area ${s(p.site)} cannot be covered: its pile cap ${s(p.cap)} is below minPilesPerSite ${s(p.minPiles)}; treated as excluded`,
    zh: (p, names) => `${SA}${siteZh(names, p)}的${PILE}上限 ${s(p.cap)} 个低于覆盖所需的 ${s(p.minPiles)} 个，无法覆盖，按排除处理`,
  },
  'progress.afterAsOf': {
    en: (p) => `the progress report as of ${s(p.reportAsOf)} is after the as-of date ${s(p.asOf)} and is not counted`,
    zh: (p) => `进度报告日期 ${s(p.reportAsOf)} 晚于基准日期 ${s(p.asOf)}，未计入`,
  },
  'progress.unknownSite': {
    en: (p) => `progress report sites[${s(p.index)}] names service area ${s(p.site)}, which the data set no longer has: ignored`,
    zh: (p) => `进度报告第 ${n(p.index) + 1} 个${SA} ${s(p.site)} 已不在数据集中，已忽略`,
  },
  'progress.unknownPhase': {
    en: (p) => `progress report sites[${s(p.index)}] (${s(p.site)}) names phase ${s(p.phase)}, which the data set no longer has: ignored`,
    zh: (p, names) => `进度报告第 ${n(p.index) + 1} 个${SA}${siteZh(names, p)}的分期 ${s(p.phase)} 已不在数据集中，已忽略`,
  },
  'progress.spentUnknownPhase': {
    en: (p) => `progress report spent names phase ${s(p.phase)}, which the data set no longer has: ignored`,
    zh: (p) => `进度报告的已完成投资中分期 ${s(p.phase)} 已不在数据集中，已忽略`,
  },
  'progress.overCap': {
    en: (p) => `service area ${s(p.site)} is reported with ${s(p.piles)} piles, more than its cap ${s(p.cap)}: the re-plan keeps the ${s(p.piles)} in service`,
    zh: (p, names) => `${SA}${siteZh(names, p)}报告在用${PILE} ${s(p.piles)} 个，超过上限 ${s(p.cap)} 个：重新规划保留在用的 ${s(p.piles)} 个`,
  },
  'progress.excludedInService': {
    en: (p) => `service area ${s(p.site)} is reported in service but the data set excludes it: it stays excluded`,
    zh: (p, names) => `${SA}${siteZh(names, p)}报告已投用，但数据集将其排除：仍按排除处理`,
  },
  'search.noPlan': {
    en: () => 'stopped at the time limit before any plan was found',
    zh: () => '到达求解时限，尚未找到方案',
  },
  'search.stoppedAtLimit': {
    en: (p) => `stopped at the time limit; the plan may cost up to ${s(p.gapPercent)}% more than the best possible`,
    zh: (p) => `到达求解时限：本方案费用最多可能比最优方案高 ${s(p.gapPercent)}%`,
  },
  'search.goesOn': {
    en: (p) => `the search goes on; the plan may cost up to ${s(p.gapPercent)}% more than the best possible`,
    zh: (p) => `仍在求解：本方案费用最多可能比最优方案高 ${s(p.gapPercent)}%`,
  },
  'remedy.extraUnproven': {
    en: () => 'stopped at the time limit before the least extra money was proven',
    zh: () => '到达求解时限，尚未证明所需追加资金最少',
  },
  /** SPEC 7.1's `unavailable`: no plan fits the budgets. */
  'remedy.withinUnavailable': {
    en: (p) => `${existingOverBudgetEn(p)}: no plan fits the budgets`,
    // Shown after 预算内没有任何可行方案： (the page, the report), so the Chinese is the reason alone.
    zh: existingOverBudgetZh,
  },
  'remedy.withinUnproven': {
    en: () => 'stopped at the time limit before the most rules met and the least shortfall were proven',
    zh: () => '到达求解时限，尚未证明满足的要求最多、差额最小',
  },
  // Why a version or a what-if failed (stored as `failure`, its code as `failureDetail`).
  'failure.timeLimit': {
    en: (p) => `The solver reached its time limit of ${s(p.limitSeconds)} s before finding any plan`,
    zh: (p) => `求解到达 ${s(p.limitSeconds)} 秒的时限，仍未找到任何方案`,
  },
  'failure.solverFailed': {
    en: () => 'The solver failed on this data set; the team has been notified',
    zh: () => '求解器处理此数据集时出错，已通知技术团队',
  },
  'failure.stuck': {
    en: (p) =>
      `The planner did not finish this plan in ${s(p.hours)} hours (the solve was lost and retried). Re-plan to try again; if it fails again, the team has the details.`,
    zh: (p) => `规划在 ${s(p.hours)} 小时内未能完成（求解中断后曾重试）。请重新规划；如再次失败，技术团队已掌握详情。`,
  },
  'failure.deadLetter': {
    en: () =>
      'The planner could not finish this plan after several attempts (each was cut short or crashed). Re-plan to try again; if it fails again, the team has the details.',
    zh: () => '规划多次尝试均未能完成（每次都被中断或出错）。请重新规划；如再次失败，技术团队已掌握详情。',
  },
  'failure.stuckWhatIf': {
    en: (p) =>
      `The planner did not finish this what-if in ${s(p.hours)} hours (the solve was lost and retried). Ask again with a new scenario or curve; if it fails again, the team has the details.`,
    zh: (p) => `情景在 ${s(p.hours)} 小时内未能求解完成（求解中断后曾重试）。请新建情景或曲线再试；如再次失败，技术团队已掌握详情。`,
  },
  'failure.deadLetterWhatIf': {
    en: () =>
      'The planner could not finish this what-if after several attempts (each was cut short or crashed). Ask again with a new scenario or curve; if it fails again, the team has the details.',
    zh: () => '情景多次尝试均未能求解完成（每次都被中断或出错）。请新建情景或曲线再试；如再次失败，技术团队已掌握详情。',
  },
  // Problems of an upload as a whole.
  'upload.datasetNotProgress': {
    en: () => 'this is a data set, not a progress report: upload it as a data set',
    zh: () => '这是数据集，不是进度报告：请作为数据集上传',
  },
  'upload.progressNotDataset': {
    en: () => 'this is a progress report, not a data set: upload it as a progress report',
    zh: () => '这是进度报告，不是数据集：请作为进度报告上传',
  },
  'upload.invalidJson': {
    en: (p) => `is not valid JSON (${s(p.detail)})`,
    zh: () => '不是有效的 JSON 文件：文件可能不完整（被截断）或不是 JSON 格式，请重新导出后上传',
  },
  /** A line stored before messages had codes: printed as it is, in either language. */
  plain: {
    en: (p) => s(p.text),
    zh: (p) => s(p.text),
  },
  ...ISSUE_MESSAGES,
  ...ERROR_MESSAGES,
} as const satisfies Record<string, Template>;

export type MessageCode = keyof typeof MESSAGES;

/** A message as data. */
export const msg = (code: MessageCode, params: P = {}): MessageDetail => ({ code, params });

/** A message in a language, names printed beside ids where known; an unknown code prints its code and params. */
export function renderMessage(detail: MessageDetail, lang: Lang = 'en', names: Names = {}): string {
  const entry = (MESSAGES as Record<string, Template | undefined>)[detail.code];
  if (entry === undefined) return `${detail.code} ${JSON.stringify(detail.params)}`;
  const render: Render = entry[lang];
  return render(detail.params, names, (code, params) => renderMessage({ code, params }, lang, names));
}

/** The English text of messages: the plan's `diagnosis` and `warnings` (SPEC 5). */
export const english = (details: readonly MessageDetail[]): string[] => details.map((detail) => renderMessage(detail, 'en'));

/** A validation issue of the catalog: its path, the English message, its code and params. */
export function issueOf(path: string, code: MessageCode, params: P = {}): ValidationIssue {
  return { path, message: renderMessage(msg(code, params)), code, params };
}

/**
 * An upload of the other kind: a data set sent as a progress report (it has
 * service areas and corridors) or a report sent as a data set (it has asOf and
 * sites but no service areas). One issue at `$` instead of one per unknown key.
 */
export function wrongKindOfUpload(value: unknown, expected: 'dataset' | 'progress'): ValidationIssue | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);
  const looksLikeDataset = has('serviceAreas') || (has('corridors') && has('regions'));
  const looksLikeReport = has('asOf') && has('sites') && !has('serviceAreas');
  if (expected === 'progress' && looksLikeDataset) return issueOf('$', 'upload.datasetNotProgress');
  if (expected === 'dataset' && looksLikeReport) return issueOf('$', 'upload.progressNotDataset');
  return null;
}

/** Details for lines that have none (a plan stored before codes): each line as `plain`. */
export const plainDetails = (lines: readonly string[]): MessageDetail[] => lines.map((text) => msg('plain', { text }));
