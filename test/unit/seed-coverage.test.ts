/**
 * docs/seed-coverage.md maps every fact of the source documents to the
 * built-in playbook element that carries it, with words that element holds
 * in English and in French. Each row must still hold in both languages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PLAYBOOKS = ['messenger-down', 'whatsapp-down', 'social-media-crisis'];

interface Row {
  id: string;
  fact: string;
  playbook: string;
  where: string;
  en: string;
  fr: string;
}

function rows(): Row[] {
  const text = readFileSync(`${root}docs/seed-coverage.md`, 'utf8');
  const out: Row[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 6 || !/^[MSWFB]\d+$/.test(cells[0] ?? '')) continue;
    const [id, fact, playbook, where, en, fr] = cells as [string, string, string, string, string, string];
    out.push({ id, fact, playbook, where, en, fr });
  }
  return out;
}

const cache = new Map<string, Playbook>();
function load(id: string, lang: string): Playbook {
  const key = `${id}.${lang}`;
  let pb = cache.get(key);
  if (!pb) {
    pb = PlaybookSchema.parse(parse(readFileSync(`${root}playbooks/${key}.yaml`, 'utf8')));
    cache.set(key, pb);
  }
  return pb;
}

/** The element a `where` names, as text, or undefined when it does not exist. */
function element(pb: Playbook, where: string): string | undefined {
  const [kind, id] = where.split(':') as [string, string | undefined];
  switch (kind) {
    case 'step':
      for (const phase of pb.phases) for (const step of phase.steps) if (step.id === id) return JSON.stringify(step);
      return undefined;
    case 'message':
      return pb.messages?.[id ?? ''] ? JSON.stringify(pb.messages[id ?? '']) : undefined;
    case 'severity': {
      const severity = pb.severities.find((s) => s.id === id);
      return severity ? JSON.stringify(severity) : undefined;
    }
    case 'phase': {
      const phase = pb.phases.find((p) => p.id === id);
      return phase ? JSON.stringify({ title: phase.title, goal: phase.goal, due: phase.due }) : undefined;
    }
    case 'follow_up':
      return pb.follow_up?.length ? JSON.stringify(pb.follow_up) : undefined;
    default:
      return undefined;
  }
}

describe('seed coverage (docs/seed-coverage.md)', () => {
  const all = rows();

  it('lists the facts of all five documents, none missing', () => {
    const bySeed = (letter: string) => all.filter((r) => r.id.startsWith(letter)).length;
    expect(bySeed('M')).toBeGreaterThanOrEqual(36);
    expect(bySeed('S')).toBeGreaterThanOrEqual(8);
    expect(bySeed('W')).toBeGreaterThanOrEqual(36);
    expect(bySeed('F')).toBeGreaterThanOrEqual(10);
    expect(bySeed('B')).toBeGreaterThanOrEqual(23);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const row of all) {
      expect(PLAYBOOKS, row.id).toContain(row.playbook);
      expect(row.where, `${row.id} is marked missing`).not.toMatch(/missing|todo|^$/i);
    }
    // background figures only: everything an operator acts on is carried
    expect(all.filter((r) => r.where === 'context').length).toBeLessThanOrEqual(5);
  });

  it.each(['en', 'fr'] as const)('every carried fact is still in the %s playbooks', (lang) => {
    const broken: string[] = [];
    for (const row of all) {
      if (row.where === 'context') continue;
      const text = element(load(row.playbook, lang), row.where);
      const words = row[lang];
      if (text === undefined) broken.push(`${row.id}: ${row.playbook}.${lang} has no ${row.where}`);
      else if (!words || !text.toLowerCase().includes(words.toLowerCase())) broken.push(`${row.id}: ${row.playbook}.${lang} ${row.where} no longer says "${words}"`);
    }
    expect(broken).toEqual([]);
  });
});
