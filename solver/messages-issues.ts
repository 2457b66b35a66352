/**
 * One job: the catalog's validation problems (a field of a data set, progress
 * report, scenario, curve or request, and the files they come in), by code,
 * each with the English the API has always written and its Chinese. Codes are
 * grouped by the shape of the problem (`field.wrongType` for every "must be a
 * number/string/...") rather than by where it arises; the issue's `path` says
 * where. Merged into `MESSAGES` by `messages.ts`.
 */
import { TERMS } from './glossary.js';
import { count, gotEn, gotParams, gotZh, innerOf, list, q, rangeEn, rangeZh, s, type P, type Template } from './message-format.js';

const SA = TERMS.serviceArea.zh;
const PILE = TERMS.pile.zh;

/** The kinds of item a data set lists, in Chinese, by the English noun the messages use. */
const KIND_ZH: Record<string, string> = {
  phase: TERMS.phase.zh,
  phases: TERMS.phase.zh,
  region: TERMS.region.zh,
  regions: TERMS.region.zh,
  corridor: TERMS.corridor.zh,
  corridors: TERMS.corridor.zh,
  'service area': SA,
  'service areas': SA,
  serviceAreas: SA,
  sites: SA,
  'traffic stretches': '交通量路段',
  traffic: '交通量路段',
};
const kindZh = (v: P[string] | undefined): string => KIND_ZH[s(v)] ?? s(v);

/** Field names a message compares with, in Chinese; any other is printed as it is. */
const FIELD_ZH: Record<string, string> = {
  baseYear: '基准年',
  startKm: '起点桩号',
  fromKm: '起点桩号',
  maxPiles: `最多${PILE}数`,
  from: '起点值',
};
const fieldZh = (v: P[string] | undefined): string => FIELD_ZH[s(v)] ?? s(v);

const EXPECTED_EN: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number' };
const EXPECTED_ZH: Record<string, string> = { object: '对象', array: '数组', string: '字符串', number: '数字' };

/** Why a file is no .xlsx workbook, in both languages (the English as the reader has always said it). */
const NOT_XLSX: Record<string, { en: (p: P) => string; zh: (p: P) => string }> = {
  noZip: { en: () => 'no ZIP archive found', zh: () => '找不到 ZIP 压缩包' },
  tooShort: { en: () => 'too short to be a ZIP archive', zh: () => '文件太短，不是 ZIP 压缩包' },
  damagedDirectory: { en: () => 'damaged ZIP directory', zh: () => 'ZIP 目录已损坏' },
  damagedEntry: { en: (p) => `damaged ZIP entry ${s(p.entry)}`, zh: (p) => `ZIP 条目 ${s(p.entry)} 已损坏` },
  truncatedEntry: { en: (p) => `truncated ZIP entry ${s(p.entry)}`, zh: (p) => `ZIP 条目 ${s(p.entry)} 不完整（被截断）` },
  sizeMismatch: {
    en: (p) => `ZIP entry ${s(p.entry)} does not inflate to its declared ${s(p.size)} bytes`,
    zh: (p) => `ZIP 条目 ${s(p.entry)} 解压后不是声明的 ${s(p.size)} 字节`,
  },
  noWorkbookPart: { en: () => 'no workbook part in the archive', zh: () => '压缩包中没有工作簿部分' },
};

