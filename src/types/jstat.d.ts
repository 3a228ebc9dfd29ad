/**
 * Minimal type declarations for the parts of `jstat` (1.9.x) that kindsim uses.
 * jstat ships no types; only the members below are declared.
 */
declare module "jstat" {
  /** Student t distribution. */
  interface JStatStudentT {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
    pdf(x: number, dof: number): number;
  }
  /** Normal distribution. */
  interface JStatNormal {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
    pdf(x: number, mean: number, sd: number): number;
  }
  /** Noncentral t distribution. */
  interface JStatNoncentralT {
    cdf(x: number, dof: number, ncp: number): number;
  }
  /** Central F distribution. */
  interface JStatCentralF {
    cdf(x: number, df1: number, df2: number): number;
  }
  /** Beta distribution. */
  interface JStatBeta {
    inv(p: number, alpha: number, beta: number): number;
  }
  /** The `jStat` namespace object (only the members used by kindsim). */
  interface JStatStatic {
    studentt: JStatStudentT;
    normal: JStatNormal;
    noncentralt: JStatNoncentralT;
    centralF: JStatCentralF;
    beta: JStatBeta;
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    /** log Γ(x). */
    gammaln(x: number): number;
  }
  const jstatPkg: { jStat: JStatStatic };
  export default jstatPkg;
}
