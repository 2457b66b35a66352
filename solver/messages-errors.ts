/**
 * One job: the catalog's messages of the API's error answers: the answer's own
 * message (`error.*`, beside the machine `code` such as `forbidden`) and the
 * problems of a request's parameters, headers and small bodies (`request.*`).
 * Each with the English the API has always written and its Chinese. Merged
 * into `MESSAGES` by `messages.ts`.
 */
import { provinceName, TERMS } from './glossary.js';
import { list, q, s, type P, type Template } from './message-format.js';

const PLAN_STATUS_ZH: Record<string, string> = {
  optimal: '最优',
  feasible: '可行',
  infeasible: '无可行解',
  unknown: '未找到方案',
  failed: '失败',
  queued: '排队中',
  solving: '求解中',
};
const statusZh = (p: P): string => PLAN_STATUS_ZH[s(p.status)] ?? s(p.status);
const provinceZh = (p: P): string => provinceName(s(p.province), 'zh');
const VERSION = TERMS.version.zh;

/** What a refused body was meant to be, in both languages. */
const INVALID: Record<string, { en: string; zh: string }> = {
  request: { en: 'The request is not valid', zh: '请求无效' },
  dataset: { en: 'The data set is not valid', zh: '数据集有问题' },
  progress: { en: 'The progress report is not valid', zh: '进度报告有问题' },
  scenario: { en: 'The scenario is not valid', zh: '情景有问题' },
  curve: { en: 'The curve is not valid', zh: '权衡曲线请求有问题' },
  workbook: { en: 'The workbook is not a valid data set', zh: '工作簿不是有效的数据集' },
};

