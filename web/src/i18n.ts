/**
 * Chinese first, English on request. Every visible string of the app is here,
 * so a new language is one more column. Numbers: thousands separators; money
 * in 万元 (ten thousands of yuan) for Chinese readers; dates in ISO form.
 */
import { setQueryParam } from './url-state';

export type Lang = 'zh' | 'en';

const STRINGS = {
  appTitle: ['高速公路快充网络规划', 'Expressway charging network planner'],
  skip: ['跳到正文', 'Skip to content'],
  navPlans: ['方案列表', 'Plans'],
  navSubmit: ['提交数据', 'Submit data'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['Switch to English', '切换到中文'],
  signOut: ['退出', 'Sign out'],
  signIn: ['登录', 'Sign in'],
  signedInAs: ['当前用户', 'Signed in as'],
  roleReviewer: ['审核人', 'reviewer'],
  roleProvince: ['省级用户', 'province'],
  signInTitle: ['请先登录', 'Please sign in'],
  signInLocal: ['本地运行：以下列身份登录', 'Local runtime: sign in as'],
  signInAsReviewer: ['审核人', 'Reviewer'],
  signInAsProvince: ['省份代码', 'Province code'],
  signInGo: ['登录', 'Sign in'],
  signInCognito: ['使用统一身份登录', 'Sign in with your account'],
  loading: ['加载中…', 'Loading…'],
  notFound: ['页面不存在', 'Page not found'],
  error: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Retry'],
  // plans list
  plansTitle: ['规划方案', 'Plans'],
  province: ['省份', 'Province'],
  allProvinces: ['全部省份', 'All provinces'],
  name: ['名称', 'Name'],
  latestVersion: ['最新版本', 'Latest version'],
  status: ['状态', 'Status'],
  allStatuses: ['全部状态', 'All statuses'],
  objective: ['折现总费用', 'Discounted total cost'],
  reviewState: ['审核状态', 'Review'],
  lastUpdate: ['最近更新', 'Last update'],
  noPlans: ['暂无方案。', 'No plans yet.'],
  newPlan: ['提交新数据集', 'Submit a data set'],
  plansCount: ['共 {n} 个方案', '{n} plans'],
  // statuses
  'status.queued': ['排队中', 'queued'],
  'status.solving': ['求解中', 'solving'],
  'status.optimal': ['最优', 'optimal'],
  'status.feasible': ['可行（未证最优）', 'feasible (not proven optimal)'],
  'status.infeasible': ['无可行解', 'infeasible'],
  'status.failed': ['失败', 'failed'],
  'review.none': ['未审核', 'not reviewed'],
  'review.approved': ['已批准', 'approved'],
  'review.changes-requested': ['需修改', 'changes requested'],
  // plan page
  planVersion: ['第 {n} 版', 'version {n}'],
  latest: ['最新', 'latest'],
  planOfRecord: ['正式方案', 'Plan of record'],
  summary: ['概要', 'Summary'],
  bound: ['下界', 'Bound'],
  gap: ['最优性差距', 'Gap'],
  engine: ['求解器', 'Engine'],
  solveTime: ['求解时间', 'Solve time'],
  dataRevision: ['数据修订', 'Data revision'],
  asOf: ['基准日期', 'As of'],
  progressAsOf: ['进度报告截至', 'Progress reported as of'],
  slipped: ['延误（计划已建未报告）', 'Slipped (planned in a closed phase, not reported)'],
  closedPhase: ['{id}（已结束）', '{id} (closed)'],
  trigger: ['来源', 'Trigger'],
  createdAt: ['创建时间', 'Created'],
  solvedAt: ['求解完成', 'Solved'],
  serviceAreas: ['服务区数', 'Service areas'],
  diagnosis: ['无可行解：原因诊断', 'Infeasible: diagnosis'],
  // remedies of an infeasible plan (SPEC 7)
  remediesTitle: ['补救方案：怎样才能做到', 'Remedies: what it would take'],
  remedyWithin: ['一、预算内的最佳方案', '1. The best plan within the budgets'],
  remedyExtra: ['二、追加预算', '2. With more money'],
  remedyNewSites: ['三、需新建服务区的路段', '3. Where new service areas are needed'],
  remedyRulesMet: ['满足 {met} / {total} 条规则，覆盖率目标共差 {n} 个服务区', '{met} of {total} rules met, {n} service areas short of the targets'],
  remedyNominal: ['总投资（名义）{money}', 'Total investment (nominal) {money}'],
  remedyUnmet: ['未满足的规则：', 'Rules not met:'],
  remedyUnavailable: ['预算内没有任何可行方案：{why}', 'No plan fits the budgets: {why}'],
  remedyExtraTotal: ['满足全部可满足的规则，最少需追加 {money}', 'Every rule that can be met, for at least {money} more'],
  remedyExtraPhase: ['{phase} 年追加 {money}', '{phase}: {money} more'],
  remedyDropped: ['不计入的规则（无论投资多少都无法满足）：', 'Rules left out (no money can meet them):'],
  remedyNoNewSites: ['无需新建服务区。', 'No new service area is needed.'],
  remedyOpen: ['查看此方案（地图、图表、明细、下载）', 'Open this plan (map, charts, table, downloads)'],
  remedyViewing: ['正在查看补救方案：{name}', 'Viewing a remedy: {name}'],
  remedyBack: ['返回原方案', 'Back to the plan'],
  remedyImpossible: ['（无论投资多少都无法满足）', ' (no money can meet it)'],
  ruleCoverage: ['覆盖率目标 · {region} {phase} 年：已覆盖 {covered}，应覆盖 {required}', 'Coverage target · {region} {phase}: {covered} covered of {required} required'],
  ruleCoverageBare: ['覆盖率目标 · {region} {phase} 年', 'Coverage target · {region} {phase}'],
  ruleSpacing: ['最大间距 · 路线 {corridor} {phase} 年', 'Maximum spacing · corridor {corridor} {phase}'],
  ruleRequired: ['必建服务区 · {site} {phase} 年', 'Required service area · {site} {phase}'],
  newSitesLine: ['{corridor} K{from}（{a}）至 K{to}（{b}）之间 {km} 公里没有可建服务区，超过 {phase} 年最大间距 {max} 公里：需新建 {count} 处，建议位置 {at}', '{corridor} km {from} ({a}) to km {to} ({b}): {km} km with no service area that can be covered, over the {max} km limit from {phase}: {count} new sites, at {at}'],
  corridorEnd: ['路线端点', 'corridor end'],
  remedyMatrix: ['各地市目标达成（预算内最佳方案）', 'Targets per region (best plan within the budgets)'],
  remedyRegion: ['地市', 'Region'],
  remedyMet: ['达标', 'met'],
  remedyMissed: ['未达标', 'not met'],
  remedyMapTitle: ['补救方案地图：未达标地市、超出间距的路线与建议新建位置', 'Remedies map: regions that miss, corridors over the spacing limit, proposed new sites'],
  remedyMapMiss: ['未达标地市的服务区', 'Service area of a region that misses'],
  remedyMapGap: ['超出最大间距的路线', 'Corridor over the spacing limit'],
  remedyMapNew: ['建议新建位置', 'Proposed new site'],
  remedyMapGapStretch: ['诊断：没有可建服务区的路段', 'Diagnosis: stretch with no coverable service area'],
  mapGapLabel: ['{corridor} K{from}–K{to}：{km} 公里无可建服务区', '{corridor} km {from}–{to}: {km} km with no coverable service area'],
  failure: ['求解失败', 'Solve failed'],
  warnings: ['提示', 'Warnings'],
  progressTitle: ['求解进度', 'Progress'],
  progressQueued: ['已排队，等待求解…', 'Queued, waiting for a solver…'],
  progressSolving: ['正在求解…', 'Solving…'],
  progressBest: ['目前最优方案 {cost}，与下界差距 {gap}（求解继续，下方为临时方案）', 'Best plan so far {cost}, {gap} above the bound (the search goes on; the plan below is provisional)'],
  elapsed: ['已用时 {s} 秒', '{s} s elapsed'],
  mapTitle: ['地图', 'Map'],
  mapNoCoordinates: ['{n} 个服务区没有坐标，未在地图上显示。', '{n} service areas have no coordinates and are not on the map.'],
  mapFiltered: ['按表格筛选：{n} / {total} 个服务区突出显示，其余变淡。', 'Filtered as the table: {n} of {total} service areas stand out, the rest are dimmed.'],
  legend: ['图例', 'Legend'],
  required: ['必建', 'required'],
  changed: ['有变化', 'changed'],
  'phase.existing': ['已有', 'existing'],
  'phase.never': ['不建', 'never built'],
  'phase.excluded': ['已排除', 'excluded'],
  phaseN: ['{id} 期', 'phase {id}'],
  chartsTitle: ['图表', 'Charts'],
  chartCoverage: ['各地市分期覆盖率与目标', 'Coverage per region and phase against target'],
  chartSpending: ['分期投资与预算', 'Spending per phase against budget'],
  chartPiles: ['分期在用充电桩数', 'Piles in service per phase'],
  // targets first, money (issue 16)
  targetsTitle: ['目标达成情况', 'Targets'],
  targetsCount: ['{phase}：{total} 个地市中 {met} 个达标', '{phase}: {met} of {total} regions meet their target'],
  targetsNone: ['{phase}：本期未设覆盖目标', '{phase}: no coverage target'],
  versionTargets: ['目标达成', 'Targets'],
  versionTargetsMet: ['全部达标', 'all met'],
  versionTargetsUnmet: ['{phase} 未达标（{met}/{total}）', '{phase} not met ({met}/{total})'],
  diffLeavesUnmet: ['未达标', 'not met'],
  targetsMatrix: ['各地市分期覆盖与目标（已覆盖 / 需覆盖，覆盖率）', 'Coverage per region and phase against target (covered / required, rate)'],
  region: ['地市', 'Region'],
  met: ['达标', 'met'],
  unmet: ['未达标', 'not met'],
  shortfall: ['差 {n} 个', '{n} short'],
  nominalTotal: ['总投资（名义）', 'Total investment (nominal)'],
  discountedTotal: ['折现总费用（折现率 {rate}）', 'Discounted total cost (rate {rate})'],
  discountedHelp: ['各期投资按折现率折算到基准年后的总和，是规划模型最小化的目标值；不是实际支出，实际支出见总投资（名义）。', 'The phases\' spending discounted to the base year: the figure the planning model minimises. Not money spent; see the nominal total.'],
  spentTotal: ['已完成投资（已结束分期，按进度报告）', 'Spent (closed phases, as reported)'],
  plannedTotal: ['计划投资（未结束分期）', 'Planned (open phases)'],
  unreportedSpending: ['未报告投资的已结束分期：{ids}', 'Closed phases without reported spending: {ids}'],
  chartCoveragePhase: ['显示分期', 'Phase shown'],
  downloadReport: ['下载 PDF 报告', 'Download the PDF report'],
  printPage: ['打印本页', 'Print this page'],
  replanClosesNone: ['此日期不结束任何分期。', 'This date closes no phase.'],
  replanCloses: ['此日期将结束分期 {ids}（{total} 期中的 {n} 期），这些分期按已报告的进度计入，不再规划。', 'This date closes phase {ids} ({n} of {total}): they count as reported and are no longer planned.'],
  replanClosesAll: ['所有分期都将结束，新版本没有可规划的内容。', 'Every phase closes: the new version plans nothing.'],
  replanUnreported: ['分期 {ids} 的投资尚未报告，将按 0 计。', 'Phase {ids} has no reported spending; it counts as 0.'],
  replanConfirm: ['我已了解，仍按此日期重新规划', 'I understand; re-plan as of this date'],
  lastReviewed: ['（第 {n} 版：{state}）', ' (version {n}: {state})'],
  // national overview
  navOverview: ['全国概览', 'National overview'],
  overviewTitle: ['全国概览', 'National overview'],
  overviewIntro: ['31 个省级行政区，按各省最新方案：目标分期的重点地区与一般地区覆盖率对照目标（80% / 60%）。', 'The 31 provincial-level regions, each by its newest plan: priority and standard coverage at the final target phase against their targets (80% / 60%).'],
  overviewCount: ['{shown} / {total} 个省级行政区，{plans} 个有方案，{waiting} 个待审核', '{shown} of {total} provincial-level regions, {plans} with a plan, {waiting} waiting for review'],
  overviewExport: ['导出 Excel (XLSX)', 'Export to Excel (XLSX)'],
  overviewFilter: ['筛选', 'Show'],
  overviewSearch: ['按省份搜索', 'Search by province'],
  'progress.all': ['全部', 'all'],
  'progress.waiting': ['待审核', 'waiting for review'],
  'progress.unmet': ['未达标', 'targets not met'],
  'progress.met': ['已达标', 'targets met'],
  'progress.pending': ['求解中或失败', 'solving or failed'],
  'progress.none': ['未提交', 'not submitted'],
  tileMap: ['各省进度示意图（方格示意，非边界地图）', 'Progress by province (a schematic tile grid, not a boundary map)'],
  priorityCoverage: ['重点地区覆盖率', 'Priority coverage'],
  standardCoverage: ['一般地区覆盖率', 'Standard coverage'],
  missedBy: ['差 {n} 个百分点', 'missed by {n} points'],
  slippedCount: ['延误服务区', 'Slipped sites'],
  noPlan: ['未提交', 'not submitted'],
  coverage: ['覆盖率', 'Coverage'],
  target: ['目标', 'Target'],
  spending: ['投资', 'Spending'],
  budget: ['预算', 'Budget'],
  piles: ['充电桩', 'Piles'],
  tableTitle: ['服务区明细', 'Service areas'],
  filterRegion: ['地市', 'Region'],
  filterCorridor: ['路线', 'Corridor'],
  filterPhase: ['建设期', 'Build phase'],
  filterStatus: ['状态', 'Status'],
  filterAll: ['全部', 'All'],
  search: ['按名称搜索', 'Search by name'],
  onlyChanged: ['只看有变化的', 'Changed only'],
  pageSize: ['每页行数', 'Rows per page'],
  pageOf: ['第 {p} / {n} 页，共 {rows} 行', 'Page {p} of {n}, {rows} rows'],
  prevPage: ['上一页', 'Previous page'],
  nextPage: ['下一页', 'Next page'],
  sortBy: ['按此列排序', 'Sort by this column'],
  downloadsTitle: ['下载', 'Downloads'],
  downloadCsv: ['下载 CSV', 'Download CSV'],
  downloadGeoJson: ['下载 GeoJSON', 'Download GeoJSON'],
  downloadJson: ['下载 JSON', 'Download JSON'],
  downloadXlsx: ['下载 Excel (XLSX)', 'Download Excel (XLSX)'],
  downloadTemplate: ['下载数据集 Excel 模板', 'Download the data set workbook template'],
  issueCell: ['工作表与单元格', 'Sheet and cell'],
  noSites: ['此版本没有选址结果。', 'This version has no site selection.'],
  // versions, diff
  versionsTitle: ['版本历史', 'Versions'],
  version: ['版本', 'Version'],
  view: ['查看', 'View'],
  compare: ['比较', 'Compare'],
  compareFrom: ['从版本', 'From version'],
  compareTo: ['到版本', 'To version'],
  diffTitle: ['版本差异', 'Differences'],
  downloadDiffCsv: ['下载差异 CSV', 'Download the differences (CSV)'],
  diffNone: ['两个版本的选址相同。', 'The two versions select the same sites.'],
  diffSites: ['{n} 个服务区有变化', '{n} service areas changed'],
  capexDelta: ['分期投资变化', 'Spending change per phase'],
  coverageDelta: ['覆盖率变化', 'Coverage change'],
  objectiveDelta: ['折现总费用变化', 'Discounted total cost change'],
  nominalDelta: ['总投资（名义）变化', 'Nominal investment change'],
  inputsChanged: ['输入变化', 'Inputs changed'],
  'input.dataRevision': ['数据修订', 'data revision'],
  'input.progress': ['进度报告', 'progress report'],
  'input.closedPhases': ['已结束分期', 'closed phases'],
  'kind.added': ['新增', 'added'],
  'kind.dropped': ['取消', 'dropped'],
  'kind.moved': ['改期', 'moved'],
  'kind.resized': ['规模调整', 'resized'],
  from: ['原', 'from'],
  to: ['新', 'to'],
  delta: ['变化', 'change'],
  // actions
  actionsTitle: ['操作', 'Actions'],
  uploadDataset: ['上传修订后的数据集', 'Upload a revised data set'],
  uploadProgress: ['上传进度报告', 'Upload a progress report'],
  replan: ['重新规划', 'Re-plan'],
  replanAsOf: ['基准日期', 'As of date'],
  replanUnchanged: ['输入没有变化，未生成新版本。', 'Nothing changed: no new version.'],
  chooseFile: ['选择文件', 'Choose a file'],
  upload: ['上传', 'Upload'],
  uploaded: ['已上传。', 'Uploaded.'],
  reviewTitle: ['审核', 'Review'],
  reviewComment: ['审核意见', 'Comment'],
  approve: ['批准', 'Approve'],
  requestChanges: ['退回修改', 'Request changes'],
  commentRequired: ['退回修改时请填写意见。', 'Say what to change.'],
  reviewHistory: ['审核记录', 'Review history'],
  reviewNone: ['暂无审核记录。', 'No reviews yet.'],
  reviewer: ['审核人', 'Reviewer'],
  decision: ['结论', 'Decision'],
  'decision.approve': ['批准', 'approved'],
  'decision.request-changes': ['退回修改', 'changes requested'],
  at: ['时间', 'At'],
  // submit
  submitTitle: ['提交数据集', 'Submit a data set'],
  submitHelp: ['选择数据集文件：JSON（格式见 SPEC 第 1 节）或按模板填写的 Excel 工作簿。提交前会完整校验，有问题时不会保存任何内容。', 'Choose a data set file: JSON (SPEC section 1) or a workbook in the template\'s layout. It is checked completely first; nothing is stored when it has problems.'],
  submitFile: ['数据集文件（JSON 或 Excel）', 'Data set file (JSON or Excel)'],
  submitGo: ['提交并开始规划', 'Submit and plan'],
  submitting: ['提交中…', 'Submitting…'],
  notJson: ['文件不是有效的 JSON：可能不完整（被截断）或不是 JSON 格式，请重新导出后上传', 'The file is not valid JSON: {m}'],
  issuesTitle: ['数据集有 {n} 处问题，未保存：', 'The data set has {n} problems; nothing was stored:'],
  issuePath: ['位置（JSON 路径）', 'Where (JSON path)'],
  issueMessage: ['问题', 'Problem'],
  // scenarios and trade-off curves (SPEC 8)
  scenariosTitle: ['情景', 'Scenarios'],
  newScenario: ['新建情景', 'New scenario'],
  scenarioName: ['情景名称', 'Scenario name'],
  scenarioHelp: ['只填写要改变的项目；情景在后台求解，不会生成新版本，也不改变备案方案。', 'Fill in only what changes; a scenario is solved in the background, never makes a version and never changes the plan of record.'],
  budgetScaleAll: ['预算倍数（全部阶段）', 'Budget scale (every phase)'],
  budgetScalePhase: ['{id} 阶段预算倍数', 'Budget scale, phase {id}'],
  evShareScale: ['电动车占比倍数', 'EV share scale'],
  trafficGrowth: ['交通量年增长率', 'Traffic growth'],
  costPerPile: ['每桩费用', 'Cost per pile'],
  costSite: ['每站固定费用', 'Cost per site'],
  costGrid: ['电网每千瓦费用', 'Grid cost per kW'],
  targetPriority: ['{id} 重点地区覆盖目标', 'Priority target, phase {id}'],
  targetStandard: ['{id} 一般地区覆盖目标', 'Standard target, phase {id}'],
  maxGapPhase: ['{id} 最大间距（公里）', 'Max gap km, phase {id}'],
  scenarioAsOf: ['按日期重新规划（可选）', 'Re-plan as of (optional)'],
  scenarioGo: ['求解情景', 'Solve scenario'],
  scenarioIssues: ['情景有问题，未保存：', 'The scenario has problems; nothing was stored:'],
  changes: ['变化', 'Changes'],
  capex: ['总投资', 'Capex'],
  rulesMet: ['满足规则', 'Rules met'],
  extraBudget: ['需追加资金', 'Extra money'],
  adopt: ['采纳', 'Adopt'],
  adopted: ['已采纳为数据集修订 {n}；下次重新规划时使用。', 'Adopted as data set revision {n}; the next re-plan uses it.'],
  adoptStale: ['数据集已修订，此情景基于旧版本', 'The data set changed since this scenario'],
  compareWith: ['对比', 'Compare'],
  curvesTitle: ['权衡曲线', 'Trade-off curves'],
  newCurve: ['新建权衡曲线', 'New trade-off curve'],
  curveVary: ['变化项', 'Vary'],
  'vary.budgetScale': ['预算倍数', 'Budget scale'],
  'vary.evShareScale': ['电动车占比倍数', 'EV share scale'],
  'vary.target.priority': ['重点地区覆盖目标', 'Priority target'],
  'vary.target.standard': ['一般地区覆盖目标', 'Standard target'],
  curveFrom: ['起点', 'From'],
  curveTo: ['终点', 'To'],
  curveSteps: ['点数（2–21）', 'Points (2–21)'],
  curveGo: ['计算曲线', 'Compute curve'],
  curveRemediesLimit: ['不可行点补救方案时限（秒，默认 30）', 'Remedies limit of an infeasible point (s, default 30)'],
  curvePending: ['还有 {n} 个点在求解', '{n} points still solving'],
  curveChart: ['投资与满足规则', 'Capex and rules met'],
  curveInfeasible: ['不可行（尽力方案）', 'Infeasible (best effort)'],
  curveValue: ['取值', 'Value'],
  openPlan: ['查看方案', 'Open plan'],
  scenarioPlan: ['情景方案', 'Scenario plan'],
  reportPick: ['入报告', 'In report'],
  reportPickOne: ['把 {id} 放入报告的情景对比页', "Put {id} on the report's comparison page"],
  reportScenarios: ['含情景对比的报告', 'Report with the scenarios compared'],
  reportScenariosHelp: ['勾选最多 {n} 个情景，与第 {v} 版并列对比。', 'Tick up to {n} scenarios to compare beside version {v}.'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof STRINGS;

// The address's ?lang= first (a link shows the language its sender read), then the reader's last choice.
const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('planner.lang');
let lang: Lang = asked === 'en' ? 'en' : 'zh';

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('planner.lang', next);
  // Chinese is the default and stays out of the address.
  setQueryParam('lang', next, 'zh');
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = STRINGS[key][lang === 'zh' ? 0 : 1] as string;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A status, review state, phase kind, ... by its wire name, falling back to the name itself. */
export function label(prefix: 'status' | 'review' | 'phase' | 'kind' | 'decision' | 'input' | 'progress' | 'vary', value: string): string {
  const key = `${prefix}.${value}`;
  return key in STRINGS ? t(key as MessageKey) : value;
}

const locale = () => (lang === 'zh' ? 'zh-CN' : 'en');

export function fmtNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Money: 万元 with one decimal for Chinese readers of yuan, otherwise whole units with the currency. */
export function fmtMoney(value: number | null | undefined, currency = 'CNY'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (lang === 'zh' && currency === 'CNY') return `${fmtNumber(value / 10_000, 1)} 万元`;
  return `${currency} ${fmtNumber(value)}`;
}

export function fmtPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return `${fmtNumber(rate * 100, digits)}%`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 date and time in the reader's time zone, e.g. 2026-12-01 15:40. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fmtSeconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return lang === 'zh' ? `${fmtNumber(ms / 1000, 2)} 秒` : `${fmtNumber(ms / 1000, 2)} s`;
}
