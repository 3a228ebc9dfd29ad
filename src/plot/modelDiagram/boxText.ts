/**
 * Text inside a box: the label wrapped to a few lines, and the id below it.
 */

import { text, truncate } from "../svg.js";
import type { DiagramBox } from "./types.js";

/** Splits a label into at most `maxLines` lines of at most `maxChars` characters (also after hyphens). */
export function wrapLabel(label: string, maxChars: number, maxLines: number): string[] {
  const tokens: { text: string; glue: string }[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const parts = word.split(/(?<=-)(?=.)/);
    parts.forEach((p, i) => tokens.push({ text: p, glue: i === 0 ? " " : "" }));
  }
  const lines: string[] = [];
  let line = "";
  for (const t of tokens) {
    const candidate = line ? line + t.glue + t.text : t.text;
    if (!line || [...candidate].length <= maxChars) line = candidate;
    else {
      lines.push(line);
      line = t.text;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const rest = lines.splice(maxLines - 1).join(" ");
    lines.push(`${rest}\u2026`);
  }
  const fit = (s: string): string =>
    [...s].length <= maxChars
      ? s
      : `${[...s]
          .slice(0, Math.max(1, maxChars - 1))
          .join("")
          .trimEnd()}\u2026`;
  return lines.map(fit);
}

/**
 * Draws the text of a box: the label wrapped to `maxLines` lines (the font shrinks by up to a
 * fifth so that its longest word fits) and the id, small, below it.
 */
export function boxText(
  b: DiagramBox,
  label: string,
  id: string,
  base: number,
  maxLines: number,
): string[] {
  const longest = Math.max(1, ...label.split(/[\s-]+/).map((w) => [...w].length + 1));
  const font = Math.max(base * 0.8, Math.min(base, (b.w - 10) / (longest * 0.6)));
  const maxChars = Math.max(4, Math.floor((b.w - 10) / (font * 0.6)));
  const lines = wrapLabel(label, maxChars, maxLines);
  const idFont = Math.max(8, base - 2.5);
  const lineH = font + 2;
  const block = lines.length * lineH + (id ? idFont + 3 : 0);
  let baseline = b.y + (b.h - block) / 2 + font - 1;
  const cx = b.x + b.w / 2;
  const out: string[] = [];
  for (const l of lines) {
    out.push(
      text(cx, baseline, l, { "font-size": font, "text-anchor": "middle", fill: "#1a1a1a" }),
    );
    baseline += lineH;
  }
  if (id)
    out.push(
      text(cx, baseline - lineH + idFont + 4, truncate(id, b.w - 8, idFont), {
        "font-size": idFont,
        "text-anchor": "middle",
        fill: "#555555",
      }),
    );
  return out;
}
