import { describe, expect, it } from "vitest";
import { assertFullRank, buildDesign } from "./designMatrix.js";

describe("design matrices", () => {
  it("prepends an intercept column and keeps names", () => {
    const d = buildDesign(
      [
        [2, 3],
        [4, 5],
      ],
      ["a", "b"],
      true,
    );
    expect(d.names).toEqual(["(Intercept)", "a", "b"]);
    expect(d.matrix.to2DArray()).toEqual([
      [1, 2, 3],
      [1, 4, 5],
    ]);
    expect(buildDesign([[2], [4]], ["a"], false).names).toEqual(["a"]);
  });

  it("detects zero, constant and collinear columns", () => {
    const ok = buildDesign([[1], [2], [4]], ["a"], true);
    expect(() => assertFullRank(ok)).not.toThrow();
    expect(() => assertFullRank(buildDesign([[0], [0], [0]], ["z"], false))).toThrow(/"z"/);
    expect(() => assertFullRank(buildDesign([[3], [3], [3]], ["c"], true))).toThrow(/"c"/);
    const collinear = buildDesign(
      [
        [1, 2],
        [2, 4.000000000001],
        [3, 6],
      ],
      ["a", "b"],
      true,
    );
    expect(() => assertFullRank(collinear)).toThrow(/rank deficient \(column "b"/);
  });
});
