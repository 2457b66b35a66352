/**
 * The remedies of an infeasible plan (SPEC 7) as the page says them: rules and
 * new-site stretches in the planner's words with the data set's names (never
 * codes alone), and which remedy the address asks for.
 */
import { fmtNumber, t } from './i18n';
import type { DatasetContext, RemediesSummaryView, RemedyName, SiteRow } from './types';

type Within = Exclude<RemediesSummaryView['withinBudget'], { unavailable: string }>;
export type RuleView = Within['unmet'][number] | RemediesSummaryView['extraBudget']['dropped'][number];
export type Proposal = RemediesSummaryView['newSites'][number];

const REMEDIES: readonly RemedyName[] = ['withinBudget', 'extraBudget'];

/** The remedy `?remedy=` names, if it is one. */
export function remedyIn(search: string): RemedyName | undefined {
  const value = new URLSearchParams(search).get('remedy');
  return REMEDIES.find((name) => name === value);
}

/** Region, corridor and service-area names from the data set and its sites: the name, with the code where it helps. */
export function namesOf(dataset: DatasetContext, sites: readonly SiteRow[]) {
  const regions = new Map(dataset.regions.map((region) => [region.id, region.name ?? region.id]));
  const corridors = new Map(dataset.corridors.map((corridor) => [corridor.id, corridor.name === null ? corridor.id : `${corridor.id} ${corridor.name}`]));
  const areas = new Map(sites.map((site) => [site.id, site.name === null ? site.id : `${site.name}（${site.id}）`]));
  return {
    region: (id: string) => regions.get(id) ?? id,
    corridor: (id: string) => corridors.get(id) ?? id,
    area: (id: string) => areas.get(id) ?? id,
  };
}

export type Names = ReturnType<typeof namesOf>;

/** One rule in words; `impossible` marked unless the list already says so. */
export function ruleWords(rule: RuleView, name: Names, markImpossible = true): string {
  const impossible = markImpossible && 'impossible' in rule && rule.impossible === true ? t('remedyImpossible') : '';
  if (rule.rule === 'coverage') {
    const where = { region: name.region(rule.region), phase: rule.phase };
    return ('covered' in rule ? t('ruleCoverage', { ...where, covered: rule.covered, required: rule.required }) : t('ruleCoverageBare', where)) + impossible;
  }
  if (rule.rule === 'spacing') return t('ruleSpacing', { corridor: name.corridor(rule.corridor), phase: rule.phase }) + impossible;
  return t('ruleRequired', { site: name.area(rule.site), phase: rule.phase }) + impossible;
}

/** A stretch that needs new sites in words: where, how long, which limit, how many, at which km. */
export function proposalWords(proposal: Proposal, name: Names): string {
  const end = (value: string | null) => value ?? t('corridorEnd');
  return t('newSitesLine', {
    corridor: name.corridor(proposal.corridor),
    from: fmtNumber(proposal.fromKm, 1),
    to: fmtNumber(proposal.toKm, 1),
    a: end(proposal.between[0]),
    b: end(proposal.between[1]),
    km: fmtNumber(proposal.toKm - proposal.fromKm, 1),
    phase: proposal.phase,
    max: fmtNumber(proposal.maxGapKm),
    count: proposal.count,
    at: proposal.atKm.map((km) => `K${fmtNumber(km, 1)}`).join('、'),
  });
}
