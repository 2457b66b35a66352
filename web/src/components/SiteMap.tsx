import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppConfig } from '../config';
import { fmtMoney, fmtNumber, t } from '../i18n';
import { buildPhaseLabel, categoryKey, categoryLabel, categoryOf, categoryStyle, CHANGED_COLOUR, type Category } from '../phases';
import { ownValue } from '../own';
import type { DatasetContext, SiteRow } from '../types';
import { filterIsEmpty, passes, useSiteFilter } from '../site-filter';
import { drawPlaces } from './map-places';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function siteHtml(site: SiteRow, dataset: DatasetContext): string {
  const region = dataset.regions.find((r) => r.id === site.region)?.name ?? site.region ?? '';
  const corridor = dataset.corridors.find((c) => c.id === site.corridor)?.name ?? site.corridor ?? '';
  const rows = dataset.phases
    .map((phase) => `<tr><th>${escape(phase.id)}</th><td>${fmtNumber(ownValue(site.piles, phase.id) ?? 0)}</td><td>${fmtMoney(ownValue(site.capex, phase.id) ?? null, dataset.currency)}</td></tr>`)
    .join('');
  return `<strong>${escape(site.name ?? site.id)}</strong> <small>${escape(site.id)}</small><br>
${escape(corridor)} K${fmtNumber(site.km, 1)} · ${escape(region)}<br>
${escape(buildPhaseLabel(site.buildPhase))}${site.status === 'required' ? ` · ${escape(t('required'))}` : ''}${site.status === 'excluded' ? ` · ${escape(t('phase.excluded'))}` : ''}
<table class="popup-table"><tr><th></th><th>${escape(t('piles'))}</th><th>${escape(t('spending'))}</th></tr>${rows}</table>`;
}

/** Up to this many markers each is an SVG element; above it they are painted on one canvas, which stays quick at 5,000. */
export const SVG_MARKER_LIMIT = 400;

/**
 * The plan on a map: each corridor a line through its service areas in km
 * order, one marker per service area with coordinates, coloured by build
 * phase. No tiles unless the operator configured a basemap: it works offline.
 * A large plan's markers are painted on a canvas and drawn smaller, so 1,200 to
 * 5,000 of them stay quick and readable. Markers are never in the tab order:
 * the table carries the same figures. Sites the table's filters leave out are
 * dimmed, so the map and the table show the same selection.
 */
