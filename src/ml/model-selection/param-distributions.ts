import { AppError, type SeededRandom } from "../../core/index.js";
import { parameterGrid } from "./param-grid.js";

/** A continuous or integer distribution of a param: uniform on [lo, hi], log-uniform on [lo, hi], integers in [lo, hi). */
export type Distribution =
  | { readonly uniform: readonly [number, number] }
  | { readonly logUniform: readonly [number, number] }
  | { readonly randint: readonly [number, number] };

/** Per param name, a list of values (drawn uniformly) or a distribution. */
export type ParamDistributions = Readonly<Record<string, readonly unknown[] | Distribution>>;

/** True for `{uniform: [lo, hi]}`, `{logUniform: [lo, hi]}` or `{randint: [lo, hi]}`. */
export function isDistribution(v: unknown): v is Distribution {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ["uniform", "logUniform", "randint"].includes(keys[0]!);
}

/** The [lo, hi] of a distribution, checked (lo < hi; lo > 0 for logUniform; integers for randint). */
export function bounds(name: string, d: Distribution): [string, number, number] {
  const [kind, range] = Object.entries(d)[0] as [string, unknown];
  const ok =
    Array.isArray(range) && range.length === 2 && range.every((x) => typeof x === "number" && Number.isFinite(x));
  const [lo, hi] = ok ? (range as [number, number]) : [Number.NaN, Number.NaN];
  const valid =
    ok &&
    lo < hi &&
    (kind !== "logUniform" || lo > 0) &&
    (kind !== "randint" || (Number.isInteger(lo) && Number.isInteger(hi)));
  if (!valid) {
    throw new AppError("INVALID_INPUT", `Param "${name}": invalid ${kind} range ${JSON.stringify(range)}`, [
      { field: name, reason: "invalid distribution" },
    ]);
  }
  return [kind, lo, hi];
}

/** Checks every entry: a non-empty list or a valid distribution. */
export function checkDistributions(dists: ParamDistributions): void {
  for (const [name, v] of Object.entries(dists)) {
    if (Array.isArray(v)) {
      if (v.length === 0) throw new AppError("INVALID_INPUT", `Param "${name}": the list of values is empty`);
    } else if (isDistribution(v)) bounds(name, v);
    else {
      throw new AppError(
        "INVALID_INPUT",
        `Param "${name}" must be a list of values or {uniform | logUniform | randint: [lo, hi]}`,
      );
    }
  }
}

/** One draw of a distribution. */
export function draw(name: string, d: Distribution, rng: SeededRandom): number {
  const [kind, lo, hi] = bounds(name, d);
  const u = rng.next();
  if (kind === "uniform") return lo + (hi - lo) * u;
  if (kind === "logUniform") return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * u);
  return lo + Math.floor(u * (hi - lo));
}

/**
 * nIter param sets, like scikit-learn's ParameterSampler: when every entry is a list, distinct grid points
 * without replacement (all of them if the grid is smaller); otherwise, per draw, a grid of the list picked at
 * random and each param (keys sorted) drawn independently.
 */
export function sampleParameters(
  dists: ParamDistributions | readonly ParamDistributions[],
  nIter: number,
  rng: SeededRandom,
): Record<string, unknown>[] {
  const list = Array.isArray(dists) ? [...dists] : [dists as ParamDistributions];
  if (list.length === 0) throw new AppError("INVALID_INPUT", "paramDistributions is empty");
  for (const d of list) checkDistributions(d);
  const allLists = list.every((d) => Object.values(d).every((v) => Array.isArray(v)));
  if (allLists) {
    const grid = parameterGrid(list as Record<string, unknown[]>[]);
    const perm = rng.permutation(grid.length);
    return Array.from(perm.subarray(0, Math.min(nIter, grid.length)), (i) => grid[i]!);
  }
  const out: Record<string, unknown>[] = [];
  for (let it = 0; it < nIter; it++) {
    const d = list[rng.int(list.length)]!;
    const params: Record<string, unknown> = {};
    for (const key of Object.keys(d).sort()) {
      const v = d[key]!;
      params[key] = Array.isArray(v) ? v[rng.int(v.length)] : draw(key, v as Distribution, rng);
    }
    out.push(params);
  }
  return out;
}
