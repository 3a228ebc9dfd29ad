import { describe, expect, it } from "vitest";
import { EVERYDAY_LIFE, everydayLife } from "./everydayLife.js";

describe("everyday life", () => {
  it("gives each assumption a value, a unit and a provenance", () => {
    for (const c of Object.values(EVERYDAY_LIFE)) {
      expect(Number.isFinite(c.value)).toBe(true);
      expect(c.unit.length).toBeGreaterThan(0);
      expect(c.provenance.length).toBeGreaterThan(10);
    }
  });

  it("applies overrides and refuses unknown or non-finite ones", () => {
    expect(everydayLife({ stressorIntensity: 0.9 }).stressorIntensity).toBe(0.9);
    expect(everydayLife().minutesPerLoad).toBe(30);
    expect(() => everydayLife({ nope: 1 } as never)).toThrow(/everyday\.nope: unknown setting/);
    expect(() => everydayLife({ stressorRate: NaN })).toThrow(/everyday\.stressorRate/);
  });
});
