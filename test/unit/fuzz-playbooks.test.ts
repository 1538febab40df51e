/**
 * Hostile playbooks at scale: the built-in playbooks mutated a few thousand
 * times (keys deleted, renamed, retyped, values swapped, files cut, YAML and
 * Handlebars syntax injected), each mutant written to a file and validated.
 * Every case must end in success or positioned, readable errors: never a
 * throw, a stack trace, a hang or a message that says nothing. A handful of
 * mutants also go through the built `crisis validate`, in one process. Replay with
 * FUZZ_SEED=<seed>; FUZZ_CASES sets the number of cases.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { loadPlaybookFile } from '../../src/playbook/load.js';
import { validatePlaybookFile } from '../../src/playbook/validate.js';
import { runCli } from '../e2e/helpers.js';
import { seededRng, seedFrom, type Rng } from '../helpers/prng.js';

const SEED = seedFrom('FUZZ_SEED', 0xc0ffee);
/**
 * 60 cases keep `npm test` quick and still cover every mutation kind (each comes first in at least
 * 4 cases, see makeMutant) on every built-in playbook (10 cases each); FUZZ_CASES=5000 (or more)
 * for a deep run before a release.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 60);
/**
 * A hang guard, not a benchmark: one file taking this long is stuck. Generous, because a busy
 * 2-core machine makes an ordinary case take seconds.
 */
const CASE_LIMIT_MS = 20_000;
const STACK = /\n\s+at .+:\d+:\d+|^\s*at .+:\d+:\d+/m;
const NOW = new Date('2026-11-21T09:05:00+01:00');

const BUILT_INS = readdirSync(resolve('playbooks'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, text: readFileSync(resolve('playbooks', name), 'utf8') }));

