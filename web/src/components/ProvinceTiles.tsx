import { currentLang, label, t } from '../i18n';
import { progressOf, PROGRESS_ORDER } from '../overview';
import type { OverviewRow } from '../types';

/**
 * Each provincial-level region's tile (row, column) on a 7 x 9 grid, roughly where it lies:
 * a schematic, so no boundary data (and no map review) is needed.
 */
const TILES: Record<string, readonly [number, number]> = {
  HL: [0, 6],
  NM: [1, 4], JL: [1, 5],
  XJ: [2, 0], NX: [2, 3], BJ: [2, 4], TJ: [2, 5], LN: [2, 6],
  QH: [3, 1], GS: [3, 2], SX: [3, 3], HE: [3, 4], SD: [3, 5],
  XZ: [4, 0], SC: [4, 1], SN: [4, 2], HA: [4, 3], JS: [4, 4], SH: [4, 5],
  CQ: [5, 1], HB: [5, 2], AH: [5, 3], ZJ: [5, 4],
  YN: [6, 1], GZ: [6, 2], HN: [6, 3], JX: [6, 4], FJ: [6, 5],
  GX: [7, 2], GD: [7, 3],
  HI: [8, 3],
};

/** The 31 provinces as a tile grid coloured by progress; each tile names its province and state in text, and links to its plan. */
export function ProvinceTiles({ rows }: { rows: OverviewRow[] }) {
  const zh = currentLang() === 'zh';
  return (
    <figure class="tiles-figure">
      <figcaption>{t('tileMap')}</figcaption>
      <ul class="tiles">
        {rows
          .filter((row) => TILES[row.province] !== undefined)
          .map((row) => {
            const [gridRow, gridColumn] = TILES[row.province]!;
            const progress = progressOf(row);
            const short = zh ? row.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '') : row.province;
            const content = (
              <>
                <span class="tile-name">{short}</span>
                <span class="tile-state">{label('progress', progress)}</span>
              </>
            );
            return (
              <li class={`tile progress-${progress}`} style={{ gridRow: gridRow + 1, gridColumn: gridColumn + 1 }} title={`${row.name} ${label('progress', progress)}`}>
                {row.planId === null ? content : <a href={`/plans/${row.planId}`}>{content}</a>}
              </li>
            );
          })}
      </ul>
      <ul class="tiles-legend">
        {PROGRESS_ORDER.map((progress) => (
          <li>
            <span class={`swatch-tile progress-${progress}`} aria-hidden="true" /> {label('progress', progress)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
