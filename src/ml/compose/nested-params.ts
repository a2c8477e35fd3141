import { AppError } from "../../core/index.js";
import { type Estimator, isEstimator } from "../estimator.js";

/**
 * scikit-learn's nested parameter convention: `"step__param"` addresses `param` of the nested estimator `step`,
 * as far down as needed (`"search__estimator__clf__alpha"`). Composite estimators (Pipeline, ColumnTransformer,
 * the searches) use these helpers in their getParams / setParams overrides.
 */

/** What a composite estimator implements to list its nested estimators by name. */
export interface NamedChildren {
  namedChildren(): [string, Estimator][];
}

function hasNamedChildren(est: unknown): est is NamedChildren {
  return typeof (est as Partial<NamedChildren>).namedChildren === "function";
}

/** The nested estimators of `est`: its named children, or else its params that hold estimators. */
export function childEstimators(est: Estimator): [string, Estimator][] {
  if (hasNamedChildren(est)) return est.namedChildren();
  return Object.entries(est.getParams() as Record<string, unknown>).filter((e): e is [string, Estimator] =>
    isEstimator(e[1]),
  );
}

/** Every param of `est` and of its nested estimators, flattened with "__" like get_params(deep=True). */
export function deepParams(est: Estimator): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(est.getParams() as Record<string, unknown>) };
  for (const [name, child] of childEstimators(est)) {
    out[name] = child;
    for (const [key, value] of Object.entries(deepParams(child))) out[`${name}__${key}`] = value;
  }
  return out;
}

/** Splits params into this estimator's own keys and, per nested name, the params addressed below it. */
export function splitNestedParams(params: Readonly<Record<string, unknown>>): {
  own: Record<string, unknown>;
  nested: Map<string, Record<string, unknown>>;
} {
  const own: Record<string, unknown> = {};
  const nested = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(params)) {
    const at = key.indexOf("__");
    if (at < 0) {
      own[key] = value;
      continue;
    }
    const head = key.slice(0, at);
    const rest = key.slice(at + 2);
    const sub = nested.get(head) ?? {};
    sub[rest] = value;
    nested.set(head, sub);
  }
  return { own, nested };
}

/** Sends each group of nested params to the named child; an unknown name is INVALID_INPUT. */
export function setChildParams(
  kind: string,
  children: readonly [string, unknown][],
  nested: Map<string, Record<string, unknown>>,
): void {
  for (const [head, sub] of nested) {
    const child = children.find(([name]) => name === head)?.[1];
    if (!isEstimator(child)) {
      const names = children.filter(([, c]) => isEstimator(c)).map(([n]) => n);
      throw new AppError(
        "INVALID_INPUT",
        `${kind} has no nested estimator "${head}" (for ${Object.keys(sub)
          .map((k) => `${head}__${k}`)
          .join(", ")}; nested estimators: ${names.join(", ") || "none"})`,
        [{ field: head, reason: "unknown nested estimator" }],
      );
    }
    child.setParams(sub);
  }
}

/**
 * setParams for estimators holding a named list (Pipeline steps, ColumnTransformer transformers): `listKey`
 * replaces the list, a bare item name replaces that item's estimator, "name__param" goes to the item's
 * estimator, and the remaining keys go to `setOwn` (the base class's validated setParams).
 */
export function setCompositeParams(
  kind: string,
  params: Readonly<Record<string, unknown>>,
  listKey: string,
  currentList: () => readonly (readonly unknown[])[],
  setOwn: (own: Record<string, unknown>) => void,
): void {
  const { own, nested } = splitNestedParams(params);
  let list = (own[listKey] as readonly (readonly unknown[])[] | undefined) ?? currentList();
  const names = new Set(list.map((item) => item[0] as string));
  const replaced = Object.keys(own).filter((k) => k !== listKey && names.has(k));
  if (replaced.length > 0) {
    list = list.map((item) =>
      replaced.includes(item[0] as string) ? [item[0], own[item[0] as string], ...item.slice(2)] : item,
    );
    for (const k of replaced) delete own[k];
    own[listKey] = list;
  }
  setOwn(own);
  setChildParams(
    kind,
    currentList().map((item) => [item[0] as string, item[1]]),
    nested,
  );
}

/** "classifier", "regressor" or "transformer", from an explicit `estimatorType` or else the methods it has. */
export function estimatorTypeOf(est: unknown): "classifier" | "regressor" | "transformer" | undefined {
  const e = est as Record<string, unknown>;
  const declared = e.estimatorType;
  if ("estimatorType" in e) {
    return declared === "classifier" || declared === "regressor" || declared === "transformer" ? declared : undefined;
  }
  if (typeof e.predictProba === "function" || "classes" in e) return "classifier";
  if (typeof e.predict === "function") return "regressor";
  if (typeof e.transform === "function") return "transformer";
  return undefined;
}
