/**
 * The few parts of jStat (npm `jstat`, 1.9.x, ships no types) that the statistics use.
 * Keep this file free of top-level imports/exports: it is an ambient module declaration.
 */
declare module 'jstat' {
  interface JStatStudentT {
    cdf(x: number, dof: number): number
    inv(p: number, dof: number): number
  }
  interface JStatCentralF {
    cdf(x: number, df1: number, df2: number): number
    inv(p: number, df1: number, df2: number): number
  }
  interface JStatNormal {
    cdf(x: number, mean: number, sd: number): number
    inv(p: number, mean: number, sd: number): number
  }
  interface JStatStatic {
    studentt: JStatStudentT
    centralF: JStatCentralF
    normal: JStatNormal
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number
  }
  const jStat: JStatStatic
  export default jStat
}
