/**
 * The planner's words in Chinese and English, written once: the server's
 * messages, the PDF report, the downloads' Chinese headers and the web app
 * read them from here. Pure data and lookups, no imports beyond types, so any
 * side (Lambda, CLI, browser bundle) can import it without pulling in the solver.
 *
 * Two choices of word:
 * - 路线 (not 通道) for a corridor: a corridor of the data set is one numbered
 *   expressway with its own km stakes (G36 宁洛高速, K15.0), which Chinese road
 *   practice calls a 路线 (路线编号, 路线名称); 通道 in network planning names a
 *   bundle of routes between two places (京沪通道) and would mislead.
 * - 地市 (not 区域) for a region: the policy's priority areas are drawn city by
 *   city (prefecture-level cities, 地级市), and every data set so far has one
 *   region per city; 区域 reads as a multi-province area (长三角区域).
 */
import type { PlanStatus, RegionClass, SiteStatus } from './types.js';

export type Lang = 'zh' | 'en';

/** One concept in both languages. */
export interface Term {
  zh: string;
  en: string;
}

/** The nouns of the domain. */
export const TERMS = {
  serviceArea: { zh: '服务区', en: 'service area' },
  fastCharging: { zh: '快充', en: 'fast charging' },
  pile: { zh: '充电桩', en: 'charging pile' },
  corridor: { zh: '路线', en: 'corridor' },
  region: { zh: '地市', en: 'region' },
  province: { zh: '省份', en: 'province' },
  phase: { zh: '分期', en: 'phase' },
  buildPhase: { zh: '建设分期', en: 'build phase' },
  km: { zh: '桩号', en: 'km' },
  budget: { zh: '预算', en: 'budget' },
  spending: { zh: '投资', en: 'spending' },
  target: { zh: '目标', en: 'target' },
  coverage: { zh: '覆盖率', en: 'coverage' },
  covered: { zh: '已覆盖', en: 'covered' },
  required: { zh: '应覆盖', en: 'required' },
  shortfall: { zh: '差额', en: 'shortfall' },
  met: { zh: '达标', en: 'met' },
  unmet: { zh: '未达标', en: 'not met' },
  nominalTotal: { zh: '总投资（名义）', en: 'total investment (nominal)' },
  discountedTotal: { zh: '折现总费用', en: 'discounted total cost' },
  discountRate: { zh: '折现率', en: 'discount rate' },
  spent: { zh: '已完成投资', en: 'spent' },
  planned: { zh: '计划投资', en: 'planned' },
  closedPhase: { zh: '已结束', en: 'closed' },
  openPhase: { zh: '未结束', en: 'open' },
  asOf: { zh: '基准日期', en: 'as of' },
  version: { zh: '版本', en: 'version' },
  planOfRecord: { zh: '正式方案', en: 'plan of record' },
  reviewState: { zh: '审核状态', en: 'review state' },
  diagnosis: { zh: '原因诊断', en: 'diagnosis' },
  remedies: { zh: '补救方案', en: 'remedies' },
  slipped: { zh: '延误服务区', en: 'slipped sites' },
  newSites: { zh: '新建服务区', en: 'new sites' },
  piles: { zh: '在用充电桩', en: 'piles in service' },
  // The labels of a service area's fields (the template's columns, the downloads' Chinese headers, the report's site list).
  id: { zh: '编号', en: 'id' },
  name: { zh: '名称', en: 'name' },
  regionClass: { zh: '地区类别', en: 'region class' },
  lat: { zh: '纬度', en: 'latitude' },
  lon: { zh: '经度', en: 'longitude' },
  status: { zh: '状态', en: 'status' },
  requiredBy: { zh: '要求分期', en: 'required by' },
  /** A site's piles short of its queueing need (SitePlan.shortfall). */
  queueShortfall: { zh: '排队缺口', en: 'shortfall' },
  // A plan's figures per phase and region (the plan workbook's columns, the report's tables).
  year: { zh: '年份', en: 'year' },
  budgetUsed: { zh: '预算使用', en: 'budget used' },
  budgetLeft: { zh: '预算结余', en: 'budget left' },
  regionName: { zh: '地市名称', en: 'region name' },
  /** The service areas of a region, the denominator of its coverage rate. */
  regionSites: { zh: '服务区总数', en: 'service areas in all' },
  regionsMet: { zh: '达标地市', en: 'regions meeting their target' },
  regionsWithTarget: { zh: '有目标地市', en: 'regions with a target' },
  // A plan version's facts (the plan workbook's summary, the report's cover).
  planStatus: { zh: '求解状态', en: 'solve status' },
  dataRevision: { zh: '数据修订', en: 'data revision' },
  progressAsOf: { zh: '进度报告截至', en: 'progress as of' },
  warnings: { zh: '提示', en: 'warnings' },
} as const satisfies Record<string, Term>;

