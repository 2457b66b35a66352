/**
 * The diagnosis of an infeasible plan in the report's Chinese, with names in
 * place of codes: each cause is rendered from its code and parameters by the
 * message catalog, with the data set's names of regions, corridors and service areas.
 */
import { renderMessage, type Names } from '../messages.js';
import type { Dataset, MessageDetail } from '../types.js';
import { fmtMoney } from './report-page.js';

/** Names of a data set's regions, corridors and service areas, as the message catalog asks for them. */
export function datasetNames(dataset: Dataset): Names {
  const regions = new Map(dataset.regions.map((region) => [region.id, region.name]));
  const corridors = new Map(dataset.corridors.map((corridor) => [corridor.id, corridor.name]));
  const sites = new Map(dataset.serviceAreas.map((area) => [area.id, area.name]));
  return {
    region: (id) => regions.get(id) ?? undefined,
    corridor: (id) => corridors.get(id) ?? undefined,
    site: (id) => sites.get(id) ?? undefined,
    // Stakes are printed to 0.1 km.
    siteAt: (corridor, km) => {
      const area = dataset.serviceAreas.find((entry) => entry.corridor === corridor && Math.abs(entry.km - km) <= 0.05 + 1e-9);
      return area === undefined ? undefined : (area.name ?? area.id);
    },
    money: (amount) => fmtMoney(amount, dataset.currency),
  };
}

/** A diagnosis (or warning) in Chinese, names beside ids. */
export function diagnosisInChinese(detail: MessageDetail, dataset: Dataset): string {
  return renderMessage(detail, 'zh', datasetNames(dataset));
}

/** Why no plan fits the budgets (SPEC 7.1's `unavailable`) in Chinese from its code; a plan stored before codes keeps its text. */
export function unavailableInChinese(within: { unavailable: string; unavailableDetail?: MessageDetail }, dataset: Dataset): string {
  return within.unavailableDetail === undefined ? within.unavailable : diagnosisInChinese(within.unavailableDetail, dataset);
}
