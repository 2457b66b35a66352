/**
 * Places on the plan's map, drawn without tiles: a label per region (city) at the
 * middle of its service areas and a label per corridor (expressway) at the middle
 * of its line, as text in the page (elements of the marker pane), so screen
 * readers and tests read them. A corridor with a single service area is drawn as a
 * short tick with its label, so it is not lost.
 */
import L from 'leaflet';
import type { DatasetContext, SiteRow } from '../types';

/** Text safe inside a label's HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The middle of some points (their mean). */
function middle(points: L.LatLng[]): L.LatLng {
  const lat = points.reduce((sum, point) => sum + point.lat, 0) / points.length;
  const lng = points.reduce((sum, point) => sum + point.lng, 0) / points.length;
  return L.latLng(lat, lng);
}

/**
 * A label as a marker with a text icon, centred on its point by CSS. Not a
 * permanent tooltip: a tooltip measures itself (a forced layout per label),
 * which cost a 5,000-site page most of a second. Not a tab stop, not clickable.
 */
function label(at: L.LatLng, text: string, title: string, className: string): L.Marker {
  const icon = L.divIcon({ className: `map-label ${className}`, iconSize: [0, 0], html: `<span title="${escapeHtml(title)}">${escapeHtml(text)}</span>` });
  return L.marker(at, { icon, keyboard: false, interactive: false });
}

/** Adds a value to its key's list (in place: 5,000 sites copied per push would be quadratic). */
function append<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [value]);
  else list.push(value);
}

/** Region labels and corridor lines with their names, onto a layer. */
export function drawPlaces(group: L.LayerGroup, located: readonly SiteRow[], dataset: DatasetContext): void {
  const byRegion = new Map<string, L.LatLng[]>();
  const byCorridor = new Map<string, SiteRow[]>();
  for (const site of located) {
    const point = L.latLng(site.lat!, site.lon!);
    if (site.region !== null) append(byRegion, site.region, point);
    if (site.corridor !== null) append(byCorridor, site.corridor, site);
  }
  for (const [corridor, list] of byCorridor) {
    const points = [...list].sort((a, b) => (a.km ?? 0) - (b.km ?? 0)).map((site) => L.latLng(site.lat!, site.lon!));
    const name = dataset.corridors.find((entry) => entry.id === corridor)?.name ?? null;
    const text = name === null ? corridor : `${corridor} ${name}`;
    // One service area: a short tick through it, so the expressway is still drawn.
    const line = points.length > 1 ? points : [L.latLng(points[0]!.lat - 0.02, points[0]!.lng - 0.02), L.latLng(points[0]!.lat + 0.02, points[0]!.lng + 0.02)];
    L.polyline(line, { color: '#90a4ae', weight: 3, className: 'corridor-line', interactive: false }).addTo(group);
    group.addLayer(label(points[Math.floor(points.length / 2)]!, text, corridor, 'corridor-label'));
  }
  for (const [region, points] of byRegion) {
    const name = dataset.regions.find((entry) => entry.id === region)?.name ?? region;
    group.addLayer(label(middle(points), name, region, 'region-label'));
  }
}
