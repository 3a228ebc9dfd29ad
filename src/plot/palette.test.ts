import { describe, expect, it } from "vitest";
import { OKABE_ITO, seriesColour } from "./palette.js";

describe("palette", () => {
  it("is the published Okabe–Ito palette", () => {
    // Okabe & Ito (2008), Color Universal Design: RGB values as published.
    const published = {
      black: "#000000",
      orange: "#E69F00",
      skyBlue: "#56B4E9",
      bluishGreen: "#009E73",
      yellow: "#F0E442",
      blue: "#0072B2",
      vermillion: "#D55E00",
      reddishPurple: "#CC79A7",
    };
    expect([...OKABE_ITO].sort()).toEqual(Object.values(published).sort());
  });

  it("never draws a series in yellow and cycles through seven colours", () => {
    const colours = Array.from({ length: 21 }, (_, i) => seriesColour(i));
    expect(colours).not.toContain("#F0E442");
    expect(new Set(colours).size).toBe(7);
    expect(seriesColour(7)).toBe(seriesColour(0));
  });
});