export const ISSUE_MESSAGES = {
  // Any JSON field.
  'field.required': { en: () => 'required', zh: () => '必填' },
  'field.unknownKey': { en: () => 'unknown key', zh: () => '不认识的字段，请删除或改正' },
  'field.wrongType': {
    en: (p) => `must be ${EXPECTED_EN[s(p.expected)] ?? s(p.expected)}${p.got === undefined ? '' : `, got ${gotEn(p)}`}`,
    zh: (p) => `须为${EXPECTED_ZH[s(p.expected)] ?? s(p.expected)}${p.got === undefined ? '' : `，实际为${gotZh(p)}`}`,
  },
  'field.tooMany': {
    en: (p) => `at most ${count(p.max)} ${s(p.items)} are allowed, got ${s(p.count)}`,
    zh: (p) => `最多允许 ${s(p.max)} 个${kindZh(p.items)}，实际 ${s(p.count)} 个`,
  },
  'field.tooLong': {
    en: (p) => `must be at most ${count(p.max)} characters, got ${count(p.count)}`,
    zh: (p) => `最多 ${s(p.max)} 个字符，实际 ${s(p.count)} 个`,
  },
  'field.empty': { en: () => 'must not be empty', zh: () => '不能为空' },
  'field.duplicateId': {
    en: (p) => `duplicate id ${s(p.id)} (also ${s(p.kind)}[${s(p.index)}].id)`,
    zh: (p) => `编号 ${s(p.id)} 重复（与 ${s(p.kind)}[${s(p.index)}] 的编号相同）`,
  },
  'field.unknownRef': {
    en: (p) => `unknown ${s(p.kind)} ${p.quoted === true ? q(p.id) : s(p.id)}`,
    zh: (p) => `${kindZh(p.kind)} ${p.quoted === true ? q(p.id) : s(p.id)} 不存在`,
  },
  'field.notOneOf': {
    en: (p) => `must be one of ${list(p.choices).map((c) => q(c)).join(', ')}, got ${gotEn(p, true)}`,
    zh: (p) => `须为 ${list(p.choices).map((c) => q(c)).join('、')} 之一，实际为${gotZh(p)}`,
  },
  'field.notFinite': { en: (p) => `must be a finite number, got ${s(p.value)}`, zh: (p) => `须为有限的数字，实际为 ${s(p.value)}` },
  'field.notInteger': { en: (p) => `must be a whole number, got ${s(p.value)}`, zh: (p) => `须为整数，实际为 ${s(p.value)}` },
  'field.outOfRange': { en: (p) => `${rangeEn(p)}, got ${s(p.value)}`, zh: (p) => `${rangeZh(p)}，实际为 ${s(p.value)}` },
  'field.overLimit': { en: (p) => `must be at most ${count(p.max)}, got ${s(p.value)}`, zh: (p) => `不得超过 ${s(p.max)}，实际为 ${s(p.value)}` },
  'field.mustExceed': {
    en: (p) => `must be greater than ${s(p.other)} (${s(p.value)})`,
    zh: (p) => `须大于${fieldZh(p.other)}（${s(p.value)}）`,
  },
  'field.mustDiffer': {
    en: (p) => `must differ from ${s(p.other)} (${s(p.value)})`,
    zh: (p) => `须与${fieldZh(p.other)}（${s(p.value)}）不同`,
  },
  'field.notAtMost': {
    en: (p) => `must be at most ${s(p.other)} (${s(p.value)})`,
    zh: (p) => `不得超过${fieldZh(p.other)}（${s(p.value)}）`,
  },
  'field.notDate': {
    en: (p) => `must be a calendar date YYYY-MM-DD${p.value === undefined ? '' : `, got ${q(p.value)}`}`,
    zh: (p) => `须为有效日期，格式 YYYY-MM-DD${p.value === undefined ? '' : `，实际为 ${q(p.value)}`}`,
  },
  'field.loneSurrogate': {
    en: () => 'contains a lone surrogate (not valid Unicode text)',
    zh: () => '含有不成对的代理字符（不是有效的 Unicode 文本）',
  },
  'issues.more': {
    en: (p) => `${s(p.count)} more problem${p.count === 1 ? '' : 's'} not listed`,
    zh: (p) => `另有 ${s(p.count)} 个问题未列出`,
  },

  // A data set (SPEC 1).
  'dataset.provinceFormat': {
    en: (p) => `must be 1 to 16 letters, digits, "_" or "-", got ${q(p.value)}`,
    zh: (p) => `须为 1 至 16 个字母、数字、"_" 或 "-"，实际为 ${q(p.value)}`,
  },
  'phase.none': { en: () => 'must list at least one phase', zh: () => `至少须列出一个${TERMS.phase.zh}` },
  'phase.reservedId': {
    en: (p) => `"${s(p.id)}" is reserved: plans use it for existing-covered sites`,
    zh: (p) => `"${s(p.id)}" 是保留编号：方案用它标记开工前已覆盖的${SA}`,
  },
  'phase.targetRequired': {
    en: (p) => `required: region ${s(p.region)} (regions[${s(p.index)}]) has class ${s(p.class)} and this phase states targets`,
    zh: (p) => `必填：${TERMS.region.zh} ${s(p.region)}（regions[${s(p.index)}]）属于${p.class === 'priority' ? '重点地区' : '一般地区'}，且本${TERMS.phase.zh}设有覆盖目标`,
  },
  'traffic.overlap': {
    en: (p) => `overlaps traffic[${s(p.index)}] on corridor ${s(p.corridor)} (km ${s(p.fromKm)} to ${s(p.toKm)})`,
    zh: (p) => `与 traffic[${s(p.index)}] 在${TERMS.corridor.zh} ${s(p.corridor)} 上重叠（K${s(p.fromKm)} 至 K${s(p.toKm)}）`,
  },
  'site.requiredByWithoutStatus': {
    en: (p) => `only allowed with status "${s(p.status)}"`,
    zh: (p) => `仅当状态为必建（"${s(p.status)}"）时才能填写`,
  },
  'site.existingOverDefaultCap': {
    en: (p) => `must be at most maxPilesPerSite (${s(p.value)}), which applies as maxPiles is omitted`,
    zh: (p) => `不得超过单个${SA}最多${PILE}数（${s(p.value)}）：未填写本${SA}的上限时按此值`,
  },
  'site.outsideCorridor': {
    en: (p) => `${s(p.km)} is outside corridor ${s(p.corridor)} (km ${s(p.startKm)} to ${s(p.endKm)})`,
    zh: (p) => `${TERMS.km.zh} ${s(p.km)} 超出${TERMS.corridor.zh} ${s(p.corridor)} 的范围（K${s(p.startKm)} 至 K${s(p.endKm)}）`,
  },
  'site.offTraffic': {
    en: (p) => `${s(p.km)} is on no traffic stretch of corridor ${s(p.corridor)}`,
    zh: (p) => `${TERMS.km.zh} ${s(p.km)} 不在${TERMS.corridor.zh} ${s(p.corridor)} 的任何交通量路段上`,
  },
  'upload.malformedJson': {
    en: (p) => `malformed JSON: ${s(p.detail)}`,
    zh: () => '不是有效的 JSON 文件：文件可能不完整（被截断）或不是 JSON 格式，请重新导出后上传',
  },

  // A progress report (SPEC 6.2).
  'progress.siteExcluded': {
    en: (p) => `service area ${s(p.site)} is excluded and cannot be reported`,
    zh: (p) => `${SA} ${s(p.site)} 已被排除，不能报告进度`,
  },
  'progress.capBelowMin': {
    en: (p) => `service area ${s(p.site)} can hold only ${s(p.cap)} piles, fewer than minPilesPerSite ${s(p.minPiles)}`,
    zh: (p) => `${SA} ${s(p.site)} 最多只能装 ${s(p.cap)} 个${PILE}，少于覆盖所需的 ${s(p.minPiles)} 个`,
  },
  'progress.phaseAfterReport': {
    en: (p) => `phase ${s(p.phase)} (${s(p.phaseYear)}) is after the report's year ${s(p.year)}`,
    zh: (p) => `${TERMS.phase.zh} ${s(p.phase)}（${s(p.phaseYear)} 年）晚于报告年份 ${s(p.year)}`,
  },

  // A scenario or a curve (SPEC 8).
  'scenario.noBudgets': {
    en: () => 'no phase of the data set has a budget to scale',
    zh: () => `数据集的各${TERMS.phase.zh}都没有可缩放的${TERMS.budget.zh}`,
  },
  'scenario.phaseNoBudget': {
    en: (p) => `phase ${s(p.phase)} has no budget to scale`,
    zh: (p) => `${TERMS.phase.zh} ${s(p.phase)} 没有可缩放的${TERMS.budget.zh}`,
  },
  'scenario.phaseBudget': {
    en: (p, _, nested) => `phase ${s(p.budgetPhase)}'s budget: ${innerOf(p, nested)}`,
    zh: (p, _, nested) => `${s(p.budgetPhase)} 年${TERMS.budget.zh}：${innerOf(p, nested)}`,
  },
  'scenario.changedDataset': {
    en: (p, _, nested) => `the changed data set has a problem at ${s(p.changedPath)}: ${innerOf(p, nested)}`,
    zh: (p, _, nested) => `修改后的数据集在 ${s(p.changedPath)} 处有问题：${innerOf(p, nested)}`,
  },
  'curve.pointProblem': {
    en: (p, _, nested) => `${s(p.pointValue)} gives ${s(p.pointPath)}: ${innerOf(p, nested)}`,
    zh: (p, _, nested) => `取值 ${s(p.pointValue)} 时 ${s(p.pointPath)}：${innerOf(p, nested)}`,
  },
  'curve.noTarget': {
    en: (p) => `no phase of the data set states a ${s(p.class)} target`,
    zh: (p) => `数据集没有任何${TERMS.phase.zh}设有${p.class === 'priority' ? '重点地区' : '一般地区'}覆盖目标`,
  },

  // A workbook (the template's layout) and its cells.
  'cell.notFinite': { en: () => 'is not a finite number', zh: () => '不是有限的数字' },
  'cell.date': { en: () => 'holds a date; enter a number or text', zh: () => '是日期：请填数字或文字' },
  'cell.unreadable': { en: () => 'cannot be read', zh: () => '无法读取' },
  'cell.error': { en: (p) => `holds the error ${s(p.error)}`, zh: (p) => `是错误值 ${s(p.error)}` },
  'cell.formulaNoValue': {
    en: (p) => `formula =${s(p.formula)} has no saved value; open the workbook in Excel and save it again`,
    zh: (p) => `公式 =${s(p.formula)} 没有保存计算结果：请用 Excel 打开工作簿并重新保存`,
  },
  'cell.formula': {
    en: (p, _, nested) => `formula =${s(p.formula)} ${innerOf(p, nested)}`,
    zh: (p, _, nested) => `公式 =${s(p.formula)} 的结果${innerOf(p, nested)}`,
  },
  'sheet.missing': { en: (p) => `the workbook has no sheet "${s(p.sheet)}"`, zh: (p) => `工作簿缺少工作表“${s(p.sheet)}”` },
  'sheet.merged': {
    en: () => 'merged cells are not accepted in a data sheet: unmerge them and fill every cell',
    zh: () => '数据表中不能有合并单元格：请取消合并并填满每个单元格',
  },
  'sheet.unknownColumn': {
    en: (p) => `unknown column "${s(p.header)}"; the columns are ${list(p.columns).join(', ')}`,
    zh: (p) => `不认识的列“${s(p.header)}”；可用的列为 ${list(p.columns).join('、')}`,
  },
  'sheet.columnTwice': {
    en: (p) => `column ${s(p.field)} appears twice (also ${s(p.cell)})`,
    zh: (p) => `列 ${s(p.field)} 出现了两次（另见 ${s(p.cell)}）`,
  },
  'sheet.noHeaders': {
    en: () => 'row 1 must hold the column headers (see the template)',
    zh: () => '第 1 行须为列标题（见模板）',
  },
  'sheet.valueWithoutField': {
    en: () => 'a value without a field name in column A',
    zh: () => '有值但第一列没有字段名',
  },
  'sheet.unknownField': {
    en: (p) => `unknown field "${s(p.key)}"; the fields are ${list(p.fields).join(', ')}`,
    zh: (p) => `不认识的字段“${s(p.key)}”；可用的字段为 ${list(p.fields).join('、')}`,
  },
  'sheet.fieldTwice': {
    en: (p) => `field ${s(p.field)} appears twice (also row ${s(p.row)})`,
    zh: (p) => `字段 ${s(p.field)} 出现了两次（另见第 ${s(p.row)} 行）`,
  },
  'workbook.unreadable': {
    en: (p) => `not a readable .xlsx workbook (${s(p.reason)})`,
    zh: () => '无法读取的 .xlsx 工作簿：请用 Excel 打开并另存为 .xlsx 后上传',
  },
  'workbook.notXlsx': {
    en: (p) => `not an .xlsx workbook (${NOT_XLSX[s(p.reason)]?.en(p) ?? s(p.reason)})`,
    zh: (p) => `不是 .xlsx 工作簿（${NOT_XLSX[s(p.reason)]?.zh(p) ?? s(p.reason)}）`,
  },
  'workbook.zip64': {
    en: () => 'ZIP64 archives are not accepted; a workbook never needs one',
    zh: () => '不接受 ZIP64 压缩包：工作簿不需要这种格式',
  },
  'workbook.tooManyFiles': {
    en: (p) => `the archive holds ${s(p.count)} files; at most ${s(p.max)} are accepted`,
    zh: (p) => `压缩包含 ${s(p.count)} 个文件，最多接受 ${s(p.max)} 个`,
  },
  'workbook.encrypted': {
    en: () => 'the workbook is encrypted; save it without a password',
    zh: () => '工作簿已加密：请去掉密码后保存',
  },
  'workbook.tooBig': {
    en: (p) => `the workbook inflates to more than ${s(p.mb)} MB; at most that is accepted`,
    zh: (p) => `工作簿解压后超过 ${s(p.mb)} MB，超出上限`,
  },
  'workbook.compression': {
    en: (p) => `ZIP entry ${s(p.entry)} uses compression method ${s(p.method)}; only stored and deflated entries are accepted`,
    zh: (p) => `ZIP 条目 ${s(p.entry)} 使用了压缩方法 ${s(p.method)}：只接受不压缩或 deflate 压缩`,
  },
  'workbook.tooManySheets': {
    en: (p) => `the workbook has ${s(p.count)} sheets; at most ${s(p.max)} are accepted`,
    zh: (p) => `工作簿有 ${s(p.count)} 个工作表，最多接受 ${s(p.max)} 个`,
  },
  'workbook.tooManyCells': {
    en: (p) => `the data sheets hold ${count(p.count)} cells; at most ${count(p.max)} are accepted`,
    zh: (p) => `数据表共有 ${s(p.count)} 个单元格，最多接受 ${s(p.max)} 个`,
  },

  // A GeoJSON layer of service areas and corridor lines.
  'geojson.notCollection': { en: () => 'must be a GeoJSON FeatureCollection', zh: () => '须为 GeoJSON 要素集合' },
  'geojson.tooManyFeatures': {
    en: (p) => `at most ${s(p.max)} features are accepted, got ${s(p.count)}`,
    zh: (p) => `最多接受 ${s(p.max)} 个要素，实际 ${s(p.count)} 个`,
  },
  'geojson.baseNotObject': { en: () => 'the base data set must be an object', zh: () => '基础数据集须为对象' },
  'geojson.notFeature': { en: () => 'must be a GeoJSON Feature with a geometry', zh: () => '须为带几何图形的 GeoJSON 要素' },
  'geojson.badPosition': { en: () => 'must be [longitude, latitude] in degrees', zh: () => '须为 [经度, 纬度]，单位为度' },
  'geojson.fromGeometry': {
    en: (p) => `${s(p.key)} comes from the geometry; remove the property`,
    zh: (p) => `${s(p.key)} 由几何图形得出：请删除该属性`,
  },
  'geojson.unknownProperty': {
    en: (p) => `unknown property; a ${p.of === 'corridor' ? "corridor's" : "service area's"} are ${list(p.allowed).join(', ')}`,
    zh: (p) => `不认识的属性；${p.of === 'corridor' ? TERMS.corridor.zh : SA}的属性为 ${list(p.allowed).join('、')}`,
  },
  'geojson.geometryType': {
    en: (p) => `must be Point, LineString or MultiLineString, got ${s(p.value)}`,
    zh: (p) => `几何类型须为点、线或多线，实际为 ${s(p.value)}`,
  },
  'geojson.noCorridorLine': {
    en: (p) => `no LineString or MultiLineString with id ${q(p.corridor)} in the layer`,
    zh: (p) => `图层中没有编号为 ${q(p.corridor)} 的${TERMS.corridor.zh}线`,
  },
  'geojson.offLine': {
    en: (p) =>
      `lies ${s(p.offsetKm)} km from the line of corridor ${s(p.corridor)}; a service area must be within ${s(p.maxKm)} km of its corridor's line (not snapped: check the point or its corridor)`,
    zh: (p) => `距${TERMS.corridor.zh} ${s(p.corridor)} 的线 ${s(p.offsetKm)} 公里；${SA}须在其${TERMS.corridor.zh}线 ${s(p.maxKm)} 公里以内（未自动吸附：请检查该点或其${TERMS.corridor.zh}）`,
  },
  'geojson.lineWithoutId': {
    en: () => 'a corridor line needs its corridor id as a non-empty string',
    zh: () => `${TERMS.corridor.zh}线须有非空的${TERMS.corridor.zh}编号`,
  },
  'geojson.startKm': {
    en: () => "must be a number (km of the line's first vertex), default 0",
    zh: () => `须为数字（线的第一个顶点的${TERMS.km.zh}），默认 0`,
  },
  'geojson.shortLine': {
    en: () => 'every line needs at least two [longitude, latitude] positions in degrees',
    zh: () => '每条线至少需要两个 [经度, 纬度] 坐标点，单位为度',
  },
  'geojson.lineTwice': {
    en: (p) => `corridor ${s(p.corridor)} already has a line (features[${s(p.feature)}]); join its parts into one MultiLineString`,
    zh: (p) => `${TERMS.corridor.zh} ${s(p.corridor)} 已有一条线（features[${s(p.feature)}]）：请把各段合并为一个多线要素`,
  },
} as const satisfies Record<string, Template>;

/** Params of `field.wrongType`: what was expected and what came. */
export const wrongType = (expected: 'object' | 'array' | 'string' | 'number', value: unknown): P => ({ expected, ...gotParams(value) });
