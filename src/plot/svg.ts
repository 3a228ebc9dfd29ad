/**
 * Tiny string builders for SVG: XML escaping, elements, and stable number formatting.
 */

/** Attribute values; `undefined` attributes are omitted and numbers go through {@link num}. */
export type Attrs = Record<string, string | number | undefined>;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for XML content or attribute values, dropping characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return (
    String(s)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[&<>"']/g, (c) => ENTITIES[c])
  );
}

/** Formats a coordinate with at most two decimals (no `-0`, non-finite becomes `0`) so output is byte-stable. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return "0";
  const r = Math.round(n * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** Formats a value for display with fixed decimals and a typographic minus sign. */
export function fixed(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return "n/a";
  const s = Math.abs(v).toFixed(decimals);
  return v < 0 && Number(s) !== 0 ? `\u2212${s}` : s;
}

/** Builds an element; `children` is raw markup (escape text yourself or use {@link text}); none gives `<tag/>`. */
export function el(tag: string, attrs: Attrs = {}, children?: string | readonly string[]): string {
  let open = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    open += ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`;
  }
  if (children === undefined) return `${open}/>`;
  const inner = typeof children === "string" ? children : children.join("");
  return `${open}>${inner}</${tag}>`;
}

/** A `<text>` element whose content is escaped. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el("text", { x, y, ...attrs }, escapeXml(content));
}

/** Rough width of `s` in DejaVu Sans at `fontSize` (for layout only). */
export function textWidth(s: string, fontSize: number): number {
  return [...s].length * fontSize * 0.6;
}

/** Shortens `s` with an ellipsis so that it is at most `maxWidth` wide at `fontSize`. */
export function truncate(s: string, maxWidth: number, fontSize: number): string {
  const chars = [...s];
  const fit = Math.max(1, Math.floor(maxWidth / (fontSize * 0.6)));
  return chars.length <= fit ? s : `${chars.slice(0, fit - 1).join("")}\u2026`;
}

/** Font stack used by every plot: no external fonts. */
export const FONT_FAMILY = "DejaVu Sans, Arial, sans-serif";

/** A standalone SVG document with an accessible title and a white background. */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  body: readonly string[],
): string {
  const root = el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      "font-family": FONT_FAMILY,
      role: "img",
      "aria-label": title || undefined,
    },
    [
      "\n",
      ...(title ? [el("title", {}, escapeXml(title)), "\n"] : []),
      el("rect", { width: "100%", height: "100%", fill: "#ffffff" }),
      "\n",
      ...body.map((b) => `${b}\n`),
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
