/**
 * zod issues turned into problems a person can act on: the key's name, what
 * it must be, what it is, and a "did you mean" drawn from the schema itself
 * (the allowed keys and values are read from the zod schema, never listed by hand).
 */
import type * as z from 'zod';
import { DurationSchema, PlaybookSchema, SUPPORTED_FORMATS } from './schema.js';
import { hint, showValue, type DataPath, type Problem } from './problem.js';

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

function label(path: DataPath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the playbook';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `item ${last + 1} of "${String(parent ?? '')}"`;
  }
  return `"${last}"`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
};

function expectedName(schema: AnySchema): string {
  const d = def(schema);
  if (schema === unwrap(DurationSchema)) return 'a duration such as 15m, 1h30m or 1d';
  if (d.type === 'literal') return (d.values as unknown[]).map((v) => JSON.stringify(v)).join(' or ');
  if (d.type === 'enum') return `one of ${Object.values(d.entries as object).join(', ')}`;
  if (d.type === 'union') return [...new Set((d.options as AnySchema[]).map((o) => expectedName(unwrap(o))))].join(' or ');
  return TYPE_NAMES[d.type] ?? d.type;
}

/** zod's own wording starts like this; a schema's custom message does not. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)\b/;

function isDuration(path: DataPath): boolean {
  const duration = unwrap(DurationSchema);
  return schemasAt(path).some((s) => s === duration);
}

function describeGot(value: unknown): string {
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return showValue(value);
}

/** One zod issue as problems (a union or several unknown keys give several). */
export function issueToProblems(issue: Issue, data: unknown, base: DataPath = []): Problem[] {
  const path: DataPath = [...base, ...(issue.path as DataPath)];
  const value = valueAt(data, path);
  const error = (message: string, at: Problem['at'] = 'value', p: DataPath = path): Problem => ({ path: p, message, severity: 'error', at });
  const name = label(path);

  if (value === undefined && path.length > 0 && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_key') {
    const key = path[path.length - 1];
    const extra = path.length === 1 && key === 'format' ? ' (a playbook starts with "format: 1")' : '';
    return [error(`missing required key "${String(key)}"${extra}`, 'value', path.slice(0, -1))];
  }
  if (path.length === 1 && path[0] === 'format') {
    return [error(`unsupported format ${showValue(value)}; this version of crisis reads format ${SUPPORTED_FORMATS.join(', ')}: write "format: 1"`)];
  }
  if (isDuration(path) && value !== undefined && issue.code !== 'unrecognized_keys') {
    return [error(`${name} must be a duration such as 15m, 1h30m or 1d, got ${showValue(value)}`)];
  }

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => error(`unknown key "${key}"${hint(key, allowedKeysAt(path), 'allowed keys here', 20)}`, 'key', [...path, key]));
    case 'invalid_type': {
      if (value === null) return [error(`${name} is empty; give it a value (${expectedName(schemasAt(path)[0] ?? unwrap(PlaybookSchema))})`)];
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const quote = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? '; put it in quotes' : '';
      return [error(`${name} must be ${expected}, got ${describeGot(value)}${quote}`)];
    }
    case 'invalid_value': {
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(`${name} ${issue.message}, got ${showValue(value)}`)];
      const allowed = issue.values.map((v) => String(v));
      const best = typeof value === 'string' ? hint(value, allowed, '') : '';
      const suggestion = best.startsWith(' (') ? best : '';
      return [error(`${name} must be ${allowed.length === 1 ? `"${allowed[0]}"` : `one of ${allowed.join(', ')}`}, got ${showValue(value)}${suggestion}`)];
    }
    case 'invalid_format':
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(`${name} ${issue.message}, got ${showValue(value)}`)];
      return [error(`${name} is not a valid ${issue.format}, got ${showValue(value)}`)];
    case 'too_small':
      if (!DEFAULT_MESSAGE.test(issue.message)) return [error(`${name} ${issue.message}`)];
      if (issue.origin === 'string') return [error(`${name} must not be empty`)];
      if (issue.origin === 'array') return [error(`${name} needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`)];
      return [error(`${name} must be at least ${String(issue.minimum)}, got ${showValue(value)}`)];
    case 'too_big':
      return [error(`${name} must be at most ${String(issue.maximum)}, got ${showValue(value)}`)];
    case 'invalid_key': {
      const inner = issue.issues[0];
      const why = inner && !DEFAULT_MESSAGE.test(inner.message) ? inner.message : 'is not a valid id';
      const parent = String(path[path.length - 2] ?? '');
      const noun = parent.endsWith('s') ? `${parent.slice(0, -1)} id` : 'key';
      return [error(`${noun} "${String(path[path.length - 1])}" ${why}`, 'key')];
    }
    case 'invalid_union': {
      const branches = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (branches.length > 0) {
        const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((i) => issueToProblems(i, data, path));
      }
      const options = schemasAt(path).map(expectedName);
      return [error(`${name} must be ${[...new Set(options)].join(' or ')}, got ${describeGot(value)}`)];
    }
    case 'custom':
      return [error(`${name} ${issue.message}`)];
    default:
      return [error(`${name}: ${issue.message}`)];
  }
}

/** Every issue of a failed parse, as problems. */
export function issuesToProblems(issues: readonly Issue[], data: unknown): Problem[] {
  return issues.flatMap((issue) => issueToProblems(issue, data));
}
