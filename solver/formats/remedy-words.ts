/**
 * The remedies of an infeasible plan (SPEC 7) in the planner's words, in
 * Chinese: a rule by the names of its region, corridor or service area, and a
 * stretch that needs new sites. The PDF report and the plan workbook say them
 * the same way.
 */
import { TERMS } from '../glossary.js';
import type { Dataset, NewSiteProposal } from '../types.js';

/** A rule as the remedies list it (unmet or dropped), by the data set's ids. */
export interface RuleView {
  rule: 'coverage' | 'spacing' | 'required';
  region?: string;
  corridor?: string;
  site?: string;
  phase?: string;
  covered?: number;
  required?: number;
  impossible?: boolean;
}

/** Names of the data set's regions, corridors (with their ids) and service areas (with their ids); the id when unnamed. */
export function placeNames(dataset: Dataset) {
  const regions = new Map(dataset.regions.map((region) => [region.id, region.name ?? region.id]));
  const corridors = new Map(dataset.corridors.map((corridor) => [corridor.id, corridor.name === undefined ? corridor.id : `${corridor.id} ${corridor.name}`]));
  const areas = new Map(dataset.serviceAreas.map((area) => [area.id, area.name === undefined ? area.id : `${area.name}（${area.id}）`]));
  return {
    region: (id: string | undefined) => (id === undefined ? '' : regions.get(id) ?? id),
    corridor: (id: string | undefined) => (id === undefined ? '' : corridors.get(id) ?? id),
    area: (id: string | undefined) => (id === undefined ? '' : areas.get(id) ?? id),
  };
}

export type PlaceNames = ReturnType<typeof placeNames>;

/** One rule in words: what it asks, where, in which phase, its figures, and whether no money can meet it. */
export function ruleText(rule: RuleView, name: PlaceNames): string {
  const phase = rule.phase === undefined ? '' : `${rule.phase} 年`;
  const impossible = rule.impossible === true ? '（无论投资多少都无法满足）' : '';
  if (rule.rule === 'coverage') {
    const figures = rule.covered === undefined || rule.required === undefined ? '' : `：已覆盖 ${rule.covered}，应覆盖 ${rule.required}`;
    return `覆盖率目标 · ${name.region(rule.region)} ${phase}${figures}${impossible}`;
  }
  if (rule.rule === 'spacing') return `最大间距 · ${TERMS.corridor.zh} ${name.corridor(rule.corridor)} ${phase}${impossible}`;
  return `必建${TERMS.serviceArea.zh} · ${name.area(rule.site)} ${phase}${impossible}`;
}

const endName = (name: string | null): string => (name === null ? '路线端点' : name);

/** A stretch that needs new sites (SPEC 7.3) in words: where, how long, which limit, how many and at which km. */
export function newSitesText(site: NewSiteProposal, name: PlaceNames): string {
  const at = site.atKm.map((km) => `K${km.toFixed(1)}`).join('、');
  return `${name.corridor(site.corridor)} K${site.fromKm.toFixed(1)}（${endName(site.between[0])}）至 K${site.toKm.toFixed(1)}（${endName(site.between[1])}）之间 ${(site.toKm - site.fromKm).toFixed(1)} 公里没有可建${TERMS.serviceArea.zh}，超过 ${site.phase} 年最大间距 ${site.maxGapKm} 公里：需新建 ${site.count} 处，建议位置 ${at}`;
}
