import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../src/incident/events.js';
import { foldEvents } from '../../src/incident/state.js';
import { buildPageModel, componentName, severityIndicator, type PageInput } from '../../src/page/model.js';
import { renderPageFiles } from '../../src/page/render.js';
import type { PageConfig } from '../../src/page/config.js';
import { pageIncident, pagePlaybook } from '../fixtures/page/incidents.js';

const TEMPLATE = readFileSync(new URL('../../templates/page.html.hbs', import.meta.url), 'utf8');
const SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/page/summary.schema.json', import.meta.url), 'utf8')) as object;

function input(current: IncidentEvent[], others: IncidentEvent[][] = [], config: PageConfig = {}, lang: 'en' | 'fr' = 'en'): PageInput {
  return {
    current: { state: foldEvents(current), playbook: pagePlaybook(lang) },
    others: others.map((events) => ({ state: foldEvents(events), playbook: pagePlaybook(lang) })),
    config,
  };
}

function render(current: IncidentEvent[], others: IncidentEvent[][] = [], config: PageConfig = {}, lang: 'en' | 'fr' = 'en', zone = 'Europe/Paris') {
  return renderPageFiles(input(current, others, config, lang), zone, TEMPLATE);
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

const summaryOf = (files: { 'summary.json': string }) => JSON.parse(files['summary.json']) as Record<string, any>;

describe('the status page model', () => {
  it('names each way to reach us from its option label, made to head a line of its own', () => {
    const en = ['at help@acme.example', 'on +1\u00a0212\u00a0555\u00a00142', "via our website's contact form", 'in a private message', 'our shop'];
    expect(en.map((l) => componentName(l, 'en'))).toEqual(['help@acme.example', '+1\u00a0212\u00a0555\u00a00142', "Our website's contact form", 'A private message', 'Our shop']);
    const fr = ['à aide@acme.fr', 'au 01\u00a023\u00a045\u00a067\u00a089', 'par le formulaire de notre site', 'sur notre WhatsApp de secours, +33 6 12 34 56 78', 'par message privé'];
    expect(fr.map((l) => componentName(l, 'fr'))).toEqual(['aide@acme.fr', '01\u00a023\u00a045\u00a067\u00a089', 'Le formulaire de notre site', 'Notre WhatsApp de secours, +33 6 12 34 56 78', 'Message privé']);
    // a label of one word keeps it, even a preposition
    expect(componentName('via', 'en')).toBe('Via');
  });

  it('shows an open incident: platform down, alternatives working, website and status page updates, next update', () => {
    const model = buildPageModel(input(pageIncident()));
    expect(model.indicator).toBe('major');
    expect(model.name).toBe('Acme');
    expect(model.components.map((c) => [c.name, c.status])).toEqual([
      ['Facebook Messenger', 'major_outage'],
      ['E-mail at help@acme.example', 'operational'],
      ['Phone', 'operational'],
    ]);
    // the 09:31 announcement went to both page channels: one update, with the status page's text; x is left out
    expect(model.active?.updates.map((u) => [u.at, u.body])).toEqual([
      ['2026-11-21T10:20:00.000Z', 'Messenger is down. Write to us. (2)'],
      ['2026-11-21T09:31:00.000Z', 'Messenger is down. Write to us. (status page)'],
    ]);
    expect(model.active?.status).toBe('identified');
    expect(model.nextUpdateAt).toBe('2026-11-21T11:20:00.000Z');
    expect(model.history).toEqual([]);
  });

  it("shows the current public message from another channel when nothing was posted on the page's own", async () => {
    const elsewhere = pageIncident().filter((e) => !(e.type === 'message_posted' && (e.channel === 'website' || e.channel === 'status_page')));
    const model = buildPageModel(input(elsewhere));
    expect(model.active?.updates).toEqual([]);
    // the latest public post: the 10:20 update, also posted on X
    expect(model.elsewhere).toEqual({ body: 'Messenger is down. Write to us. (2)', at: '2026-11-21T10:20:00.000Z' });
    const html = render(elsewhere)['index.html'];
    expect(html).toMatch(/<h3>Latest news<\/h3>\n<p class="meta"><time datetime="2026-11-21T11:20:00\+01:00">[^<]+<\/time><\/p>\n<p class="body">Messenger is down\. Write to us\. \(2\)<\/p>/);
    expect(await htmlErrors(html)).toEqual([]);
    // with an update on the page's channels, that update is the current message
    expect(buildPageModel(input(pageIncident())).elsewhere).toBeNull();
  });

  it('maps phases to statuses by stage and a resolved incident to resolved, all channels working', () => {
    const model = buildPageModel(input(pageIncident({ resolved: true })));
    expect(model.active).toBeNull();
    expect(model.indicator).toBe('none');
    expect(model.components.every((c) => c.status === 'operational')).toBe(true);
    const [incident] = model.history;
    expect(incident?.status).toBe('resolved');
    expect(incident?.resolvedAt).toBe('2026-11-21T11:00:00.000Z');
    expect(incident?.updates.map((u) => u.status)).toEqual(['resolved', 'identified', 'identified']);
    expect(model.nextUpdateAt).toBeNull();
  });

  it('an open incident that is not confirmed yet is investigating, with a minor indicator before any severity', () => {
    const events = pageIncident().filter((e) => e.seq <= 2);
    const model = buildPageModel(input(events));
    expect(model.active?.status).toBe('investigating');
    expect(model.indicator).toBe('minor');
  });

  it('never shows a false alarm or a drill, and keeps 90 days of resolved incidents', () => {
    const falseAlarm = pageIncident({ falseAlarm: true, id: 'false-one', date: '2026-11-20' });
    const drill = pageIncident({ drill: true, resolved: true, id: 'drill-one', date: '2026-11-19' });
    const recent = pageIncident({ resolved: true, id: 'recent', date: '2026-10-01' });
    const old = pageIncident({ resolved: true, id: 'old', date: '2026-08-01' });
    const model = buildPageModel(input(pageIncident(), [falseAlarm, drill, recent, old]));
    expect(model.history.map((h) => h.id)).toEqual(['recent']);
    const alone = buildPageModel(input(falseAlarm, [recent]));
    expect(alone.active).toBeNull();
    expect(alone.indicator).toBe('none');
    expect(alone.history.map((h) => h.id)).toEqual(['recent']);
    expect(render(falseAlarm)['summary.json']).not.toContain('false-one');
  });

  it('lists the alternatives saved as `alternatives` whatever the phase that asks for them', () => {
    const playbook = pagePlaybook();
    const redirect = playbook.phases.find((p) => p.id === 'redirect');
    const communicate = playbook.phases.find((p) => p.id === 'communicate');
    const step = redirect?.steps.shift();
    if (!step || !communicate) throw new Error('the page playbook has a redirect and a communicate phase');
    communicate.steps.unshift(step);
    const events = pageIncident().map((e) => (e.type === 'step_answered' && e.step === 'alternatives' ? { ...e, phase: 'communicate' } : e));
    const model = buildPageModel({ current: { state: foldEvents(events), playbook }, others: [], config: {} });
    expect(model.components.map((c) => [c.name, c.status])).toEqual([
      ['Facebook Messenger', 'major_outage'],
      ['E-mail at help@acme.example', 'operational'],
      ['Phone', 'operational'],
    ]);
    // a question of the redirect phase saved under another name is not a way to reach the team
    const other = pagePlaybook();
    const renamed = other.phases.find((p) => p.id === 'redirect')?.steps[0];
    if (renamed && 'save_as' in renamed) renamed.save_as = 'pinned_channels';
    const without = buildPageModel({ current: { state: foldEvents(pageIncident()), playbook: other }, others: [], config: {} });
    expect(without.components.map((c) => c.name)).toEqual(['Facebook Messenger']);
  });

  it('takes its components from config.yaml when it lists some', () => {
    const model = buildPageModel(
      input(pageIncident(), [], {
        name: 'Acme Shop',
        components: [
          { id: 'messenger', name: 'Messenger', affected: true },
          { id: 'email', name: 'E-mail', affected: false },
        ],
      }),
    );
    expect(model.name).toBe('Acme Shop');
    expect(model.components.map((c) => [c.id, c.status])).toEqual([
      ['messenger', 'major_outage'],
      ['email', 'operational'],
    ]);
  });

  it('turns severities into Statuspage impacts by id, else by rank', () => {
    const playbook = pagePlaybook();
    expect(severityIndicator(playbook, 'major')).toBe('major');
    const ranked = { ...playbook, severities: [{ id: 'low', title: 'Low' }, { id: 'mid', title: 'Mid' }, { id: 'high', title: 'High' }] };
    expect(['low', 'mid', 'high'].map((s) => severityIndicator(ranked, s))).toEqual(['minor', 'major', 'critical']);
    expect(severityIndicator(ranked, undefined)).toBe('minor');
  });
});

describe('the status page files', () => {
  it('writes summary.json in the shape of the spec, times with the zone offset', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(SCHEMA);
    for (const files of [render(pageIncident()), render(pageIncident({ resolved: true }), [pageIncident({ resolved: true, id: 'older', date: '2026-10-02' })])]) {
      const summary = summaryOf(files);
      expect(validate(summary), ajv.errorsText(validate.errors)).toBe(true);
    }
    const summary = summaryOf(render(pageIncident()));
    expect(summary.page).toMatchObject({ name: 'Acme', time_zone: 'Europe/Paris' });
    expect(summary.status).toEqual({ indicator: 'major', description: 'One of our channels is down' });
    expect(summary.incidents[0]).toMatchObject({ status: 'identified', impact: 'major', created_at: '2026-11-21T10:05:00+01:00', resolved_at: null });
  });

  it('writes HTML that passes html-validate with no error, in English and French, open and resolved', async () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const resolved of [false, true]) {
        const files = render(pageIncident({ lang, resolved }), [pageIncident({ lang, resolved: true, id: 'older', date: '2026-10-02' })], {}, lang);
        expect(await htmlErrors(files['index.html'])).toEqual([]);
        expect(files['index.html']).toContain(`<html lang="${lang}">`);
      }
    }
  });

  it('shows times in the incident zone and names it once, whatever the zone given to the machine', () => {
    const paris = render(pageIncident())['index.html'];
    expect(paris).toContain('Europe/Paris, UTC+01:00');
    expect(paris).toMatch(/<time datetime="2026-11-21T12:20:00\+01:00">21 Nov 2026, 12:20<\/time>/);
    const newYork = render(pageIncident(), [], {}, 'en', 'America/New_York')['index.html'];
    expect(newYork).toContain('America/New_York, UTC-05:00');
    expect(newYork).toContain('21 Nov 2026, 06:20');
    const fr = render(pageIncident({ lang: 'fr' }), [], {}, 'fr')['index.html'];
    expect(fr).toContain('21 nov. 2026, 12:20');
    // French typography: a no-break space before the colon
    expect(fr).toContain('<strong>Prochaine mise à jour</strong>\u202f: <time datetime="2026-11-21T12:20:00+01:00">');
    expect(fr).toContain('Fuseau horaire\u202f: Europe/Paris, UTC+01:00');
    expect(paris).toContain('<strong>Next update</strong>: <time');
  });

  it('writes an Atom feed that parses as XML, one entry per update, ids unchanged when an update is added', () => {
    const before = render(pageIncident());
    expect(XMLValidator.validate(before['feed.atom'])).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
    const ids = (xml: string) => (parser.parse(xml).feed.entry as Array<{ id: string }>).map((e) => e.id);
    const first = ids(before['feed.atom']);
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    for (const id of first) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const after = ids(render(pageIncident({ resolved: true }))['feed.atom']);
    expect(after).toHaveLength(3);
    expect(after.slice(1)).toEqual(first);
  });

  it('gives the same bytes when built again from the same log', () => {
    const a = render(pageIncident(), [pageIncident({ resolved: true, id: 'older', date: '2026-10-02' })]);
    const b = render(pageIncident(), [pageIncident({ resolved: true, id: 'older', date: '2026-10-02' })]);
    expect(b).toEqual(a);
  });

  it('escapes hostile values in the HTML, the feed and the JSON', async () => {
    const brand = '<script>alert(1)</script> & "Co"';
    const text = '<img src=x onerror=alert(1)> & </p><h1>fake</h1> {{brand}}';
    const files = render(pageIncident({ brand, text }), [], { url: 'javascript:alert(1)' });
    const html = files['index.html'];
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<h1>fake');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &lt;/p&gt;&lt;h1&gt;fake&lt;/h1&gt; {{brand}}');
    expect(await htmlErrors(html)).toEqual([]);
    expect(XMLValidator.validate(files['feed.atom'])).toBe(true);
    const feed = new XMLParser({ processEntities: true, isArray: (name) => name === 'entry' }).parse(files['feed.atom']);
    expect(feed.feed.author.name).toBe(brand);
    expect(String(feed.feed.entry[1].content['#text'] ?? feed.feed.entry[1].content)).toBe(`${text} (status page)`);
    expect(summaryOf(files).page.name).toBe(brand);
    expect(summaryOf(files).incidents[0].incident_updates[1].body).toBe(`${text} (status page)`);
  });
});
