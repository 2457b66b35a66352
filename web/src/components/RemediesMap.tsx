import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { AppConfig } from '../config';
import { fmtNumber, t } from '../i18n';
import { categoryOf, categoryStyle } from '../phases';
import { placeAt } from '../place';
import type { Names, Proposal } from '../remedies';
import type { DatasetContext, SiteRow } from '../types';
import { drawGaps, GAP_COLOUR, type Gap } from './map-gaps';

export const MISS_COLOUR = '#b71c1c';
export const NEW_SITE_COLOUR = '#6a1b9a';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The best-effort plan on a map with what it misses: service areas of regions
 * that miss a target ringed in red, corridors over the spacing limit drawn red
 * and dashed, and each proposed new site at its km (interpolated between the
 * named service areas that bound its stretch), so the three answers can be read in place.
 * Under them, the diagnosis' stretches with no coverable service area, with their words.
 */
export function RemediesMap(props: {
  sites: SiteRow[];
  dataset: DatasetContext;
  names: Names;
  missRegions: ReadonlySet<string>;
  gapCorridors: ReadonlySet<string>;
  proposals: Proposal[];
  /** The diagnosis' stretches with no service area that can be covered. */
  gaps: readonly Gap[];
  config: AppConfig;
}) {
  const { sites, dataset, names, missRegions, gapCorridors, proposals, gaps, config } = props;
  const element = useRef<HTMLDivElement>(null);
  const phaseIds = dataset.phases.map((phase) => phase.id);
  const located = useMemo(() => sites.filter((site) => site.lat !== null && site.lon !== null), [sites]);
  const placed = useMemo(
    () => proposals.flatMap((proposal) => proposal.atKm.flatMap((km) => {
      const at = placeAt(sites, proposal, km);
      return at === undefined ? [] : [{ proposal, km, ...at }];
    })),
    [sites, proposals],
  );

  useEffect(() => {
    const map = L.map(element.current!, { zoomSnap: 0.25, attributionControl: config.basemap !== undefined });
    if (config.basemap !== undefined) L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution ?? '' }).addTo(map);
    const corridors = new Map<string, SiteRow[]>();
    for (const site of located) corridors.set(site.corridor ?? '', [...(corridors.get(site.corridor ?? '') ?? []), site]);
    for (const [corridor, list] of corridors) {
      const points = list.sort((a, b) => (a.km ?? 0) - (b.km ?? 0)).map((site) => L.latLng(site.lat!, site.lon!));
      const over = gapCorridors.has(corridor);
      if (points.length > 1) {
        L.polyline(points, { color: over ? MISS_COLOUR : '#90a4ae', weight: over ? 5 : 3, dashArray: over ? '8 6' : undefined, className: over ? 'corridor-line gap-corridor' : 'corridor-line' })
          .bindTooltip(escape(names.corridor(corridor)), { sticky: true })
          .addTo(map);
      }
    }
    drawGaps(map, sites, gaps, names.corridor);
    for (const site of located) {
      const style = categoryStyle(categoryOf(site), phaseIds);
      const misses = site.region !== null && missRegions.has(site.region);
      L.circleMarker([site.lat!, site.lon!], {
        radius: misses ? 8 : 6,
        color: misses ? MISS_COLOUR : style.stroke,
        weight: misses ? 3 : 2,
        fillColor: style.fill,
        fillOpacity: style.hollow ? 1 : 0.9,
        className: `remedy-site${misses ? ' misses' : ''}`,
      })
        .bindTooltip(`${escape(names.area(site.id))}<br>${escape(names.corridor(site.corridor ?? ''))} K${fmtNumber(site.km, 1)} · ${escape(names.region(site.region ?? ''))}`)
        .addTo(map);
    }
    for (const { proposal, km, lat, lon } of placed) {
      L.circleMarker([lat, lon], { radius: 10, color: NEW_SITE_COLOUR, weight: 3, dashArray: '4 3', fillColor: '#ffffff', fillOpacity: 1, className: 'new-site-marker' })
        .bindTooltip(`${escape(t('remedyMapNew'))}: ${escape(names.corridor(proposal.corridor))} K${fmtNumber(km, 1)}`, { permanent: false })
        .addTo(map);
    }
    const points = [...located.map((site) => L.latLng(site.lat!, site.lon!)), ...placed.map(({ lat, lon }) => L.latLng(lat, lon))];
    if (points.length > 0) map.fitBounds(L.latLngBounds(points), { padding: [20, 20] });
    else map.setView([35, 105], 4);
    return () => map.remove();
  }, [located, placed, missRegions, gapCorridors, gaps]);

  return (
    <div class="map-layout">
      <div class="map" role="region" aria-label={t('remedyMapTitle')} ref={element} data-new-sites={placed.length} />
      <div class="legend">
        <ul>
          <li>
            <span class="swatch" style={{ background: '#fff', borderColor: MISS_COLOUR, borderWidth: '3px' }} aria-hidden="true" />
            {t('remedyMapMiss')}
          </li>
          <li>
            <span class="swatch line" style={{ borderColor: MISS_COLOUR }} aria-hidden="true" />
            {t('remedyMapGap')}
          </li>
          <li>
            <span class="swatch" style={{ background: '#fff', borderColor: NEW_SITE_COLOUR, borderStyle: 'dashed' }} aria-hidden="true" />
            {t('remedyMapNew')} ({fmtNumber(placed.length)})
          </li>
          {gaps.length > 0 && (
            <li>
              <span class="swatch line" style={{ borderColor: GAP_COLOUR, borderBottomWidth: '6px', borderStyle: 'solid', opacity: 0.55 }} aria-hidden="true" />
              {t('remedyMapGapStretch')} ({fmtNumber(gaps.length)})
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
