import { AppError } from "../../core/index.js";

/** Values to try per param name; a list of grids explores each grid in turn. */
export type ParamGrid =
  | Readonly<Record<string, readonly unknown[]>>
  | readonly Readonly<Record<string, readonly unknown[]>>[];

/** The grids of a ParamGrid as a list, each value list checked non-empty. */
export function gridList(grid: ParamGrid): Readonly<Record<string, readonly unknown[]>>[] {
  const list = Array.isArray(grid) ? [...grid] : [grid as Readonly<Record<string, readonly unknown[]>>];
  for (const g of list) {
    for (const [name, values] of Object.entries(g)) {
      if (!Array.isArray(values) || values.length === 0) {
        throw new AppError("INVALID_INPUT", `The grid for param "${name}" must be a non-empty list of values`, [
          { field: name, reason: "empty or not a list" },
        ]);
      }
    }
  }
  return list;
}

/**
 * Every combination of a grid, in scikit-learn's ParameterGrid order: keys sorted, the last key varying fastest,
 * grids of a list one after the other.
 */
export function parameterGrid(grid: ParamGrid): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const g of gridList(grid)) {
    const keys = Object.keys(g).sort();
    const counters = new Array<number>(keys.length).fill(0);
    for (;;) {
      const params: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        params[k] = g[k]![counters[i]!];
      });
      out.push(params);
      let i = keys.length - 1;
      while (i >= 0 && ++counters[i]! === g[keys[i]!]!.length) counters[i--] = 0;
      if (i < 0) break;
    }
  }
  return out;
}
