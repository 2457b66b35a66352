/**
 * The diagnosis of an infeasible plan in the report's Chinese, with names in
 * place of codes: the solver states each cause as one English sentence (SPEC 5)
 * and this reads the known ones back. A sentence it does not know is printed as
 * it is, so a new cause is never lost, only untranslated.
 */
import { TERMS } from '../glossary.js';
import type { Dataset } from '../types.js';
import { fmtMoney } from './report-page.js';

type Translate = (match: RegExpExecArray, dataset: Dataset) => string;

function corridorName(dataset: Dataset, id: string): string {
  const corridor = dataset.corridors.find((entry) => entry.id === id);
  return corridor?.name === undefined ? id : `${id} ${corridor.name}`;
}

const regionName = (dataset: Dataset, id: string): string => dataset.regions.find((region) => region.id === id)?.name ?? id;

/** The service area at a km stake of a corridor (stakes are printed to 0.1 km), else the corridor's end. */
function placeAt(dataset: Dataset, corridor: string, km: number): string {
  const area = dataset.serviceAreas.find((entry) => entry.corridor === corridor && Math.abs(entry.km - km) <= 0.05 + 1e-9);
  return area === undefined ? '路线端点' : area.name ?? area.id;
}

const money = (text: string, dataset: Dataset): string => fmtMoney(Number(text), dataset.currency);

const PATTERNS: [RegExp, Translate][] = [
  [
    /^region (\S+) needs (\d+) covered service areas in (\S+) but only (\d+) are not excluded$/,
    ([, region, need, phase, coverable], dataset) =>
      `${regionName(dataset, region!)} ${phase} 年需覆盖 ${need} 个${TERMS.serviceArea.zh}，但未排除的只有 ${coverable} 个`,
  ],
  [
    /^corridor (\S+) has ([\d.]+) km between km ([\d.]+) and km ([\d.]+) with no service area that can be covered, maxGapKm is ([\d.]+) in (\S+)$/,
    ([, corridor, length, from, to, gap, phase], dataset) =>
      `${corridorName(dataset, corridor!)} K${from}（${placeAt(dataset, corridor!, Number(from))}）至 K${to}（${placeAt(dataset, corridor!, Number(to))}）之间 ${length} 公里没有可建${TERMS.serviceArea.zh}，超过 ${phase} 年最大间距 ${gap} 公里`,
  ],
  [
    /^phase (\S+) needs at least (\S+) for piles at already covered service areas but its budget is (\S+)$/,
    ([, phase, least, budget], dataset) => `${phase} 年仅已覆盖${TERMS.serviceArea.zh}增加${TERMS.pile.zh}就至少需要 ${money(least!, dataset)}，但预算只有 ${money(budget!, dataset)}`,
  ],
  [
    /^phase (\S+) needs at least (\S+?)( \(with the earlier budgets kept\))? but its budget is (\S+)$/,
    ([, phase, least, earlier, budget], dataset) =>
      `${phase} 年${earlier === undefined ? '' : '（在此前各期不超预算的前提下）'}至少需要 ${money(least!, dataset)}，但预算只有 ${money(budget!, dataset)}`,
  ],
  [
    /^service area (\S+) is required but can hold only (\d+) piles, fewer than minPilesPerSite (\d+)$/,
    ([, site, cap, least], dataset) => {
      const area = dataset.serviceAreas.find((entry) => entry.id === site);
      return `必建${TERMS.serviceArea.zh}${area?.name ?? site}（${site}）最多只能装 ${cap} 个${TERMS.pile.zh}，少于覆盖所需的 ${least} 个`;
    },
  ],
  [
    /^region (\S+) covered (\d+) of the (\d+) service areas its (\S+) target required(?: and needs (\d+) by (\S+), (\d+) more than the (\d+) in service)? \((?:progress as of (\S+)|no progress reported)\)$/,
    ([, region, covered, required, phase, need, next, more, inService, asOf], dataset) => {
      const then = `${regionName(dataset, region!)} ${phase} 年目标要求覆盖 ${required} 个${TERMS.serviceArea.zh}，实际 ${covered} 个`;
      const ahead = need === undefined ? '' : `；${next} 年需 ${need} 个，比在用的 ${inService} 个多 ${more} 个`;
      return `${then}${ahead}（${asOf === undefined ? '未报告进度' : `进度截至 ${asOf}`}）`;
    },
  ],
  [
    /^phase (\S+)'s budget (\S+) is reduced by the (\S+) already spent to (\S+)$/,
    ([, phase, budget, spent, left], dataset) => `${phase} 年预算 ${money(budget!, dataset)} 扣除已完成投资 ${money(spent!, dataset)} 后剩 ${money(left!, dataset)}`,
  ],
  [
    /^the budgets of phases (.+) cannot all be met together with the coverage and spacing targets$/,
    ([, phases]) => `${phases!.split(', ').join('、')} 各期预算无法在满足覆盖率和间距要求的同时全部守住`,
  ],
];

/** A diagnosis sentence in Chinese, or the sentence itself when its form is not known. */
export function diagnosisInChinese(line: string, dataset: Dataset): string {
  for (const [pattern, translate] of PATTERNS) {
    const match = pattern.exec(line);
    if (match !== null) return translate(match, dataset);
  }
  return line;
}
