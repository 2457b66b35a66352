/**
 * The report's map, drawn as vector graphics: no tiles, no boundary data.
 * With coordinates for every service area, a geographic sketch (equirectangular,
 * scaled by the cosine of the middle latitude): each corridor as a line through
 * its service areas in km order, sites coloured by build phase, existing ones as
 * dark squares, never-built ones hollow, region and corridor names as text.
 * Without them, a corridor km schematic: one line per corridor, sites at their
 * km, region names under the stretches they hold.
 */
import type { Dataset, Plan, ServiceArea } from '../types.js';
import { TERMS } from '../glossary.js';
import { type Cursor, CONTENT_WIDTH, INK, MARGIN, MUTED, bottom, ensure, fit, newPage, put } from './report-page.js';

type Doc = PDFKit.PDFDocument;

/** One colour per build phase, in phase order (colour-blind-safe first six). */
const PHASE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7f3c8d'];
const EXISTING = '#263238';
const NEVER = '#9e9e9e';
const LINE = '#b0bec5';

export const phaseColour = (index: number): string => PHASE_COLOURS[index % PHASE_COLOURS.length]!;

type Kind = { kind: 'phase'; index: number } | { kind: 'existing' } | { kind: 'never' } | { kind: 'excluded' };

interface Point {
  area: ServiceArea;
  x: number;
  y: number;
  kind: Kind;
}

function kindsOf(dataset: Dataset, plan: Plan): Map<string, Kind> {
  const phaseIndex = new Map(dataset.phases.map((phase, index) => [phase.id, index]));
  const built = new Map(plan.sites.map((site) => [site.id, site.buildPhase]));
  const kinds = new Map<string, Kind>();
  for (const area of dataset.serviceAreas) {
    const phase = built.get(area.id);
    if (phase === 'existing') kinds.set(area.id, { kind: 'existing' });
    else if (phase !== undefined && phase !== null && phaseIndex.has(phase)) kinds.set(area.id, { kind: 'phase', index: phaseIndex.get(phase)! });
    else kinds.set(area.id, { kind: area.status === 'excluded' ? 'excluded' : 'never' });
  }
  return kinds;
}

function marker(doc: Doc, point: Pick<Point, 'x' | 'y' | 'kind'>, radius: number): void {
  const { x, y, kind } = point;
  if (kind.kind === 'existing') {
    doc.rect(x - radius, y - radius, radius * 2, radius * 2).fillColor(EXISTING).fill();
  } else if (kind.kind === 'phase') {
    doc.circle(x, y, radius).fillColor(phaseColour(kind.index)).fill();
  } else if (kind.kind === 'never') {
    doc.circle(x, y, radius * 0.8).lineWidth(0.5).strokeColor(NEVER).stroke();
  } else {
    const r = radius * 0.8;
    doc.moveTo(x - r, y - r).lineTo(x + r, y + r).moveTo(x - r, y + r).lineTo(x + r, y - r).lineWidth(0.5).strokeColor(NEVER).stroke();
  }
}

/** Places labels that do not overlap those already placed. */
class Labels {
  private readonly boxes: { x: number; y: number; w: number; h: number }[] = [];
  constructor(private readonly doc: Doc) {}

  place(text: string, x: number, y: number, size: number, color: string, halo: boolean): boolean {
    this.doc.fontSize(size);
    const w = this.doc.widthOfString(text);
    const box = { x: x - w / 2, y: y - size / 2, w, h: size * 1.2 };
    if (this.boxes.some((b) => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h)) return false;
    this.boxes.push(box);
    if (halo) {
      this.doc.lineWidth(size / 4).strokeColor('#ffffff');
      this.doc.text(text, box.x, box.y, { lineBreak: false, fill: false, stroke: true });
    }
    put(this.doc, text, box.x, box.y, size, color, { heavy: halo });
    return true;
  }
}

function legend(cursor: Cursor, dataset: Dataset): void {
  const { doc } = cursor;
  const entries: [string, Kind][] = [
    ...dataset.phases.map((phase, index): [string, Kind] => [`${phase.id} 年新建`, { kind: 'phase', index }]),
    ['已有（规划前已覆盖）', { kind: 'existing' }],
    ['不建', { kind: 'never' }],
    ['排除', { kind: 'excluded' }],
  ];
  let x = MARGIN.left;
  ensure(cursor, 16);
  for (const [label, kind] of entries) {
    doc.fontSize(8);
    const width = doc.widthOfString(label) + 22;
    if (x + width > MARGIN.left + CONTENT_WIDTH) {
      x = MARGIN.left;
      cursor.y += 13;
    }
    marker(doc, { x: x + 5, y: cursor.y + 5, kind }, 3);
    put(doc, label, x + 12, cursor.y, 8, INK);
    x += width;
  }
  cursor.y += 18;
}

const hasCoordinates = (area: ServiceArea): boolean => Number.isFinite(area.lat) && Number.isFinite(area.lon);

/** The map of the plan at the cursor, with its legend; geographic when every service area has coordinates. */
export function drawMap(cursor: Cursor, dataset: Dataset, plan: Plan): void {
  const kinds = kindsOf(dataset, plan);
  legend(cursor, dataset);
  if (dataset.serviceAreas.length > 0 && dataset.serviceAreas.every(hasCoordinates)) geographic(cursor, dataset, kinds);
  else schematic(cursor, dataset, kinds);
}

