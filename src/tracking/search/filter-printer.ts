import type { FilterNode, OrderKey } from "./filter-ast.js";
import { fieldName } from "./filter-parser.js";

/** A value as the search language writes it: numbers as JavaScript prints them, strings in single quotes. */
function literal(value: string | number): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Prints a filter AST back as text that parses to the same AST: `and`/`or` are left-associative, so a right operand
 * of the same or a looser operator, and an `or` inside an `and`, get parentheses.
 */
export function printFilter(node: FilterNode): string {
  switch (node.type) {
    case "and":
    case "or": {
      const wrap = (child: FilterNode, right: boolean) => {
        const needs =
          (node.type === "and" && child.type === "or") || (right && (child.type === "and" || child.type === "or"));
        const text = printFilter(child);
        return needs ? `(${text})` : text;
      };
      return `${wrap(node.left, false)} ${node.type.toUpperCase()} ${wrap(node.right, true)}`;
    }
    case "compare":
      return `${fieldName(node.field)} ${node.op} ${literal(node.value)}`;
    case "like":
      return `${fieldName(node.field)} ${node.negated ? "NOT " : ""}${node.op} ${literal(node.pattern)}`;
    case "in":
      return `${fieldName(node.field)} ${node.negated ? "NOT " : ""}IN (${node.values.map(literal).join(", ")})`;
  }
}

/** Prints an order-by key: `metrics.r2 DESC`. */
export function printOrderKey(key: OrderKey): string {
  return `${fieldName(key.field)} ${key.direction}`;
}