/** A service area's status in the data set, and "existing" for one covered before the first phase. */
export const SITE_STATUS: Record<SiteStatus | 'existing', Term> = {
  candidate: { zh: '候选', en: 'candidate' },
  required: { zh: '必建', en: 'required' },
  excluded: { zh: '排除', en: 'excluded' },
  existing: { zh: '已有', en: 'existing' },
};

/** A plan version's status: the solver's four and the job's three. */
export const PLAN_STATUS: Record<PlanStatus | 'failed' | 'queued' | 'solving', Term> = {
  optimal: { zh: '最优', en: 'optimal' },
  feasible: { zh: '可行（未证最优）', en: 'feasible (not proven optimal)' },
  infeasible: { zh: '无可行解', en: 'infeasible' },
  unknown: { zh: '未找到方案', en: 'unknown (stopped before any plan)' },
  failed: { zh: '失败', en: 'failed' },
  queued: { zh: '排队中', en: 'queued' },
  solving: { zh: '求解中', en: 'solving' },
};

/** A version's review state (SPEC 6.6). */
export const REVIEW_STATE: Record<'none' | 'approved' | 'changes-requested', Term> = {
  none: { zh: '未审核', en: 'not reviewed' },
  approved: { zh: '已批准', en: 'approved' },
  'changes-requested': { zh: '需修改', en: 'changes requested' },
};

/** What made a version (SPEC 6.4), by the API's wire names: submit, by hand (regenerate), schedule. */
export const VERSION_TRIGGER: Record<'submit' | 'regenerate' | 'schedule', Term> = {
  submit: { zh: '提交', en: 'submitted' },
  regenerate: { zh: '手动重新规划', en: 're-planned by hand' },
  schedule: { zh: '定期重新规划', en: 're-planned on schedule' },
};

/** A region's class (POLICY: priority regions carry the 80% target). */
export const REGION_CLASS: Record<RegionClass, Term> = {
  priority: { zh: '重点地区', en: 'priority' },
  standard: { zh: '一般地区', en: 'standard' },
};

/** China's 31 province-level divisions on the mainland by their usual two-letter codes: short and full Chinese names, English. */
export const PROVINCES: readonly (readonly [code: string, short: string, full: string, en: string])[] = [
  ['BJ', '北京', '北京市', 'Beijing'], ['TJ', '天津', '天津市', 'Tianjin'], ['HE', '河北', '河北省', 'Hebei'],
  ['SX', '山西', '山西省', 'Shanxi'], ['NM', '内蒙古', '内蒙古自治区', 'Inner Mongolia'], ['LN', '辽宁', '辽宁省', 'Liaoning'],
  ['JL', '吉林', '吉林省', 'Jilin'], ['HL', '黑龙江', '黑龙江省', 'Heilongjiang'], ['SH', '上海', '上海市', 'Shanghai'],
  ['JS', '江苏', '江苏省', 'Jiangsu'], ['ZJ', '浙江', '浙江省', 'Zhejiang'], ['AH', '安徽', '安徽省', 'Anhui'],
  ['FJ', '福建', '福建省', 'Fujian'], ['JX', '江西', '江西省', 'Jiangxi'], ['SD', '山东', '山东省', 'Shandong'],
  ['HA', '河南', '河南省', 'Henan'], ['HB', '湖北', '湖北省', 'Hubei'], ['HN', '湖南', '湖南省', 'Hunan'],
  ['GD', '广东', '广东省', 'Guangdong'], ['GX', '广西', '广西壮族自治区', 'Guangxi'], ['HI', '海南', '海南省', 'Hainan'],
  ['CQ', '重庆', '重庆市', 'Chongqing'], ['SC', '四川', '四川省', 'Sichuan'], ['GZ', '贵州', '贵州省', 'Guizhou'],
  ['YN', '云南', '云南省', 'Yunnan'], ['XZ', '西藏', '西藏自治区', 'Tibet'], ['SN', '陕西', '陕西省', 'Shaanxi'],
  ['GS', '甘肃', '甘肃省', 'Gansu'], ['QH', '青海', '青海省', 'Qinghai'], ['NX', '宁夏', '宁夏回族自治区', 'Ningxia'],
  ['XJ', '新疆', '新疆维吾尔自治区', 'Xinjiang'],
];

/** A province's name by its code: the full Chinese name (浙江省) or the English one; the code itself when unknown. */
export function provinceName(code: string, lang: Lang): string {
  const found = PROVINCES.find(([known]) => known === code.toUpperCase());
  if (found === undefined) return code;
  return lang === 'zh' ? found[2] : found[3];
}

/** The word of a term in a language. */
export const word = (term: Term, lang: Lang): string => term[lang];
