import { AppError } from "../core/index.js";
import type { Estimator, EstimatorClass, SavedModel } from "./estimator.js";
import { CsrMatrix, Matrix } from "./matrix.js";

/**
 * Saving and loading models as plain JSON: typed arrays and matrices are base64 of their bytes (exact round trip,
 * NaN and infinities included), nested estimators are saved models, and loading builds objects only from the
 * table of registered kinds — never code from the file.
 */

const kinds = new Map<string, EstimatorClass>();

/** Adds an estimator class to the table loadModel builds from. Each estimator file registers its class. */
export function registerEstimator(cls: EstimatorClass): void {
  const existing = kinds.get(cls.kind);
  if (existing && existing !== cls) throw new Error(`Two estimator classes claim the kind "${cls.kind}"`);
  kinds.set(cls.kind, cls);
}

/** The registered kinds (for docs and tests). */
export function registeredKinds(): string[] {
  return [...kinds.keys()].sort();
}

/** Rebuilds a model from `toJSON()` output (or its JSON text). Unknown kinds and newer versions are INVALID_INPUT. */
export function loadModel<E extends Estimator = Estimator>(json: SavedModel | string): E {
  const saved = (typeof json === "string" ? JSON.parse(json) : json) as Partial<SavedModel>;
  if (
    saved === null ||
    typeof saved !== "object" ||
    saved.format !== "atelier-model" ||
    typeof saved.kind !== "string"
  ) {
    throw new AppError(
      "INVALID_INPUT",
      'Not a saved Atelier model (expected {"format": "atelier-model", "kind", ...})',
    );
  }
  const cls = kinds.get(saved.kind);
  if (!cls) {
    throw new AppError("INVALID_INPUT", `Unknown model kind "${saved.kind}" (known: ${registeredKinds().join(", ")})`);
  }
  if (typeof saved.version !== "number" || saved.version > cls.version) {
    throw new AppError(
      "INVALID_INPUT",
      `Model kind ${saved.kind} version ${String(saved.version)} is newer than this Atelier supports (${cls.version})`,
    );
  }
  const Ctor = cls as unknown as new (params: unknown) => E & { restoreFitted(f: unknown): void };
  const model = new Ctor(decodeValue(saved.params));
  model.restoreFitted(decodeValue(saved.fitted ?? null));
  return model;
}

const TYPED = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const;
type TypedTag = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedTag]>;

function typedTag(v: unknown): TypedTag | undefined {
  for (const [tag, Ctor] of Object.entries(TYPED)) if (v instanceof Ctor) return tag as TypedTag;
  return undefined;
}

function toBase64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function fromBase64(tag: TypedTag, b64: string): AnyTyped {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new TYPED[tag](copy.buffer) as AnyTyped;
}

/** Turns a value holding typed arrays, matrices and estimators into JSON-safe data. */
export function encodeValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : { $num: String(v) };
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Matrix) return { $matrix: { rows: v.rows, cols: v.cols, data: toBase64(v.data) } };
  if (v instanceof CsrMatrix) {
    return {
      $csr: {
        rows: v.rows,
        cols: v.cols,
        indptr: toBase64(v.indptr),
        indices: toBase64(v.indices),
        data: toBase64(v.data),
      },
    };
  }
  const tag = typedTag(v);
  if (tag) return { $typed: tag, data: toBase64(v as AnyTyped) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (
    typeof v === "object" &&
    typeof (v as Estimator).toJSON === "function" &&
    typeof (v as Estimator).fit === "function"
  ) {
    return { $model: (v as Estimator).toJSON() };
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
    return out;
  }
  throw new AppError("INVALID_INPUT", `Cannot save a value of type ${Object.prototype.toString.call(v)} in a model`);
}

/** The inverse of encodeValue. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  if ("$num" in o) return Number(o.$num);
  if ("$typed" in o) return fromBase64(o.$typed as TypedTag, o.data as string);
  if ("$matrix" in o) {
    const m = o.$matrix as { rows: number; cols: number; data: string };
    return new Matrix(m.rows, m.cols, fromBase64("f64", m.data) as Float64Array);
  }
  if ("$csr" in o) {
    const m = o.$csr as { rows: number; cols: number; indptr: string; indices: string; data: string };
    return new CsrMatrix(
      m.rows,
      m.cols,
      fromBase64("i32", m.indptr) as Int32Array,
      fromBase64("i32", m.indices) as Int32Array,
      fromBase64("f64", m.data) as Float64Array,
    );
  }
  if ("$model" in o) return loadModel(o.$model as SavedModel);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
  return out;
}