const work = mkdtempSync(join(tmpdir(), 'crisis-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---- what gets injected ----------------------------------------------------

const HANDLEBARS = [
  '{{',
  '}}',
  '{{brand',
  '{{#if brand}}',
  '{{/each}}',
  '{{#each this}}{{@key}}{{/each}}',
  '{{> partial}}',
  '{{{brand}}',
  '{{!-- never closed',
  '{{constructor.constructor "return process"}}',
  '{{lookup this "__proto__"}}',
  '{{#with}}{{/with}}',
  '{{unknown_helper brand}}',
  '{{brand.}}',
  '{{../../..}}',
  '{{else}}',
  '\\{{brand}}',
  '{{#each}}',
];

const YAML_SNIPPETS = [
  '&a ',
  '*a',
  '*nowhere',
  '? ',
  '- ',
  ': ',
  ':',
  '!!binary ',
  '!!js/function ',
  '!custom ',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '\t',
  '{',
  '[',
  ']',
  '}',
  '"',
  "'",
  '|',
  '>',
  '#',
  '@',
  '`',
  '<<: *a\n',
  '__proto__: x\n',
  'constructor: { prototype: 1 }\n',
  '\ufeff',
  '\r',
  '\u2028',
  'a: &x [*x]\n',
  `${'['.repeat(200)}${']'.repeat(200)}`,
  `${'- '.repeat(120)}x\n`,
  `l: &l0 [x, x]\n${Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}, *l${i}, *l${i}]`).join('\n')}\n`,
  `${'x'.repeat(20_000)}`,
  '1e999',
  '0x1F',
  '.nan',
  '~',
  '2026-13-45T99:99:99Z',
];

function randomValue(rng: Rng): unknown {
  switch (rng.int(0, 15)) {
    case 0:
      return rng.int(-5, 5000);
    case 1:
      return rng.chance(0.5);
    case 2:
      return null;
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return 'x'.repeat(rng.int(0, 5000));
    case 6:
      return rng.pick(HANDLEBARS);
    case 7:
      return -0.5;
    case 8:
      return ['a', { b: [1, null] }];
    case 9:
      return { prompt: 1, required: 'maybe', format: 'carrier-pigeon' };
    case 10:
      return '99h99m';
    case 11:
      return '__proto__';
    case 12:
      return new Date('2026-11-21T09:05:00Z');
    case 13:
      return Number.POSITIVE_INFINITY;
    case 14:
      return 'NOT-an-id!';
    default:
      return '';
  }
}

const KEY_NAMES = ['titel', 'id', 'steps', 'phases', '__proto__', 'constructor', 'prototype', 'Owner', 'when', 'goto', 'repeat', 'save_as', '', 'x-y', '123', 'on_no', 'channels', 'default'];

// ---- mutations -------------------------------------------------------------

type Mutation = (input: { doc: Document; text: string }, rng: Rng) => { doc?: Document; text?: string; what: string };

function pairsOf(doc: Document): Pair[] {
  const pairs: Pair[] = [];
  visit(doc, {
    Pair(_, pair) {
      pairs.push(pair as Pair);
    },
  });
  return pairs;
}

function collectionsOf(doc: Document): Array<YAMLMap | YAMLSeq> {
  const found: Array<YAMLMap | YAMLSeq> = [];
  visit(doc, {
    Map(_, node) {
      found.push(node);
    },
    Seq(_, node) {
      found.push(node);
    },
  });
  return found;
}

function scalarsOf(doc: Document): Scalar[] {
  const found: Scalar[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string') found.push(node);
    },
  });
  return found;
}

const keyName = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : '?');

const MUTATIONS: Record<string, Mutation> = {
  deleteKey: ({ doc }, rng) => {
    const pairs = pairsOf(doc);
    if (!pairs.length) return { doc, what: 'deleteKey (none)' };
    const victim = rng.pick(pairs);
    visit(doc, {
      Pair(_, pair) {
        if (pair === victim) return visit.REMOVE;
        return undefined;
      },
    });
    return { doc, what: `deleteKey ${keyName(victim)}` };
  },
  deleteItem: ({ doc }, rng) => {
    const seqs = collectionsOf(doc).filter((c): c is YAMLSeq => isSeq(c) && c.items.length > 0);
    if (!seqs.length) return { doc, what: 'deleteItem (none)' };
    const seq = rng.pick(seqs);
    seq.items.splice(rng.int(0, seq.items.length - 1), 1);
    return { doc, what: 'deleteItem' };
  },
  duplicateItem: ({ doc }, rng) => {
    const seqs = collectionsOf(doc).filter((c): c is YAMLSeq => isSeq(c) && c.items.length > 0);
    if (!seqs.length) return { doc, what: 'duplicateItem (none)' };
    const seq = rng.pick(seqs);
    const item = seq.items[rng.int(0, seq.items.length - 1)] as Node;
    seq.items.splice(rng.int(0, seq.items.length), 0, 'clone' in item && typeof item.clone === 'function' ? item.clone() : item);
    return { doc, what: 'duplicateItem' };
  },
  swapValues: ({ doc }, rng) => {
    const pairs = pairsOf(doc);
    if (pairs.length < 2) return { doc, what: 'swapValues (none)' };
    const a = rng.pick(pairs);
    const b = rng.pick(pairs);
    if (a === b) return { doc, what: 'swapValues (same)' };
    // a value moved into its own descendant would make a cycle: clone instead
    const av = a.value as Node | null;
    const bv = b.value as Node | null;
    a.value = bv && 'clone' in bv ? (bv as Node & { clone(): Node }).clone() : bv;
    b.value = av && 'clone' in av ? (av as Node & { clone(): Node }).clone() : av;
    return { doc, what: `swapValues ${keyName(a)}<->${keyName(b)}` };
  },
  retype: ({ doc }, rng) => {
    const pairs = pairsOf(doc);
    if (!pairs.length) return { doc, what: 'retype (none)' };
    const p = rng.pick(pairs);
    const value = randomValue(rng);
    p.value = doc.createNode(value);
    return { doc, what: `retype ${keyName(p)}=${JSON.stringify(value)?.slice(0, 30)}` };
  },
  renameKey: ({ doc }, rng) => {
    const pairs = pairsOf(doc);
    if (!pairs.length) return { doc, what: 'renameKey (none)' };
    const p = rng.pick(pairs);
    const name = rng.pick(KEY_NAMES);
    const old = keyName(p);
    p.key = doc.createNode(name);
    return { doc, what: `renameKey ${old}->${name}` };
  },
  retypeItem: ({ doc }, rng) => {
    const seqs = collectionsOf(doc).filter((c): c is YAMLSeq => isSeq(c) && c.items.length > 0);
    if (!seqs.length) return { doc, what: 'retypeItem (none)' };
    const seq = rng.pick(seqs);
    seq.items[rng.int(0, seq.items.length - 1)] = doc.createNode(randomValue(rng));
    return { doc, what: 'retypeItem' };
  },
  injectHandlebars: ({ doc }, rng) => {
    const scalars = scalarsOf(doc);
    if (!scalars.length) return { doc, what: 'injectHandlebars (none)' };
    const s = rng.pick(scalars);
    const text = String(s.value);
    const at = rng.int(0, text.length);
    const fragment = rng.pick(HANDLEBARS);
    s.value = text.slice(0, at) + fragment + text.slice(at);
    return { doc, what: `injectHandlebars ${JSON.stringify(fragment)}` };
  },
  cutFile: ({ text }, rng) => {
    const at = rng.int(0, text.length);
    return { text: text.slice(0, at), what: `cutFile at ${at}` };
  },
  deleteLines: ({ text }, rng) => {
    const lines = text.split('\n');
    const start = rng.int(0, lines.length - 1);
    const count = rng.int(1, 5);
    lines.splice(start, count);
    return { text: lines.join('\n'), what: `deleteLines ${start + 1}+${count}` };
  },
  swapLines: ({ text }, rng) => {
    const lines = text.split('\n');
    const a = rng.int(0, lines.length - 1);
    const b = rng.int(0, lines.length - 1);
    [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
    return { text: lines.join('\n'), what: `swapLines ${a + 1}<->${b + 1}` };
  },
  reindent: ({ text }, rng) => {
    const lines = text.split('\n');
    const i = rng.int(0, lines.length - 1);
    const line = lines[i] as string;
    lines[i] = rng.chance(0.5) ? ' '.repeat(rng.int(1, 6)) + line : line.replace(/^ {1,3}/, '');
    return { text: lines.join('\n'), what: `reindent line ${i + 1}` };
  },
  injectYaml: ({ text }, rng) => {
    const snippet = rng.pick(YAML_SNIPPETS);
    // at a line start half the time, anywhere otherwise
    let at = rng.int(0, text.length);
    if (rng.chance(0.5)) at = text.lastIndexOf('\n', at) + 1;
    return { text: text.slice(0, at) + snippet + text.slice(at), what: `injectYaml ${JSON.stringify(snippet.slice(0, 30))} at ${at}` };
  },
  replaceChar: ({ text }, rng) => {
    const at = rng.int(0, Math.max(0, text.length - 1));
    const ch = rng.pick(['\u0000', '\uFFFD', '\u00e9', '\uD800', '😀', ':', '-', '"', "'", '\\', '\u0085', '\u000b']);
    return { text: text.slice(0, at) + ch + text.slice(at + 1), what: `replaceChar ${JSON.stringify(ch)} at ${at}` };
  },
};
const NAMES = Object.keys(MUTATIONS);

// ---- the checks ------------------------------------------------------------

/** Messages that concern the whole file, which has no line to point at (in English, or French for a French playbook). */
const WHOLE_FILE =
  /^(file is empty|file has no content|not a text file|file is [\d.]+ (bytes|kB|MB)|\.\.\. and \d+ more problems|le fichier est vide|le fichier n’a aucun contenu|le fichier fait \S+ |ce n’est pas un fichier texte|… et \d+ autres problèmes)/;

function diagnosticProblems(diagnostics: Diagnostic[], valid: boolean, hasPlaybook: boolean): string[] {
  const problems: string[] = [];
  if (!Array.isArray(diagnostics)) return ['diagnostics is not a list'];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (valid !== (errors.length === 0)) problems.push(`valid=${valid} but ${errors.length} errors`);
  if (valid && !hasPlaybook) problems.push('valid without a playbook');
  for (const d of diagnostics) {
    const m = d.message;
    if (typeof m !== 'string' || m.trim() === '') problems.push(`empty message ${JSON.stringify(d)}`);
    else {
      if (STACK.test(m)) problems.push(`stack trace in message: ${m.slice(0, 200)}`);
      if (m.includes('[object Object]')) problems.push(`[object Object] in message: ${m.slice(0, 200)}`);
      if (/^(undefined|null|NaN|Error|TypeError)\.?$/.test(m.trim())) problems.push(`meaningless message: ${m}`);
      if (/\b(is not a function|Cannot read properties of|Maximum call stack)\b/.test(m)) problems.push(`internal error leaked: ${m.slice(0, 200)}`);
    }
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`bad severity ${String(d.severity)}`);
    if (d.severity === 'error' && !WHOLE_FILE.test(m)) {
      if (!Number.isInteger(d.line) || (d.line as number) < 1 || !Number.isInteger(d.col) || (d.col as number) < 1) {
        problems.push(`error without a line and column: ${m.slice(0, 200)}`);
      }
    }
  }
  return problems;
}

interface Failure {
  caseId: string;
  file: string;
  what: string[];
  problems: string[];
}

interface Mutant {
  caseId: string;
  file: string;
  what: string[];
  text: string;
}

/**
 * Case `n`: built-in playbook n mod 6, its first mutation the kind n mod 14 (so that, whatever the
 * seed, every 14 cases try every kind and every 6 every file), then up to two more at random.
 */
function makeMutant(n: number, rng: Rng, bases: Array<{ name: string; text: string; doc: Document }>): Mutant {
  const base = bases[n % bases.length] as (typeof bases)[number];
  let doc: Document | undefined = base.doc.clone();
  let text = base.text;
  const what: string[] = [];
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? (NAMES[n % NAMES.length] as string) : rng.pick(NAMES);
    const mutation = MUTATIONS[name] as Mutation;
    // text mutations work on the current text; document ones need a document of it
    if (['cutFile', 'deleteLines', 'swapLines', 'reindent', 'injectYaml', 'replaceChar'].includes(name)) {
      if (doc) text = doc.toString({ lineWidth: 0 });
      doc = undefined;
      const out = mutation({ doc: base.doc, text }, rng);
      text = out.text ?? text;
      what.push(out.what);
    } else {
      if (!doc) {
        const reparsed = parseDocument(text, { uniqueKeys: false });
        if (reparsed.errors.length || !isMap(reparsed.contents)) {
          what.push(`${name} (skipped: text no longer parses)`);
          continue;
        }
        doc = reparsed;
      }
      const out = mutation({ doc, text }, rng);
      what.push(out.what);
    }
  }
  if (doc) text = doc.toString({ lineWidth: 0 });
  const dir = join(work, `case-${n}`);
  mkdirSync(dir);
  return { caseId: `case ${n} (${base.name})`, file: join(dir, base.name), what, text };
}

describe('mutated built-in playbooks', () => {
  const stats = { valid: 0, invalid: 0, slowestMs: 0 };
  const failures: Failure[] = [];
  const invalidSamples: Mutant[] = [];

  it(`${CASES} mutants: each is valid or fails with positioned, readable errors; none throws or hangs`, async () => {
    expect(BUILT_INS.length).toBe(6);
    const rng = seededRng(SEED);
    console.log(`playbook fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${CASES} cases`);
    const bases = BUILT_INS.map((b) => ({ ...b, doc: parseDocument(b.text) }));
    for (let n = 0; n < CASES; n++) {
      const mutant = makeMutant(n, rng, bases);
      writeFileSync(mutant.file, mutant.text, 'utf8');
      const t0 = performance.now();
      let problems: string[];
      try {
        const result = await validatePlaybookFile(mutant.file, { now: NOW });
        problems = diagnosticProblems(result.diagnostics, result.valid, result.playbook !== undefined);
        if (result.valid) stats.valid++;
        else {
          stats.invalid++;
          if (invalidSamples.length < 12 && n % 5 === 0) invalidSamples.push(mutant);
        }
        // the loader alone (what start and show use), on a sample: validate runs it on every case
        if (n % 10 === 0) {
          const loaded = await loadPlaybookFile(mutant.file);
          problems.push(...diagnosticProblems(loaded.diagnostics, loaded.playbook !== undefined, loaded.playbook !== undefined));
        }
      } catch (error) {
        problems = [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
      }
      const ms = performance.now() - t0;
      stats.slowestMs = Math.max(stats.slowestMs, ms);
      if (ms > CASE_LIMIT_MS) problems.push(`took ${Math.round(ms)} ms (hang guard ${CASE_LIMIT_MS} ms)`);
      if (problems.length) failures.push({ caseId: mutant.caseId, file: mutant.file, what: mutant.what, problems });
      else rmSync(join(work, `case-${n}`), { recursive: true });
    }
    console.log(`playbook fuzz: ${stats.valid} valid, ${stats.invalid} invalid, slowest case ${Math.round(stats.slowestMs)} ms, ${failures.length} failures`);
    // failing mutants are kept in the temp folder until the end of the run, to look at
    expect(failures.slice(0, 10), `seed ${SEED}: ${failures.length} failing cases`).toEqual([]);
  }, 600_000);

  it('the built crisis validate exits 1 on invalid mutants with file:line:col and no stack trace', async () => {
    expect(invalidSamples.length).toBeGreaterThanOrEqual(6);
    const samples = invalidSamples.slice(0, 8);
    for (const m of samples) {
      mkdirSync(join(m.file, '..'), { recursive: true });
      writeFileSync(m.file, m.text, 'utf8');
    }
    // one process checks them all, as `crisis validate a.yaml b.yaml ...` does: each file named with its problems
    const r = await runCli(['validate', ...samples.map((m) => m.file)], { timeout: 30_000 });
    const label = samples.map((m) => `${m.caseId}: ${m.what.join(', ')}`).join('\n');
    expect(r.timedOut, label).toBe(false);
    expect(r.code, `${label}\n${r.stdout}${r.stderr}`).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out, label).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(out, label).not.toContain('unexpected error');
    for (const m of samples) {
      const escaped = m.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(out, `${m.caseId}: ${m.what.join(', ')}`).toMatch(new RegExp(`^${escaped}(:\\d+:\\d+)?: (?!warning: )`, 'm'));
    }
  }, 120_000);
});

describe('files that are not playbooks at all', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   \n\n'],
    ['only a comment', '# nothing\n'],
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
    ['two documents', 'format: 1\n---\nformat: 1\n'],
    ['NUL bytes', 'format: 1\0\n'],
    ['a billion laughs', YAML_SNIPPETS.find((s) => s.startsWith('l: &l0')) as string],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['deep block nesting', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
    ['a recursive alias', 'a: &x [*x]\n'],
    ['prototype keys', '__proto__: { polluted: true }\nconstructor: 1\nformat: 1\n'],
    ['prototype names as values', BUILT_INS[0]?.text.replace(/^(\s+)(format|type|owner|announce|update_every|due): \S+$/gm, '$1$2: __proto__') ?? ''],
    ['a variable format named after an Object method', 'format: 1\nid: x\nlang: en\ntitle: X\nvariables:\n  a: { prompt: A, format: toString, example: b }\n  b: { prompt: B, format: __proto__, default: c }\n  c: { prompt: C, format: constructor }\n'],
  ])('%s: an error, positioned when there is a place to point at', async (_name, text) => {
    const file = join(work, `special-${_name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text, 'utf8');
    const result = await validatePlaybookFile(file, { now: NOW });
    expect(result.valid).toBe(false);
    expect(diagnosticProblems(result.diagnostics, result.valid, false)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('invalid UTF-8 bytes are refused as not text', async () => {
    const file = join(work, 'latin1.yaml');
    writeFileSync(file, Buffer.from([0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x3a, 0x20, 0x31, 0x0a, 0xe9, 0xff, 0x0a]));
    const result = await validatePlaybookFile(file, { now: NOW });
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]?.message).toMatch(/not a text file/);
  });
});