export function SiteMap({ sites, dataset, changed, config }: { sites: SiteRow[]; dataset: DatasetContext; changed: ReadonlySet<string>; config: AppConfig }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const layer = useRef<L.LayerGroup | undefined>(undefined);
  const phaseIds = dataset.phases.map((phase) => phase.id);
  const located = useMemo(() => sites.filter((site) => site.lat !== null && site.lon !== null), [sites]);
  const many = located.length > SVG_MARKER_LIMIT;
  const renderer = useMemo(() => (many ? L.canvas({ padding: 0.5 }) : undefined), [many]);
  // Layers per build phase (and existing, never built, excluded) that the reader can switch off in the legend.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => (hidden.size === 0 ? located : located.filter((site) => !hidden.has(categoryKey(categoryOf(site))))), [located, hidden]);
  const [filter] = useSiteFilter();
  const toggle = (key: string) => setHidden((before) => {
    const next = new Set(before);
    if (!next.delete(key)) next.add(key);
    return next;
  });

  useEffect(() => {
    const created = L.map(element.current!, { preferCanvas: false, zoomSnap: 0.25, attributionControl: config.basemap !== undefined });
    if (config.basemap !== undefined) L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution ?? '' }).addTo(created);
    created.attributionControl?.setPrefix('Leaflet');
    layer.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => created.remove();
  }, []);

  // The view fits the plan's service areas when they arrive, not when a filter or layer changes.
  useEffect(() => {
    if (located.length > 0) map.current!.fitBounds(L.latLngBounds(located.map((site) => L.latLng(site.lat!, site.lon!))), { padding: [20, 20] });
    else map.current!.setView([35, 105], 4);
  }, [located]);

  useEffect(() => {
    const group = layer.current!;
    group.clearLayers();
    drawPlaces(group, located, dataset);
    for (const site of shown) {
      const style = categoryStyle(categoryOf(site), phaseIds);
      const isChanged = changed.has(site.id);
      const required = site.status === 'required';
      const kept = passes(site, filter);
      L.circleMarker([site.lat!, site.lon!], {
        renderer,
        radius: (required ? 8 : 6) - (many ? 2 : 0),
        color: isChanged ? CHANGED_COLOUR : required ? '#000000' : style.stroke,
        weight: isChanged ? 4 : required ? 3 : many ? 1 : 2,
        dashArray: style.dashed ? '3 2' : undefined,
        fillColor: style.fill,
        fillOpacity: kept ? (style.hollow ? 1 : 0.9) : 0.15,
        opacity: kept ? 1 : 0.25,
        className: `site-marker${isChanged ? ' changed' : ''}${site.buildPhase === 'existing' ? ' existing' : ''}${kept ? '' : ' dimmed'}`,
      })
        // Written when first shown: 5,000 popups built up front would cost the page its speed.
        .bindTooltip(() => siteHtml(site, dataset))
        .bindPopup(() => siteHtml(site, dataset))
        .addTo(group);
    }
    // What is drawn, for tests and the benchmark (a canvas has no element per marker).
    element.current!.dataset.drawn = String(shown.length);
  }, [located, shown, changed, dataset, filter.region, filter.corridor, filter.phase, filter.status, filter.query]);

  const legend = useMemo(() => {
    const counts = new Map<string, { category: Category; count: number }>();
    const order: Category[] = ['existing', ...phaseIds.map((phase) => ({ phase })), 'never', 'excluded'];
    for (const category of order) counts.set(categoryKey(category), { category, count: 0 });
    for (const site of sites) counts.get(categoryKey(categoryOf(site)))!.count++;
    return [...counts.values()];
  }, [sites, dataset]);
  const missing = sites.length - located.length;
  const shownMatching = useMemo(() => shown.filter((site) => passes(site, filter)).length, [shown, filter.region, filter.corridor, filter.phase, filter.status, filter.query]);

  return (
    <section class="card" aria-labelledby="map-title">
      <h2 id="map-title">{t('mapTitle')}</h2>
      <div class="map-layout">
        <div class="map" role="region" aria-label="地图 Map" ref={element} data-markers={located.length} data-renderer={many ? 'canvas' : 'svg'} data-matching={shownMatching} />
        <div class="legend">
          <h3>{t('legend')}</h3>
          <ul>
            {legend.map(({ category, count }) => {
              const style = categoryStyle(category, phaseIds);
              return (
                <li>
                  <label class="layer">
                    <input type="checkbox" checked={!hidden.has(categoryKey(category))} onChange={() => toggle(categoryKey(category))} />
                    <span class="swatch" style={{ background: style.hollow ? '#fff' : style.fill, borderColor: style.stroke, borderStyle: style.dashed ? 'dashed' : 'solid' }} aria-hidden="true" />
                    {categoryLabel(category)} <span class="count">({fmtNumber(count)})</span>
                  </label>
                </li>
              );
            })}
            <li>
              <span class="swatch required" aria-hidden="true" />
              {t('required')}
            </li>
            {changed.size > 0 && (
              <li>
                <span class="swatch changed" aria-hidden="true" />
                {t('changed')} ({fmtNumber(changed.size)})
              </li>
            )}
          </ul>
          {missing > 0 && <p class="note">{t('mapNoCoordinates', { n: missing })}</p>}
          {!filterIsEmpty(filter) && <p class="note map-filtered">{t('mapFiltered', { n: fmtNumber(shownMatching), total: fmtNumber(shown.length) })}</p>}
        </div>
      </div>
    </section>
  );
}
