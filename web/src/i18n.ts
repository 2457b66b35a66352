/**
 * Chinese first, English on request. Every visible string of the app is here,
 * so a new language is one more column. Numbers: thousands separators; money
 * in 万元 (ten thousands of yuan) for Chinese readers; dates in ISO form.
 */
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
  objective: ['目标值（总费用）', 'Objective (total cost)'],
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
  failure: ['求解失败', 'Solve failed'],
  warnings: ['提示', 'Warnings'],
  progressTitle: ['求解进度', 'Progress'],
  progressQueued: ['已排队，等待求解…', 'Queued, waiting for a solver…'],
  progressSolving: ['正在求解…', 'Solving…'],
  progressBest: ['目前最优方案 {cost}，与下界差距 {gap}（求解继续，下方为临时方案）', 'Best plan so far {cost}, {gap} above the bound (the search goes on; the plan below is provisional)'],
  elapsed: ['已用时 {s} 秒', '{s} s elapsed'],
  mapTitle: ['地图', 'Map'],
  mapNoCoordinates: ['{n} 个服务区没有坐标，未在地图上显示。', '{n} service areas have no coordinates and are not on the map.'],
  legend: ['图例', 'Legend'],
  required: ['必建', 'required'],
  changed: ['有变化', 'changed'],
  'phase.existing': ['已有', 'existing'],
  'phase.never': ['不建', 'never built'],
  'phase.excluded': ['已排除', 'excluded'],
  phaseN: ['{id} 期', 'phase {id}'],
  chartsTitle: ['图表', 'Charts'],
  chartCoverage: ['各地区分期覆盖率与目标', 'Coverage per region and phase against target'],
  chartSpending: ['分期投资与预算', 'Spending per phase against budget'],
  chartPiles: ['分期在用充电桩数', 'Piles in service per phase'],
  coverage: ['覆盖率', 'Coverage'],
  target: ['目标', 'Target'],
  spending: ['投资', 'Spending'],
  budget: ['预算', 'Budget'],
  piles: ['充电桩', 'Piles'],
  tableTitle: ['服务区明细', 'Service areas'],
  filterRegion: ['地区', 'Region'],
  filterCorridor: ['通道', 'Corridor'],
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
  objectiveDelta: ['总费用变化', 'Total cost change'],
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
  notJson: ['文件不是有效的 JSON：{m}', 'The file is not valid JSON: {m}'],
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
  targetPriority: ['{id} 重点区域覆盖目标', 'Priority target, phase {id}'],
  targetStandard: ['{id} 一般区域覆盖目标', 'Standard target, phase {id}'],
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
  'vary.target.priority': ['重点区域覆盖目标', 'Priority target'],
  'vary.target.standard': ['一般区域覆盖目标', 'Standard target'],
  curveFrom: ['起点', 'From'],
  curveTo: ['终点', 'To'],
  curveSteps: ['点数（2–21）', 'Points (2–21)'],
  curveGo: ['计算曲线', 'Compute curve'],
  curvePending: ['还有 {n} 个点在求解', '{n} points still solving'],
  curveChart: ['投资与满足规则', 'Capex and rules met'],
  curveInfeasible: ['不可行（尽力方案）', 'Infeasible (best effort)'],
  curveValue: ['取值', 'Value'],
  openPlan: ['查看方案', 'Open plan'],
  scenarioPlan: ['情景方案', 'Scenario plan'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof STRINGS;

let lang: Lang = (localStorage.getItem('planner.lang') as Lang | null) === 'en' ? 'en' : 'zh';

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('planner.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = STRINGS[key][lang === 'zh' ? 0 : 1] as string;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A status, review state, phase kind, ... by its wire name, falling back to the name itself. */
export function label(prefix: 'status' | 'review' | 'phase' | 'kind' | 'decision' | 'input' | 'vary', value: string): string {
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