export const ERROR_MESSAGES = {
  // The message of an error answer.
  'error.notValid': {
    en: (p) => INVALID[s(p.what)]?.en ?? INVALID.request!.en,
    zh: (p) => `${INVALID[s(p.what)]?.zh ?? INVALID.request!.zh}，请按下列各项修改`,
  },
  'error.idempotencyKeyMissing': {
    en: () => 'The Idempotency-Key header is required for this request',
    zh: () => '此请求须带 Idempotency-Key 请求头（防止重复提交）',
  },
  'error.idempotencyKeyReused': {
    en: (p) => `Idempotency-Key "${s(p.key)}" was already used with a different request body`,
    zh: (p) => `请求标识 "${s(p.key)}" 已用于另一份不同的请求内容`,
  },
  'error.payloadTooLarge': {
    en: (p) => `The request body is larger than ${s(p.limitBytes)} bytes`,
    zh: (p) => `上传内容超过 ${s(p.limitBytes)} 字节的上限`,
  },
  'error.mediaType': {
    en: (p) => `Content-Type "${s(p.contentType)}" is not supported; send ${list(p.accepted).join(' or ')}`,
    zh: (p) => `不支持的内容类型 "${s(p.contentType)}"：请发送 ${list(p.accepted).join(' 或 ')}`,
  },
  'error.compressed': {
    en: (p) => `Content-Encoding "${s(p.encoding)}" is not supported: send the body uncompressed`,
    zh: (p) => `不支持压缩编码 "${s(p.encoding)}"：请发送未压缩的内容`,
  },
  'error.tokenRequired': { en: () => 'A bearer token is required', zh: () => '需要登录：请求缺少访问令牌' },
  'error.subjectTooLong': {
    en: (p) => `The token's subject is longer than ${s(p.max)} characters`,
    zh: (p) => `访问令牌中的用户标识超过 ${s(p.max)} 个字符`,
  },
  'error.readForbidden': {
    en: (p) => `You may not read plans of province ${s(p.province)}`,
    zh: (p) => `您无权查看${provinceZh(p)}的规划`,
  },
  'error.writeForbidden': {
    en: (p) => `You may not submit or change plans of province ${s(p.province)}`,
    zh: (p) => `您无权提交或修改${provinceZh(p)}的规划`,
  },
  'error.reviewerCannotWrite': {
    en: () => 'Reviewers cannot submit or regenerate plans',
    zh: () => '审核人不能提交或重新规划',
  },
  'error.noProvince': { en: () => 'Your account belongs to no province', zh: () => '您的账号不属于任何省份' },
  'error.reviewersOnly': { en: () => 'Only reviewers can review plan versions', zh: () => '只有审核人才能审核规划版本' },
  'error.overviewReviewersOnly': { en: () => 'Only reviewers see the national overview', zh: () => '只有审核人才能查看全国概览' },
  'error.reviewOwnRevision': {
    en: (p) => `You submitted revision ${s(p.revision)} of this plan's data set, which version ${s(p.version)} was solved from: another reviewer must review it`,
    zh: (p) => `第 ${s(p.version)} ${VERSION}所用的数据集修订 ${s(p.revision)} 是您提交的：须由另一位审核人审核`,
  },
  'error.reviewOwnProgress': {
    en: (p) => `You sent the progress report version ${s(p.version)} counts: another reviewer must review it`,
    zh: (p) => `第 ${s(p.version)} ${VERSION}所依据的进度报告是您报送的：须由另一位审核人审核`,
  },
  'error.planNotFound': { en: (p) => `Plan ${s(p.plan)} does not exist`, zh: (p) => `规划 ${s(p.plan)} 不存在` },
  'error.versionNotFound': {
    en: (p) => `Plan ${s(p.plan)} has no version ${s(p.version)}`,
    zh: (p) => `规划 ${s(p.plan)} 没有第 ${s(p.version)} ${VERSION}`,
  },
  'error.noCurve': { en: (p) => `Plan ${s(p.plan)} has no curve ${s(p.curve)}`, zh: (p) => `规划 ${s(p.plan)} 没有权衡曲线 ${s(p.curve)}` },
  'error.noScenario': { en: (p) => `Plan ${s(p.plan)} has no scenario ${s(p.scenario)}`, zh: (p) => `规划 ${s(p.plan)} 没有情景 ${s(p.scenario)}` },
  'error.noPlanOfRecord': {
    en: (p) => `Plan ${s(p.plan)} has no approved version yet, so no plan of record`,
    zh: (p) => `规划 ${s(p.plan)} 还没有已批准的${VERSION}，因此没有${TERMS.planOfRecord.zh}`,
  },
  'error.noProgress': {
    en: (p) => `Plan ${s(p.plan)} has no progress report yet`,
    zh: (p) => `规划 ${s(p.plan)} 还没有进度报告`,
  },
  'error.badScenarioId': {
    en: (p) => `No scenario ${q(p.id)}: a scenario is named s1, s2, ..., a curve's point c1-1, c1-2, ...`,
    zh: (p) => `没有情景 ${q(p.id)}：情景编号形如 s1、s2，曲线上的点形如 c1-1、c1-2`,
  },
  'error.badCurveId': {
    en: (p) => `No curve ${q(p.id)}: a curve is named c1, c2, ...`,
    zh: (p) => `没有权衡曲线 ${q(p.id)}：曲线编号形如 c1、c2`,
  },
  'error.reviewUnsolved': {
    en: (p) => `Version ${s(p.version)} is still ${s(p.status)}: review it once it is solved`,
    zh: (p) => `第 ${s(p.version)} ${VERSION}仍在${statusZh(p)}：求解完成后再审核`,
  },
  'error.planVanished': { en: (p) => `Plan ${s(p.plan)} vanished`, zh: (p) => `规划 ${s(p.plan)} 已不存在` },
  'error.noDataset': { en: (p) => `Plan ${s(p.plan)} has no data set`, zh: (p) => `规划 ${s(p.plan)} 没有数据集` },
  'error.noSelection': {
    en: (p) => `Plan ${s(p.plan)} ${p.scenario == null ? `version ${s(p.version)}` : `scenario ${s(p.scenario)}`} has no site selection (status ${s(p.status)})`,
    zh: (p) => `规划 ${s(p.plan)} 的${p.scenario == null ? `第 ${s(p.version)} ${VERSION}` : `情景 ${s(p.scenario)}`}没有选址结果（状态：${statusZh(p)}）`,
  },
  'error.noReport': {
    en: (p) => `Plan ${s(p.plan)} version ${s(p.version)} has no report yet (status ${s(p.status)})`,
    zh: (p) => `规划 ${s(p.plan)} 第 ${s(p.version)} ${VERSION}还没有报告（状态：${statusZh(p)}）`,
  },
  'error.nothingToCompare': {
    en: (p) => `${p.scenario == null ? `Version ${s(p.version)}` : `Scenario ${s(p.scenario)}`} has no plan to compare (status ${s(p.status)})`,
    zh: (p) => `${p.scenario == null ? `第 ${s(p.version)} ${VERSION}` : `情景 ${s(p.scenario)}`}没有可比较的方案（状态：${statusZh(p)}）`,
  },
  'error.whatIfLimit': {
    en: (p) => `Plan ${s(p.plan)} has ${s(p.max)} ${p.kind === 'curve' ? 'trade-off curves' : 'scenarios'} already, the most a plan keeps`,
    zh: (p) => `规划 ${s(p.plan)} 已有 ${s(p.max)} 个${p.kind === 'curve' ? '权衡曲线' : '情景'}，已达上限`,
  },
  'error.replanBusy': {
    en: (p) => `Plan ${s(p.plan)} is being re-planned by another request; retry`,
    zh: (p) => `规划 ${s(p.plan)} 正在被另一个请求重新规划：请稍后重试`,
  },
  'error.revisionsBusy': {
    en: (p) => `Plan ${s(p.plan)}: too many concurrent revisions, retry`,
    zh: (p) => `规划 ${s(p.plan)} 同时修订的请求太多：请稍后重试`,
  },
  'error.versionBeingCreated': {
    en: (p) => `Plan ${s(p.plan)}: version ${s(p.version)} is already being created`,
    zh: (p) => `规划 ${s(p.plan)} 的第 ${s(p.version)} ${VERSION}正在生成：请稍后重试`,
  },
  'error.planChanged': {
    en: (p) => `Plan ${s(p.plan)} changed while adding version ${s(p.version)}`,
    zh: (p) => `生成第 ${s(p.version)} ${VERSION}时规划 ${s(p.plan)} 被修改：请稍后重试`,
  },
  'error.queueRefused': {
    en: (p) => `The solve queue did not take plan ${s(p.plan)} ${s(p.what)}; retry the request`,
    zh: (p) => `求解队列未接收规划 ${s(p.plan)} 的任务：请重试`,
  },
  'error.busy': { en: () => 'The service is busy; retry shortly', zh: () => '服务繁忙：请稍后重试' },
  'error.internal': { en: () => 'Internal server error', zh: () => '服务器内部错误：请把请求编号告知技术支持' },

  // Problems of a request's parameters, headers and small bodies.
  'request.isRequired': { en: () => 'is required', zh: () => '必填' },
  'request.bodyRequired': {
    en: (p) => `is required: send the data set ${p.as === 'workbook' ? 'workbook' : 'as JSON'}`,
    zh: (p) => `缺少内容：请上传数据集${p.as === 'workbook' ? '工作簿' : '（JSON 格式）'}`,
  },
  'request.idempotencyKeyFormat': {
    en: () => 'must be 1 to 128 printable ASCII characters without spaces',
    zh: () => '须为 1 至 128 个可打印的英文字符，不含空格',
  },
  'request.intRange': {
    en: (p) => `must be an integer from ${s(p.min)} to ${s(p.max)}`,
    zh: (p) => `须为 ${s(p.min)} 至 ${s(p.max)} 之间的整数`,
  },
  'request.versionRange': {
    en: (p) => `must be a version number from 1 to ${s(p.max)}`,
    zh: (p) => `须为 1 至 ${s(p.max)} 之间的${VERSION}号`,
  },
  'request.oneOf': {
    en: (p) => `must be one of ${list(p.choices).join(', ')}`,
    zh: (p) => `须为 ${list(p.choices).join('、')} 之一`,
  },
  'request.phaseOf': {
    en: (p) => `must be one of the plan's phases: ${list(p.phases).join(', ')}`,
    zh: (p) => `须为本规划的${TERMS.phase.zh}之一：${list(p.phases).join('、')}`,
  },
  'request.versionOrScenario': {
    en: () => 'name a version or a scenario, not both',
    zh: () => `请指定${VERSION}或情景，不能同时指定`,
  },
  'request.remedyOfScenario': {
    en: () => "a remedy belongs to a version: name a version's remedy, not a scenario's",
    zh: () => `补救方案属于${VERSION}：请指定${VERSION}的补救方案，而不是情景的`,
  },
  'request.noRemedyPlan': {
    en: (p) =>
      `version ${s(p.version)} has no ${s(p.remedy)} plan: ${p.status === undefined ? s(p.reason) : `only an infeasible version has remedies, and it is ${s(p.status)}`}`,
    zh: (p) =>
      `第 ${s(p.version)} ${VERSION}没有该补救方案：${p.status === undefined ? s(p.reason) : `只有无可行解的${VERSION}才有补救方案，本${VERSION}为${statusZh(p)}`}`,
  },
  'request.whatIfName': {
    en: () => 'must name a scenario (s1, s2, ...) or a curve point (c1-1, ...)',
    zh: () => '须为情景编号（如 s1、s2）或曲线上的点（如 c1-1）',
  },
  'request.whatIfListName': {
    en: (p) => `${JSON.stringify(s(p.id))} is not a scenario (s1, s2, ...) or a curve point (c1-1, ...); separate ids by commas`,
    zh: (p) => `${JSON.stringify(s(p.id))} 不是情景编号（如 s1、s2）或曲线上的点（如 c1-1）；多个编号用英文逗号分隔`,
  },
  'request.whatIfListTwice': { en: () => 'names a scenario twice', zh: () => '同一情景列了两次' },
  'request.whatIfListMax': {
    en: (p) => `names ${s(p.count)} scenarios: at most ${s(p.max)} fit beside the plan`,
    zh: (p) => `列了 ${s(p.count)} 个情景：报告中与规划并列最多 ${s(p.max)} 个`,
  },
  'request.badCursor': { en: () => 'is not a cursor returned by this listing', zh: () => '不是本列表返回的翻页标记' },
  'request.compareRequired': {
    en: () => 'is required: a version number, "record" or a scenario (s1)',
    zh: () => `必填：${VERSION}号、正式方案（"record"）或情景（如 s1）`,
  },
  'request.jsonOrCsv': { en: () => 'must be json or csv', zh: () => '须为 json 或 csv' },
  'request.unknownField': { en: () => 'is not a known field', zh: () => '不认识的字段' },
  'request.reviewShape': {
    en: () => 'must be an object {"decision": "approve" | "request-changes", "comment": "..."}',
    zh: () => '须为对象 {"decision": "approve" | "request-changes", "comment": "..."}',
  },
  'request.decision': {
    en: () => 'must be "approve" or "request-changes"',
    zh: () => '须为批准（"approve"）或需修改（"request-changes"）',
  },
  'request.maxChars': { en: (p) => `must be at most ${s(p.max)} characters`, zh: (p) => `最多 ${s(p.max)} 个字符` },
  'request.commentRequired': { en: () => 'is required to request changes', zh: () => '要求修改时须填写意见' },
  'request.replanShape': {
    en: () => 'must be an object such as {"asOf": "2026-01-15"}',
    zh: () => '须为对象，例如 {"asOf": "2026-01-15"}',
  },
  'request.provinceRequired': {
    en: () => 'is required: a province code of 1 to 16 letters, digits, _ or -',
    zh: () => '必填：省份代码，1 至 16 个字母、数字、"_" 或 "-"',
  },
  'request.sameProvince': {
    en: (p) => `must be the plan's province ${s(p.province)}, got ${s(p.got)}`,
    zh: (p) => `须为本规划的省份 ${s(p.province)}，实际为 ${s(p.got)}`,
  },
} as const satisfies Record<string, Template>;
