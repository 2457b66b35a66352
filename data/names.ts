/** Plausible, unique Chinese names for the generator's service areas and corridors. */
import { PLACE_HEADS, PLACE_TAILS, type CityPreset } from './provinces.js';
import type { Rng } from './random.js';

export class Namer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  serviceArea(nearCity: CityPreset): string {
    if (this.rng.chance(0.12)) {
      const name = `${nearCity.name}${this.rng.pick(['东', '西', '南', '北'])}服务区`;
      if (this.take(name)) return name;
    }
    for (let attempt = 0; attempt < 40; attempt++) {
      const name = `${this.rng.pick(PLACE_HEADS)}${this.rng.pick(PLACE_TAILS)}服务区`;
      if (this.take(name)) return name;
    }
    for (let n = 2; ; n++) {
      const name = `${this.rng.pick(PLACE_HEADS)}${this.rng.pick(PLACE_TAILS)}${n}号服务区`;
      if (this.take(name)) return name;
    }
  }

  corridor(base: string): string {
    if (this.take(base)) return base;
    const alt = base.replace(/高速$/, '复线高速');
    this.take(alt);
    return alt;
  }

  private take(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
}
