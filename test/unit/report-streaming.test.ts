process.env.TZ = 'UTC';

/**
 * The report's memory-saving paths give exactly what the plain ones give:
 * templates rendered and tidied in pieces, JSON written in pieces, and an incident picked and read in one pass.
 */
import { readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { writeJsonPieces } from '../../src/commands/report.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, pickIncident, pickIncidentEvents, readEvents } from '../../src/incident/store.js';
import { renderTemplate, renderTemplatePieces, tidy } from '../../src/report/render.js';
import { buildReportData, buildReportView, buildTimelineView } from '../../src/report/view.js';
import { at, falseAlarm, log, openIncident, overMidnight, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';
import { note, opened, tempDirs } from '../helpers/store-fixtures.js';

const template = (name: string): string => readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8');
const now = new Date(at('10:50'));

/** The tidy of before the streaming one, kept as the reference. */
function referenceTidy(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fenceMarker: string | null = null;
  for (const raw of lines) {
    const line: string = fenceMarker ? raw : raw.replace(/[ \t]+$/, '');
    const marker: string | undefined = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMarker) {
      if (marker && marker[0] === fenceMarker[0] && marker.length >= fenceMarker.length && line.trim() === marker) fenceMarker = null;
    } else if (marker) {
      fenceMarker = marker;
    } else if (line === '' && (out.length === 0 || out[out.length - 1] === '')) {
      continue;
    }
    out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** A long incident: many notes, with line breaks, pipes and blank lines in them. */
function longIncident(count: number): IncidentEvent[] {
  const base = resolvedIncident('en');
  const extra = Array.from({ length: count }, (_, i) => ({
    type: 'note' as const,
    at: at(`10:${String(i % 50).padStart(2, '0')}`),
    text: i % 7 === 0 ? `line ${i}\r\n\r\n\nnext | part  ` : i % 11 === 0 ? '```\ncode\n```' : `note ${i} → done`,
  }));
  const notes = log(...extra.map((e) => ({ ...e })));
  const last = base.at(-1)?.seq ?? 0;
  return [...base, ...notes.slice(1).map((e, i) => ({ ...e, seq: last + i + 1 }))].sort((a, b) => a.seq - b.seq);
}

describe('tidy, streamed', () => {
  const samples = [
    '',
    '\n',
    '\n\n\n',
    'a',
    'a\r\nb\rc\n',
    '\r\n\r\nx  \t\n\n\n\ny\n\n',
    '# T\n\n```\n\n\ncode  \n\n```\n\n\nafter\n\n',
    '~~~~\n```\n~~~\n~~~~  \nx\n\n\n',
    '```\nopen fence\n\n\n',
    '   \n\t\nx\r',
  ];
  it('equals the one-pass tidy on every split of tricky texts', () => {
    for (const text of samples) {
      expect(tidy(text)).toBe(referenceTidy(text));
    }
  });

  it('equals the one-pass tidy when the text comes in pieces (a \\r\\n split across two)', () => {
    const view = { rows: ['a\r', '\n', '\r', '\r\n', '', '```', '\n\n', '  x  \n\n\n', '```\n', '\n\nend\r'].map((text) => ({ text })) };
    const source = 'head\n{{#each rows}}{{text}}{{/each}}\ntail  \n\n';
    const pieces = renderTemplatePieces(source, view);
    expect(pieces.join('')).toBe(referenceTidy(pieces.join('')));
  });
});

describe('templates rendered in pieces', () => {
  const cases: Array<[string, IncidentEvent[], 'en' | 'fr', Date]> = [
    ['en, resolved', resolvedIncident('en'), 'en', now],
    ['fr, resolved', resolvedIncident('fr'), 'fr', now],
    ['en, false alarm', falseAlarm(), 'en', now],
    ['en, over midnight', overMidnight(), 'en', new Date(at('02:00', '2026-11-22'))],
    ['fr, open', openIncident(), 'fr', now],
    ['en, long', longIncident(1500), 'en', now],
  ];
  for (const [name, events, lang, when] of cases) {
    it(`give the same report and timeline: ${name}`, () => {
      const playbook = lang === 'fr' ? playbookFr : playbookEn;
      const { view } = buildReportView(events, playbook, { now: when });
      const timelineView = buildTimelineView(events, playbook, { now: when });
      for (const [source, v] of [
        [template(`report.${lang}.md.hbs`), view],
        [template(`timeline.${lang}.md.hbs`), timelineView],
      ] as const) {
        const plain = renderTemplatePieces(source, v);
        expect(plain.join('')).toBe(referenceTidy(plain.join('')));
        expect(renderTemplate(source, v)).toBe(plain.join(''));
      }
    });
  }
});

describe('JSON in pieces', () => {
  const emitted = (value: unknown): string => {
    const pieces: string[] = [];
    writeJsonPieces(value, (p) => pieces.push(p));
    return pieces.join('');
  };
  it('equals JSON.stringify(value, null, 2) with a newline', () => {
    const values: unknown[] = [
      { figures: { a: 1, b: [1, { c: undefined, d: null }], e: {}, f: [] }, timeline: [] },
      { figures: {}, timeline: [{ x: 1 }, undefined, () => 1, { y: [1, 2], z: { w: 'é→' } }], skip: undefined, date: new Date(0) },
      [1, [2, [3]], {}, []],
      'text',
      { nested: { deeper: { deepest: [1, 2, { k: 'v' }] } } },
    ];
    for (const value of values) expect(emitted(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
  it('equals it on a real report, in more than one piece', () => {
    const data = buildReportData(longIncident(1500), playbookEn, { now });
    const pieces: string[] = [];
    writeJsonPieces(data, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(`${JSON.stringify(data, null, 2)}\n`);
    const { figures, timeline } = buildReportView(longIncident(1500), playbookEn, { now });
    expect(pieces.join('')).toBe(`${JSON.stringify({ figures, timeline }, null, 2)}\n`);
  });
});

describe('pickIncidentEvents', () => {
  const temp = tempDirs();
  afterEach(temp.cleanup);

  it('gives what pickIncident then readEvents give, named or not', async () => {
    const dataDir = await temp.make();
    const { id } = await createIncident(dataDir, 'inc-1', opened());
    await appendEvents(dataDir, id, [note('one'), note('two')]);
    // a line cut short, then a seq jump: both are warnings
    await appendFile(eventsPath(dataDir, id), '{"v":1,"seq":4,"at"\n{"v":1,"seq":9,"at":"2026-11-21T09:20:00+01:00","type":"note","text":"x"}\n');
    for (const named of [id, undefined]) {
      const picked = await pickIncident(dataDir, named, { latestWhenNoneOpen: true });
      const { events, warnings } = await readEvents(dataDir, picked.id);
      const both = await pickIncidentEvents(dataDir, named, { latestWhenNoneOpen: true });
      expect(both.id).toBe(picked.id);
      expect(both.state).toEqual(picked.state);
      expect(both.warnings).toEqual(picked.warnings);
      expect(both.latest).toBe(picked.latest);
      expect(both.events).toEqual(events);
      expect(both.logWarnings).toEqual(warnings);
      expect(warnings.length).toBeGreaterThan(0);
    }
  });

  it('fails as pickIncident does', async () => {
    const dataDir = await temp.make();
    const { id } = await createIncident(dataDir, 'inc-2', opened());
    await appendEvents(dataDir, id, [{ type: 'resolved', at: '2026-11-21T10:00:00+01:00' } as never]);
    const message = (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => e.message);
    expect(await message(pickIncidentEvents(dataDir, id, { openOnly: true }))).toBe(await message(pickIncident(dataDir, id, { openOnly: true })));
    expect(await message(pickIncidentEvents(dataDir, 'no-such-incident'))).toBe(await message(pickIncident(dataDir, 'no-such-incident')));
  });
});
