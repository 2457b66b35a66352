/**
 * The gaps of an infeasible plan's diagnosis on a map: each stretch of a
 * corridor with no service area that can be covered (`corridor.gap`, with its
 * corridor and km) drawn as a thick red line from its start to its end, through
 * the service areas between, with its words as text in the page (a permanent
 * Leaflet tooltip), so screen readers and tests read them.
 */
import L from 'leaflet';
import { fmtNumber, t } from '../i18n';
import { placeAt, type Located, type Stretch } from '../place';
import type { MessageDetail } from '../types';
import { escapeHtml } from './map-places';

export const GAP_COLOUR = '#d32f2f';

export interface Gap extends Stretch {
  lengthKm: number;
}

/** The diagnosis' gaps, each stretch once (the same stretch may break the spacing of several phases). */
export function gapsOf(details: readonly MessageDetail[] | undefined): Gap[] {
  const gaps = new Map<string, Gap>();
  for (const { code, params } of details ?? []) {
    if (code !== 'corridor.gap' || typeof params.corridor !== 'string' || typeof params.fromKm !== 'number' || typeof params.toKm !== 'number') continue;
    const key = `${params.corridor} ${params.fromKm} ${params.toKm}`;
    if (!gaps.has(key)) gaps.set(key, { corridor: params.corridor, fromKm: params.fromKm, toKm: params.toKm, lengthKm: typeof params.lengthKm === 'number' ? params.lengthKm : params.toKm - params.fromKm });
  }
  return [...gaps.values()];
}

/** The gaps as red lines with their words, onto a map or layer; returns how many could be placed (both ends bounded by service areas with coordinates). */
export function drawGaps(target: L.Map | L.LayerGroup, sites: readonly Located[], gaps: readonly Gap[], corridorName: (id: string) => string): number {
  let drawn = 0;
  for (const gap of gaps) {
    const from = placeAt(sites, gap, gap.fromKm);
    const to = placeAt(sites, gap, gap.toKm);
    if (from === undefined || to === undefined) continue;
    const inside = sites
      .filter((site) => site.corridor === gap.corridor && site.km !== null && site.lat !== null && site.lon !== null && site.km > gap.fromKm && site.km < gap.toKm)
      .sort((a, b) => a.km! - b.km!)
      .map((site) => L.latLng(site.lat!, site.lon!));
    const line = [L.latLng(from.lat, from.lon), ...inside, L.latLng(to.lat, to.lon)];
    const words = t('mapGapLabel', { corridor: corridorName(gap.corridor), from: fmtNumber(gap.fromKm, 1), to: fmtNumber(gap.toKm, 1), km: fmtNumber(gap.lengthKm, 1) });
    L.polyline(line, { color: GAP_COLOUR, weight: 8, opacity: 0.55, lineCap: 'butt', className: 'gap-stretch', interactive: false }).addTo(target);
    L.tooltip({ permanent: true, direction: 'top', className: 'gap-label', interactive: false, opacity: 1 })
      .setLatLng(line[Math.floor(line.length / 2)]!)
      .setContent(escapeHtml(words))
      .addTo(target);
    drawn++;
  }
  return drawn;
}
