/**
 * A minimal XML well-formedness check for the documents this module writes (used by tests).
 */

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTRS = /^(\s+[A-Za-z_][\w.:-]*="[^"<]*")*\s*$/;
const BAD_AMP = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * First well-formedness problem found in `xml` (unbalanced or crossed tags, bad attributes,
 * raw `&` or `<`, several roots), or `undefined` if none. Comments, CDATA and DTDs are not supported.
 */
export function xmlProblem(xml: string): string | undefined {
  const body = xml.replace(/^<\?xml[^?]*\?>/, "");
  const stack: string[] = [];
  let roots = 0;
  for (const [token] of body.matchAll(/<[^<>]*>|[^<]+|</g)) {
    if (!token.startsWith("<")) {
      if (BAD_AMP.test(token)) return `raw "&" in text: ${token.slice(0, 40)}`;
      if (stack.length === 0 && token.trim()) return `text outside the root: ${token.slice(0, 40)}`;
      continue;
    }
    if (token === "<") return 'raw "<"';
    const close = /^<\/([^\s>]+)\s*>$/.exec(token);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) return `</${close[1]}> closes <${open ?? "nothing"}>`;
      continue;
    }
    const m = /^<([^\s/>]+)([^>]*?)(\/?)>$/.exec(token);
    if (!m || !NAME.test(m[1])) return `bad tag: ${token.slice(0, 40)}`;
    if (!ATTRS.test(m[2])) return `bad attributes: ${token.slice(0, 60)}`;
    if (BAD_AMP.test(m[2])) return `raw "&" in attribute: ${token.slice(0, 60)}`;
    if (stack.length === 0 && ++roots > 1) return "more than one root element";
    if (!m[3]) stack.push(m[1]);
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? undefined : "no root element";
}
