/**
 * Inputs for tRPC procedures, generated from each procedure's own zod input schema (as JSON
 * Schema): a base input that passes the procedure's validation, built from pools of real ids and
 * strings, plus one variant per candidate value per field. Shared by the tenant-isolation walk,
 * the in-tenant authorization walk and the fuzz test (which mutates these inputs).
 */
import type { AnyProcedure } from '@trpc/server';
import { z } from 'zod';
import { appRouter } from '../root';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

export interface Pools {
  ids: string[];
  strings: string[];
}

/** Candidate values for one schema node (first = preferred). Unknown shapes throw. */
function candidates(node: JsonSchema, key: string, pools: Pools): unknown[] {
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.flatMap((b) => candidates(b, key, pools));
  if (node.allOf) {
    if (node.allOf.length === 1) return candidates(node.allOf[0]!, key, pools);
    throw new Error(`无法为 ${key} 生成输入：allOf ${JSON.stringify(node)}`);
  }
  if ('const' in node) return [node.const];
  if (node.enum) return [...node.enum];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string': {
      const pool =
        node.format === 'uuid' || /id$/i.test(key)
          ? [...pools.ids, crypto.randomUUID()]
          : // dates first for date-like keys (array items only ever get their first candidate)
            /(on|date)$/i.test(key)
            ? ['2024-05-04', ...pools.strings]
            : pools.strings;
      const re = node.pattern ? new RegExp(node.pattern) : null;
      const fit = pool.filter(
        (s) =>
          (node.minLength === undefined || s.length >= node.minLength) &&
          (node.maxLength === undefined || s.length <= node.maxLength) &&
          (!re || re.test(s)),
      );
      return fit.length > 0 ? fit : pool;
    }
    case 'integer':
    case 'number': {
      const min =
        node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : undefined);
      const max =
        node.maximum ?? (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1 : undefined);
      const values = [1, 2, 0, 1000, min, max].filter(
        (v): v is number =>
          v !== undefined && (min === undefined || v >= min) && (max === undefined || v <= max),
      );
      return [...new Set(values)];
    }
    case 'boolean':
      return [true, false];
    case 'null':
      return [null];
    case 'object':
      return [baseOf(objectCandidates(node, pools))];
    case 'array':
      return node.items ? [[], [candidates(node.items, key, pools)[0]]] : [[]];
    default:
      throw new Error(`无法为 ${key} 生成输入：${JSON.stringify(node)}`);
  }
}

type FieldCandidates = { key: string; required: boolean; values: unknown[] }[];

function objectCandidates(node: JsonSchema, pools: Pools): FieldCandidates {
  if (node.type !== 'object') throw new Error(`输入不是对象：${JSON.stringify(node)}`);
  return Object.entries(node.properties ?? {}).map(([key, child]) => ({
    key,
    required: node.required?.includes(key) ?? false,
    values: candidates(child, key, pools),
  }));
}

function baseOf(fields: FieldCandidates, choice: Record<string, number> = {}): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.key, f.values[choice[f.key] ?? 0]]));
}

/**
 * Inputs for a procedure: a base input that passes the procedure's own validation (found by
 * moving each failing field to its next candidate), then one variant per candidate per field,
 * and the base without its optional fields.
 */
export function inputsFor(path: string, proc: AnyProcedure, pools: Pools): unknown[] {
  const parsers = proc._def.inputs as unknown[];
  if (parsers.length === 0) return [undefined];
  if (parsers.length > 1) throw new Error(`${path}: 多个 input 解析器，生成器尚不支持`);
  const schema = parsers[0];
  if (!(schema instanceof z.ZodType)) throw new Error(`${path}: input 不是 zod 模式`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  // A top-level union (e.g. a discriminated union of workflow steps): every variant is walked.
  const variants = json.oneOf ?? json.anyOf ?? [json];
  const out = new Map<string, unknown>();
  variants.forEach((variant, i) => {
    const label = variants.length > 1 ? `${path} [variant ${i + 1}/${variants.length}]` : path;
    for (const v of objectInputs(label, schema, variant, pools)) out.set(JSON.stringify(v), v);
  });
  return [...out.values()];
}

function objectInputs(path: string, schema: z.ZodType, json: JsonSchema, pools: Pools): unknown[] {
  const fields = objectCandidates(json, pools);

  const choice: Record<string, number> = {};
  let base = baseOf(fields, choice);
  for (let attempt = 0; ; attempt++) {
    const parsed = schema.safeParse(base);
    if (parsed.success) break;
    if (attempt > 200) throw new Error(`${path}: 无法生成通过校验的输入：${parsed.error.issues[0]?.message}`);
    const keys = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    let moved = false;
    for (const f of fields) {
      if (!keys.has(f.key) && !keys.has('')) continue;
      const next = (choice[f.key] ?? 0) + 1;
      if (next < f.values.length) {
        choice[f.key] = next;
        moved = true;
        if (!keys.has('')) continue;
        break;
      }
    }
    if (!moved) throw new Error(`${path}: 无法生成通过校验的输入：${parsed.error.issues[0]?.message}`);
    base = baseOf(fields, choice);
  }

  const out = new Map<string, unknown>();
  const add = (v: unknown) => out.set(JSON.stringify(v), v);
  add(base);
  add(Object.fromEntries(Object.entries(base).filter(([k]) => fields.find((f) => f.key === k)?.required)));
  for (const f of fields) for (const v of f.values) add({ ...base, [f.key]: v });
  return [...out.values()];
}

/** Every procedure of the router, by dotted path (taken from the router, so new ones are included). */
export const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
export const procedurePaths = Object.keys(procedures).sort();

/** The function at a dotted path of a tRPC caller. */
export function callerProcedure(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
    input: unknown,
  ) => Promise<unknown>;
}
