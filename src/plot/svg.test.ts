import { describe, expect, it } from "vitest";
import { el, escapeXml, fixed, num, svgDocument, text, truncate } from "./svg.js";
import { xmlProblem } from "./xmlProblem.js";

describe("svg helpers", () => {
  it("escapes markup characters and drops characters XML forbids", () => {
    expect(escapeXml(`a<b & "c" 'd'>\u0001`)).toBe("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  });

  it("formats coordinates stably", () => {
    expect([num(1 / 3), num(-0.001), num(2), num(NaN), num(1e-9)]).toEqual([
      "0.33",
      "0",
      "2",
      "0",
      "0",
    ]);
    expect([fixed(-0.004, 2), fixed(-1.5, 1), fixed(NaN, 2)]).toEqual(["0.00", "\u22121.5", "n/a"]);
  });

  it("builds elements, escaping attribute values and skipping undefined ones", () => {
    expect(el("rect", { x: 1.234, fill: 'a"b', y: undefined })).toBe(
      '<rect x="1.23" fill="a&quot;b"/>',
    );
    expect(text(0, 0, "<&>")).toBe('<text x="0" y="0">&lt;&amp;&gt;</text>');
  });

  it("truncates long labels with an ellipsis", () => {
    expect(truncate("abcdefghij", 6 * 12 * 0.6, 12)).toBe("abcde\u2026");
    expect(truncate("abc", 100, 12)).toBe("abc");
  });

  it("writes a well-formed document with a white background and the font stack", () => {
    const svg = svgDocument(100, 50, "T & <t>", [el("g", {}, "")]);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    expect(svg).toContain('font-family="DejaVu Sans, Arial, sans-serif"');
    expect(svg).toContain("<title>T &amp; &lt;t&gt;</title>");
  });
});
