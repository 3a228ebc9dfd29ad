import { describe, expect, it } from "vitest";
import { xmlProblem } from "./xmlProblem.js";

describe("xmlProblem", () => {
  it("accepts a well-formed document", () => {
    expect(
      xmlProblem('<?xml version="1.0"?>\n<a x="1"><b/>t &amp; u<c></c></a>\n'),
    ).toBeUndefined();
  });

  it.each([
    ["<a><b></a></b>", "closes"],
    ["<a>", "unclosed"],
    ["<a>x & y</a>", "raw"],
    ["<a>x < y</a>", "raw"],
    ['<a x="1>"></a>', ""],
    ["<a x=1></a>", "attributes"],
    ["<a/><b/>", "root"],
    ["text", "outside"],
  ])("rejects %s", (xml, why) => {
    expect(xmlProblem(xml)).toContain(why);
  });
});
