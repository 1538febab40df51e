process.env.TZ = 'UTC';
/**
 * The one template engine: every unknown name is an error at its line, in
 * any position; helpers check their arguments; built-ins a template has no
 * use for are gone; `{{this}}` never prints a whole context.
 */
import { describe, expect, it } from 'vitest';
import { HELPERS } from '../../src/messages/helpers.js';
import { runTemplate } from '../../src/messages/template.js';
import { declare, TemplateError, templateEngine } from '../../src/template/engine.js';

const ctx = { lang: 'en', now: new Date('2026-11-21T10:00:00Z'), detectedAt: new Date('2026-11-21T09:00:00Z'), severities: [] };
const view = () => ({ brand: 'Acme', count: 3, items: ['a', 'b'], rows: [{ n: 'x' }], incident: { id: 'i', detected_at: '2026-11-21T09:00:00Z' } });

function failure(source: string, v: object = view()): TemplateError {
  try {
    runTemplate(source, v, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error(`rendered: ${source}`);
}

describe('unknown names are errors in every position', () => {
  it.each([
    ['{{brnad}}', 'brnad'],
    ['{{#if brnad}}x{{/if}}', 'brnad'],
    ['{{#unless brnad}}x{{/unless}}', 'brnad'],
    ['{{#each brnad}}x{{/each}}', 'brnad'],
    ['{{#with brnad}}x{{/with}}', 'brnad'],
    ['{{#each rows}}{{brnad}}{{/each}}', 'brnad'],
    ['{{time incident.resolved_at}}', 'incident.resolved_at'],
    ['{{incident.brnad}}', 'incident.brnad'],
    ['{{list brnad}}', 'brnad'],
  ])('%s', (source, name) => {
    const error = failure(source);
    expect(error.variable).toBe(name);
    expect(error.message).toContain(`"${name}"`);
  });

  it('names the line in a template of several lines', () => {
    expect(failure('Hello\n\n{{#if brnad}}x{{/if}}').message).toMatch(/"brnad" is not defined \(line 3\)/);
    expect(failure('a\n{{date 1 2 3}}').line).toBe(2);
  });

  it('lets a declared but unset name be tested, never printed', () => {
    const v = declare(view(), ['answer']);
    expect(runTemplate('{{#if answer}}yes{{else}}not yet{{/if}}', v, ctx)).toBe('not yet');
    expect(failure('{{answer}}', v).variable).toBe('answer');
    expect(failure('{{time answer}}', v).message).toMatch(/variable "answer" is not defined \(used in \{\{time\}\}\)/);
  });
});

describe('what a template cannot say', () => {
  it.each([
    ['{{lookup this "brnad"}}', /"lookup" is not available/],
    ['{{log brand}}', /"log" is not available/],
    ['{{helperMissing}}', /"helperMissing" is not defined/],
    ['{{blockHelperMissing brand}}', /not available/],
    ['{{this}}', /whole context/],
    ['{{.}}', /whole context/],
    ['{{#each this}}x{{/each}}', /whole context/],
    ['{{#each rows}}{{this}}{{/each}}', /group of values/],
    ['{{incident}}', /group of values/],
    ['{{brand.x}}', /plain value/],
    ['{{date 1 2 3}}', /\{\{date\}\} takes at most 1 argument, not 3/],
    ['{{date 1}}', /not a date/],
    ['{{relative}}', /takes 1 argument/],
    ['{{list items type="xor"}}', /type must be "and" or "or"/],
    ['{{brand x}}', /not a helper/],
    ['{{#brand}}x{{/brand}}', /not a block/],
    ['{{> partial}}', /partials/],
    ['{{@root.brand}}', /not available/],
    ['{{if}}', /opens a block/],
    ['{{#if}}', /syntax error/],
  ])('%s', (source, message) => {
    expect(failure(source).message).toMatch(message);
  });

  it('{{123}} is not a name, and suggests no --var', () => {
    const error = failure('{{123}}');
    expect(error.message).toMatch(/not a name/);
    expect(error.variable).toBeUndefined();
  });

  it('writes nothing to stdout, whatever the template', () => {
    const writes: unknown[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown) => writes.push(chunk) > 0) as typeof process.stdout.write;
    try {
      for (const source of ['{{log brand}}', '{{log "x" level="error"}}']) failure(source);
    } finally {
      process.stdout.write = original;
    }
    expect(writes).toEqual([]);
  });
});

describe('what a template can say', () => {
  it.each([
    ['Hi {{brand}} ({{count}})', 'Hi Acme (3)'],
    ['{{#each items}}{{@index}}:{{this}};{{/each}}', '0:a;1:b;'],
    ['{{#each rows}}[{{n}} {{../brand}}]{{/each}}', '[x Acme]'],
    ['{{#each rows as |row|}}{{row.n}}{{/each}}', 'x'],
    ['{{#with incident}}{{id}}{{/with}}', 'i'],
    ['{{list items type="or"}}', 'a or b'],
    ['{{time incident.detected_at}}, {{elapsed}}', '09:00, 1 hour'],
    ['{{#if brand}}{{brand}}{{else}}none{{/if}}', 'Acme'],
  ])('%s', (source, expected) => {
    expect(runTemplate(source, view(), ctx)).toBe(expected);
  });

  it('escapes HTML only when asked (the status page)', () => {
    const engine = templateEngine(HELPERS);
    const v = { brand: '<b>A&B</b>' };
    expect(engine.render('{{brand}}', v)).toBe('<b>A&B</b>');
    expect(engine.render('{{brand}}', v, { escape: true })).toBe('&lt;b&gt;A&amp;B&lt;/b&gt;');
  });
});

describe('a misspelt variable', () => {
  it('gets a did-you-mean among the fields next to it', () => {
    const engine = templateEngine({});
    const message = (source: string): string => {
      try {
        engine.render(source, { brand: 'Acme', incident: { id: 'i', detected_at: '2026-11-21T09:05:00Z' } });
      } catch (error) {
        return (error as TemplateError).message;
      }
      return '';
    };
    expect(message('{{brnd}} is down')).toContain('variable "brnd" is not defined (did you mean "brand"?)');
    expect(message('{{incident.detected}}')).toContain('(did you mean "incident.detected_at"?)');
    expect(message('{{zzzzzz}}')).not.toContain('did you mean');
  });
});

describe('a template compiled ahead (the built-in report and timeline)', () => {
  const source = '{{brand}}\n{{#each rows}}{{n}}: {{list items}}, {{../brand}}\n{{/each}}';
  const compiledAt = (text: string) => templateEngine(HELPERS).precompile(text);
  const message = (render: () => string): string => {
    try {
      render();
    } catch (error) {
      return (error as TemplateError).message;
    }
    return '';
  };

  it('renders what the text compiled at run time renders, from the code given for that very text', () => {
    const code = compiledAt(source);
    expect(code).toBeDefined();
    let asked = 0;
    const ahead = templateEngine(HELPERS, (text, escape) => {
      asked++;
      return text === source && !escape ? code : undefined;
    });
    const v = { ...view(), rows: [{ n: 'x', items: ['a', 'b'] }], brand: 'Acme' };
    expect(ahead.render(source, v, { data: { crisis: ctx } })).toBe(templateEngine(HELPERS).render(source, v, { data: { crisis: ctx } }));
    expect(ahead.render(source, v, { data: { crisis: ctx } })).toBe('Acme\nx: a and b, Acme\n');
    expect(asked).toBe(1);
    // another text is compiled as usual
    expect(ahead.render('{{brand}}', v)).toBe('Acme');
  });

  it('fails as the text compiled at run time does, naming the field and its line', () => {
    const bad = 'Title\n{{#each rows}}{{brnd}}{{/each}}';
    const ahead = templateEngine({}, (text) => (text === bad ? compiledAt(bad) : undefined));
    const v = { brand: 'Acme', rows: [{ brand: 'x' }] };
    const expected = message(() => templateEngine({}).render(bad, v));
    expect(expected).toContain('"brnd"');
    expect(message(() => ahead.render(bad, v))).toBe(expected);
  });

  it('gives no code for a text with a problem', () => {
    expect(compiledAt('{{#each}}')).toBeUndefined();
    expect(compiledAt('{{nosuchhelper x}}')).toBeUndefined();
  });
});
