/**
 * zod issues turned into problems a person can act on: the key's name, what
 * it must be, what it is, and a "did you mean" drawn from the schema itself
 * (the allowed keys and values are read from the zod schema, never listed by hand).
 */
import type * as z from 'zod';
import { DurationSchema, PlaybookSchema, SUPPORTED_FORMATS } from './schema.js';
import { didYouMean, showValue, suggest, type DataPath, type Problem } from './problem.js';
import type { AuthoringWords } from './words.js';
import { FIRST_LINE } from './names.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

function def(schema: AnySchema): z.core.$ZodTypeDef & Record<string, unknown> {
  return schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
}

/** Strips optional/nullable/default/pipe wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const d = def(current);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly' || d.type === 'catch' || d.type === 'nonoptional') {
      current = d.innerType as AnySchema;
    } else if (d.type === 'pipe') {
      current = d.in as AnySchema;
    } else {
      break;
    }
  }
  return current;
}

/** Every schema that may describe the value at `path` (several under a union). */
export function schemasAt(path: DataPath, root: AnySchema = PlaybookSchema): AnySchema[] {
  let current: AnySchema[] = [unwrap(root)];
  for (const segment of path) {
    const next: AnySchema[] = [];
    const visit = (schema: AnySchema) => {
      const s = unwrap(schema);
      const d = def(s);
      if (d.type === 'union') for (const option of d.options as AnySchema[]) visit(option);
      else if (d.type === 'object') {
        const shape = d.shape as Record<string, AnySchema>;
        if (typeof segment === 'string' && Object.hasOwn(shape, segment)) next.push(unwrap(shape[segment] as AnySchema));
      } else if (d.type === 'array' && typeof segment === 'number') next.push(unwrap(d.element as AnySchema));
      else if (d.type === 'record') next.push(unwrap(d.valueType as AnySchema));
    };
    current.forEach(visit);
    current = next;
  }
  return current.flatMap((s) => (def(s).type === 'union' ? (def(s).options as AnySchema[]).map(unwrap) : [s]));
}

/** The keys an object at `path` may have, read from the schema. */
export function allowedKeysAt(path: DataPath): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(path)) {
    const d = def(schema);
    if (d.type === 'object') for (const key of Object.keys(d.shape as object)) keys.add(key);
  }
  return [...keys];
}

