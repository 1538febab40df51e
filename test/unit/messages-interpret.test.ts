process.env.TZ = 'UTC';

/**
 * The template interpreter gives exactly what Handlebars gives, or gives up:
 * on every template of every built-in playbook, with its example view and
 * with views where values are missing, empty, of another type or nested; and
 * on hand-written templates of every form, supported or not.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderContext } from '../../src/messages/render.js';
import { ENVIRONMENT_HELPERS, environmentHelperNames, plansOf, renderBothWays, runTemplate, TemplateRunError } from '../../src/messages/template.js';
import { exampleView, type View } from '../../src/messages/view.js';
import { loadPlaybookFile } from '../../src/playbook/load.js';
import type { Playbook } from '../../src/playbook/schema.js';

const NOW = new Date('2026-11-21T14:05:00Z');
const DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));

async function builtIns(): Promise<Playbook[]> {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
  const playbooks: Playbook[] = [];
  for (const file of files) {
    const loaded = await loadPlaybookFile(`${DIR}${file}`);
    if (!loaded.playbook) throw new Error(`${file} does not load`);
    playbooks.push(loaded.playbook);
  }
  return playbooks;
}

function templatesOf(playbook: Playbook): string[] {
  const sources: string[] = [];
  for (const message of Object.values(playbook.messages ?? {})) {
    for (const template of Object.values(message.channels)) {
      if (typeof template === 'string') sources.push(template);
      else sources.push(template.subject, template.body);
    }
  }
  for (const phase of playbook.phases) {
    for (const step of phase.steps) for (const option of step.options ?? []) if (typeof option !== 'string') sources.push(option.label);
  }
  return sources;
}

/** Same text when both render; when Handlebars fails, the interpreter must have given up. */
function expectSame(source: string, view: object, ctx: ReturnType<typeof renderContext>): 'interpreted' | 'handlebars' {
  const both = renderBothWays(source, view, ctx);
  if (both.error !== undefined) {
    expect(both.interpreted, `interpreter rendered a template Handlebars rejects: ${source}`).toBeUndefined();
    return 'handlebars';
  }
  if (both.interpreted === undefined) return 'handlebars';
  expect(both.interpreted, source).toBe(both.compiled);
  return 'interpreted';
}

/** Variations of a view: each variable missing, empty, a number, null, an object, a list. */
function variations(view: View): object[] {
  const out: object[] = [];
  const vars = Object.keys(view).filter((k) => typeof (view as Record<string, unknown>)[k] === 'string');
  for (const key of vars.slice(0, 12)) {
    const { [key]: _dropped, ...without } = view as Record<string, unknown>;
    out.push(without);
    for (const value of ['', 42, null, undefined, { nested: 'x' }, ['a', 'b'], () => 'f', '2026-11-21T10:00:00Z', 'not a date']) {
      out.push({ ...view, [key]: value });
    }
  }
  return out;
}

describe('helpers known before Handlebars is loaded', () => {
  it('are exactly the helpers of the Handlebars environment', () => {
    expect(Object.keys(ENVIRONMENT_HELPERS).sort()).toEqual(environmentHelperNames().sort());
  });
});

