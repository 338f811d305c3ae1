// jstat ships no type declarations; these cover the few functions Syllabus calls.
declare module "jstat" {
  export const jStat: {
    /** log Γ(x), SPECFUN algorithm (~1e-15). */
    loggam(x: number): number;
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number; pdf(x: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  };
}