function byCorridor(dataset: Dataset): Map<string, ServiceArea[]> {
  const groups = new Map(dataset.corridors.map((corridor) => [corridor.id, [] as ServiceArea[]]));
  for (const area of dataset.serviceAreas) groups.get(area.corridor)?.push(area);
  for (const list of groups.values()) list.sort((a, b) => a.km - b.km);
  return groups;
}

function geographic(cursor: Cursor, dataset: Dataset, kinds: Map<string, Kind>): void {
  const { doc } = cursor;
  const areas = dataset.serviceAreas;
  const lats = areas.map((area) => area.lat!);
  const lons = areas.map((area) => area.lon!);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * shrink, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const boxHeight = Math.min(bottom() - cursor.y - 10, CONTENT_WIDTH * 1.25);
  const scale = Math.min((CONTENT_WIDTH - 40) / spanX, (boxHeight - 40) / spanY);
  const left = MARGIN.left + (CONTENT_WIDTH - spanX * scale) / 2;
  const top = cursor.y + 20 + (boxHeight - 40 - spanY * scale) / 2;
  const at = (area: ServiceArea) => ({ x: left + (area.lon! - west) * shrink * scale, y: top + (north - area.lat!) * scale });

  doc.rect(MARGIN.left, cursor.y, CONTENT_WIDTH, boxHeight).lineWidth(0.5).strokeColor('#dddddd').stroke();
  const corridors = byCorridor(dataset);
  for (const list of corridors.values()) {
    if (list.length < 2) continue;
    const [first, ...rest] = list.map(at);
    doc.moveTo(first!.x, first!.y);
    for (const point of rest) doc.lineTo(point.x, point.y);
    doc.lineWidth(1).strokeColor(LINE).stroke();
  }
  const radius = areas.length > 400 ? 1.6 : areas.length > 100 ? 2.2 : 3;
  const order = (kind: Kind): number => (kind.kind === 'never' || kind.kind === 'excluded' ? 0 : kind.kind === 'phase' ? 1 : 2);
  const points = areas.map((area) => ({ area, ...at(area), kind: kinds.get(area.id)! }));
  for (const point of [...points].sort((a, b) => order(a.kind) - order(b.kind))) marker(doc, point, radius);

  const labels = new Labels(doc);
  for (const region of dataset.regions) {
    const members = points.filter((point) => point.area.region === region.id);
    if (members.length === 0) continue;
    const x = members.reduce((sum, point) => sum + point.x, 0) / members.length;
    const y = members.reduce((sum, point) => sum + point.y, 0) / members.length;
    labels.place(region.name ?? region.id, x, y, 10, INK, true);
  }
  for (const corridor of dataset.corridors) {
    const list = corridors.get(corridor.id) ?? [];
    const middle = list[Math.floor(list.length / 2)];
    if (middle === undefined) continue;
    const point = at(middle);
    const name = corridor.name === undefined ? corridor.id : `${corridor.id} ${corridor.name}`;
    labels.place(name, point.x, point.y - radius - 5, 6, MUTED, false);
  }
  cursor.y += boxHeight + 8;
}

function schematic(cursor: Cursor, dataset: Dataset, kinds: Map<string, Kind>): void {
  const { doc } = cursor;
  const regionNames = new Map(dataset.regions.map((region) => [region.id, region.name ?? region.id]));
  const corridors = byCorridor(dataset);
  const labelWidth = 110;
  const x0 = MARGIN.left + labelWidth;
  const x1 = MARGIN.left + CONTENT_WIDTH - 10;
  const rowHeight = 30;
  put(doc, `${TERMS.corridor.zh}示意图（按桩号，服务区无坐标）`, MARGIN.left, cursor.y, 8, MUTED);
  cursor.y += 14;
  for (const corridor of dataset.corridors) {
    if (cursor.y + rowHeight > bottom()) newPage(cursor);
    const list = corridors.get(corridor.id) ?? [];
    const span = Math.max(corridor.endKm - corridor.startKm, 1e-6);
    const xOf = (km: number): number => x0 + ((km - corridor.startKm) / span) * (x1 - x0);
    const y = cursor.y + 10;
    doc.fontSize(8);
    put(doc, fit(doc, corridor.name === undefined ? corridor.id : `${corridor.id} ${corridor.name}`, labelWidth - 8), MARGIN.left, y - 5, 8, INK);
    doc.moveTo(x0, y).lineTo(x1, y).lineWidth(1.2).strokeColor(LINE).stroke();
    put(doc, `K${corridor.startKm.toFixed(0)}`, x0, y - 11, 5.5, MUTED);
    put(doc, `K${corridor.endKm.toFixed(0)}`, x1 - 30, y - 11, 5.5, MUTED, { align: 'right', width: 30 });
    for (const area of list) marker(doc, { x: xOf(area.km), y, kind: kinds.get(area.id)! }, 2.6);
    // Region names under each run of consecutive service areas of one region.
    const labels = new Labels(doc);
    let start = 0;
    for (let index = 1; index <= list.length; index += 1) {
      if (index < list.length && list[index]!.region === list[start]!.region) continue;
      const middle = (xOf(list[start]!.km) + xOf(list[index - 1]!.km)) / 2;
      labels.place(regionNames.get(list[start]!.region) ?? list[start]!.region, middle, y + 8, 6, INK, false);
      start = index;
    }
    cursor.y += rowHeight;
  }
}