describe('template interpreter', () => {
  it('renders every built-in template as Handlebars does, and most of them itself', async () => {
    let interpreted = 0;
    let total = 0;
    for (const playbook of await builtIns()) {
      const view = exampleView(playbook, NOW);
      const ctx = renderContext(playbook, { view, now: NOW });
      for (const source of templatesOf(playbook)) {
        // Templates with blocks ({{#if}}) are Handlebars' by design; the rest must mostly be interpreted.
        const simple = !source.includes('{{#');
        if (simple) total++;
        if (expectSame(source, view, ctx) === 'interpreted' && simple) interpreted++;
        // and with each severity chosen, and none with a cadence
        for (const severity of playbook.severities) expectSame(source, view, { ...ctx, severity: severity.id });
        expectSame(source, view, { ...ctx, severities: [] });
        expectSame(source, view, { ...ctx, lang: 'en-US', timeZone: 'America/New_York' });
      }
    }
    expect(total).toBeGreaterThan(150);
    expect(interpreted / total).toBeGreaterThan(0.9);
  });

  it('plans the simplest templates without the parser exactly as from the parsed template', async () => {
    let quick = 0;
    const sources = (await builtIns()).flatMap(templatesOf);
    const handWritten = [
      '',
      'text',
      '{{a}}',
      'x{{a}}y{{b.c}}\nz {{time}} {{list a.b}}\n\n{{date d}}',
      'line 1\nline 2 {{a}}\n  {{b}} end',
      '{{ a }}',
      '{{a }}',
      '{{~a}}',
      '{{{a}}}',
      '\\{{a}}',
      '\\\\{{a}}',
      '{{a b c}}',
      '{{a "b"}}',
      '{{true}}',
      '{{null}}',
      '{{else}}',
      '{{this}}',
      '{{a.this}}',
      '{{a/b}}',
      '{{a.[b]}}',
      '{{@index}}',
      '{{../a}}',
      '{{#if a}}x{{/if}}',
      '{{! note }}',
      '{{> p}}',
      '{{a}',
      'a {{ b',
      '}} stray {{a}} }}',
      '{{a-b}} {{$a}} {{_a.b_c}}',
      '{{time a}} {{next_update}} {{relative a}}',
      '{{log a}}',
      '{{lookup a}}',
      '{{toString}}',
      'nul \0 {{a}}',
      '{{a}}\r\n{{b}}',
      'a\rb {{time c}}\r\n\rd {{list e}}',
    ];
    for (const source of [...sources, ...handWritten]) {
      const plans = plansOf(source);
      if (plans.quick === undefined) continue;
      quick++;
      expect(plans.quick, source).toEqual(plans.parsed);
    }
    expect(quick).toBeGreaterThan(sources.filter((s) => !s.includes('{{#')).length * 0.9);
  });

  it('agrees with Handlebars when variables are missing or of another type', async () => {
    for (const playbook of (await builtIns()).slice(0, 2)) {
      const view = exampleView(playbook, NOW);
      const ctx = renderContext(playbook, { view, now: NOW });
      const sources = [...new Set(templatesOf(playbook))];
      for (const variant of variations(view)) for (const source of sources) expectSame(source, variant, ctx);
    }
  });

  it('agrees with Handlebars on templates of every form', async () => {
    const [playbook] = await builtIns();
    const view = {
      ...exampleView(playbook!, NOW),
      s: 'text',
      empty: '',
      nothing: null,
      undef: undefined,
      n: 3,
      yes: true,
      list: ['a', 'b', 'c'],
      one: ['a'],
      obj: { a: 'x', b: { c: 'deep' }, n: 1, nil: null },
      date: '2026-11-21T09:00:00Z',
      fn: () => 'called',
      'with-dash': 'dash',
    };
    const ctx = renderContext(playbook!, { view: view as unknown as View, now: NOW });
    const sources = [
      '',
      'plain text only',
      '{{s}}',
      '{{{s}}}',
      '{{& s}}',
      '  {{s}}  \n',
      '{{~s~}}  x  {{~s}}',
      '{{! comment }}a{{!-- long --}}b',
      '{{empty}}|{{nothing}}|{{undef}}',
      '{{n}}',
      'x {{n}}',
      '{{yes}}',
      '{{list}}',
      '{{obj}}',
      '{{obj.a}} {{obj.b.c}} {{obj.n}} {{obj.nil}}',
      '{{obj.missing}}',
      '{{obj.b.missing}}',
      '{{obj.a.length}}',
      '{{missing}}',
      '{{missing.deeper}}',
      '{{s.length}}',
      '{{list.length}} {{list.[1]}}',
      '{{with-dash}}',
      '{{fn}}',
      '{{toString}}',
      '{{constructor}}',
      '{{__proto__}}',
      '{{this.s}}',
      '{{./s}}',
      '{{this}}',
      '{{@root.s}}',
      '{{../s}}',
      '{{[s]}}',
      '{{"s"}}',
      '{{time}} {{date}} {{elapsed}} {{next_update}}',
      '{{time date}} {{date date}} {{elapsed date}} {{relative date}}',
      '{{relative}}',
      '{{time s}}',
      '{{time missing}}',
      '{{time obj.missing}}',
      '{{time nothing}}',
      '{{time n}}',
      '{{list list}} {{list one}} {{list s}}',
      '{{list list type="or"}}',
      '{{list}}',
      '{{list missing}}',
      '{{list "a"}}',
      '{{list 3}}',
      '{{time (date date)}}',
      '{{s s}}',
      '{{missing s}}',
      '{{lookup obj "a"}}',
      '{{#if s}}yes{{/if}}',
      '{{#each list}}{{this}}{{/each}}',
      '{{> partial}}',
      '{{s}',
      '{{#if}}',
    ];
    for (const source of sources) {
      expectSame(source, view, ctx);
      // runTemplate itself: the same result or the same error message as Handlebars alone
      const both = renderBothWays(source, view, ctx);
      let text: string | undefined;
      let message: string | undefined;
      try {
        text = runTemplate(source, view, ctx);
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateRunError);
        message = (error as Error).message;
      }
      if (both.error === undefined) expect(text, source).toBe(both.compiled);
      else expect(message, source).toBeDefined();
    }
  });
});