function valueAt(data: unknown, path: DataPath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function label(path: DataPath, w: AuthoringWords): string {
  const last = path[path.length - 1];
  if (last === undefined) return w.thePlaybook;
  if (typeof last === 'number') return w.item(last + 1, String(path[path.length - 2] ?? ''));
  return w.key(last);
}

function typeName(type: string, w: AuthoringWords): string {
  return Object.hasOwn(w.types, type) ? w.types[type as keyof AuthoringWords['types']] : type;
}

function expectedName(schema: AnySchema, w: AuthoringWords): string {
  const d = def(schema);
  if (schema === unwrap(DurationSchema)) return w.aDuration;
  if (d.type === 'literal') return (d.values as unknown[]).map((v) => JSON.stringify(v)).join(w.or);
  if (d.type === 'enum') return w.oneOf(Object.values(d.entries as object).join(', '));
  if (d.type === 'union') return [...new Set((d.options as AnySchema[]).map((o) => expectedName(unwrap(o), w)))].join(w.or);
  return typeName(d.type, w);
}

/** A schema's own message (a key of `w.schema`) in words; zod's own wording as it is. */
function schemaMessage(message: string, w: AuthoringWords): string {
  return Object.hasOwn(w.schema, message) ? w.schema[message as keyof AuthoringWords['schema']] : message;
}

/** zod's own wording starts like this; a schema's custom message does not. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)\b/;

function isDuration(path: DataPath): boolean {
  const duration = unwrap(DurationSchema);
  return schemasAt(path).some((s) => s === duration);
}

function describeGot(value: unknown, w: AuthoringWords): string {
  if (typeof value === 'number') return w.theNumber(value);
  if (typeof value === 'boolean') return `${value}`;
  return showValue(value, w);
}

/** One zod issue as problems (a union or several unknown keys give several), said with `w`. */
export function issueToProblems(issue: Issue, data: unknown, w: AuthoringWords, base: DataPath = []): Problem[] {
  const path: DataPath = [...base, ...(issue.path as DataPath)];
  const value = valueAt(data, path);
  const error = (message: string, at: Problem['at'] = 'value', p: DataPath = path): Problem => ({ path: p, message, severity: 'error', at });
  const name = label(path, w);
  const got = showValue(value, w);

  if (value === undefined && path.length > 0 && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_key') {
    const key = String(path[path.length - 1]);
    const message = path.length === 1 && key === 'format' ? w.missingFormat(FIRST_LINE) : w.missingKey(key);
    return [{ ...error(message, 'value', path.slice(0, -1)), missingKey: key }];
  }
  if (path.length === 1 && path[0] === 'format') return [error(w.unsupportedFormat(got, SUPPORTED_FORMATS.join(', '), FIRST_LINE))];
  if (isDuration(path) && value !== undefined && issue.code !== 'unrecognized_keys') return [error(w.mustBeDuration(name, got))];

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const best = didYouMeanKey(key, path);
        return { ...error(w.unknownKey(key, suggest(w, key, allowedKeysAt(path), w.nouns.allowedKeys, 20)), 'key', [...path, key]), ...(best ? { suggestedKey: best } : {}) };
      });
    case 'invalid_type': {
      if (value === null) return [error(w.isEmpty(name, expectedName(schemasAt(path)[0] ?? unwrap(PlaybookSchema), w)))];
      const quote = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean');
      return [error(w.mustBe(name, typeName(issue.expected, w), describeGot(value, w), quote))];
    }
    case 'invalid_value': {
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(w.ruleGot(name, schemaMessage(issue.message, w), got))];
      const allowed = issue.values.map((v) => String(v));
      const suggestion = typeof value === 'string' ? suggest(w, value, allowed, undefined) : '';
      return [error(w.mustBe(name, allowed.length === 1 ? w.quote(allowed[0] ?? '') : w.oneOf(allowed.join(', ')), got, false) + suggestion)];
    }
    case 'invalid_format':
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(w.ruleGot(name, schemaMessage(issue.message, w), got))];
      return [error(w.invalidFormat(name, issue.format, got))];
    case 'too_small':
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(w.rule(name, schemaMessage(issue.message, w)))];
      if (issue.origin === 'string') return [error(w.rule(name, w.schema.notEmpty))];
      if (issue.origin === 'array') return [error(w.atLeastItems(name, Number(issue.minimum)))];
      return [error(w.atLeast(name, String(issue.minimum), got))];
    case 'too_big':
      return [error(w.atMost(name, String(issue.maximum), got))];
    case 'invalid_key': {
      const inner = issue.issues[0];
      const why = inner && !DEFAULT_MESSAGE.test(inner.message) ? schemaMessage(inner.message, w) : w.notValidId;
      const parent = String(path[path.length - 2] ?? '');
      return [error(w.badId(parent, String(path[path.length - 1]), why), 'key')];
    }
    case 'invalid_union': {
      const branches = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (branches.length > 0) {
        const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((i) => issueToProblems(i, data, w, path));
      }
      const options = schemasAt(path).map((s) => expectedName(s, w));
      return [error(w.mustBe(name, [...new Set(options)].join(w.or), describeGot(value, w), false))];
    }
    case 'custom':
      return [error(w.rule(name, schemaMessage(issue.message, w)))];
    default:
      return [error(w.zod(name, issue.message))];
  }
}

/** The key an unknown key likely meant, read from the schema. */
function didYouMeanKey(key: string, path: DataPath): string | undefined {
  return didYouMean(key, allowedKeysAt(path));
}

/** Every issue of a failed parse, as problems said with `w`. */
export function issuesToProblems(issues: readonly Issue[], data: unknown, w: AuthoringWords): Problem[] {
  return issues.flatMap((issue) => issueToProblems(issue, data, w));
}
