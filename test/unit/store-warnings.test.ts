/**
 * A log's warnings and the problems of its lines are said in the language of
 * the command that prints them, and keep their English text for logs.
 */
import { appendFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueFor } from '../../src/i18n/index.js';
import { eventsPath } from '../../src/incident/paths.js';
import { createIncident, foldIncident, readEvents } from '../../src/incident/store.js';
import { opened, rejection, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);
const fr = catalogueFor('fr');
const en = catalogueFor('en');

const good = (seq: number, type = 'note'): string => JSON.stringify({ v: 1, seq, at: '2026-11-21T09:06:00Z', type, text: `n${seq}` });

async function logOf(lines: string[]): Promise<{ dataDir: string; id: string; file: string }> {
  const dataDir = await temp.make();
  const { id } = await createIncident(dataDir, 'inc-1', opened());
  const file = eventsPath(dataDir, id);
  await appendFile(file, lines.join('\n'));
  return { dataDir, id, file };
}

describe('a log\'s warnings', () => {
  it('are said in French, and in English as their text', async () => {
    const { dataDir, id, file } = await logOf([good(3), good(2), good(4, 'future_thing'), 'pas du json', '']);
    const { warnings } = await readEvents(dataDir, id);
    expect(warnings.map((w) => w.sayIn(en))).toEqual(warnings.map(String));
    const said = warnings.map((w) => w.sayIn(fr));
    expect(said).toHaveLength(4);
    expect(said[0]?.startsWith(`${file}:2`)).toBe(true);
    expect(said[0]).toMatch(/:2\s: seq saute de 1 à 3\s; des évènements manquent peut-être$/);
    expect(said[1]).toMatch(/:3\s: seq 2 vient après seq 3\s: /);
    expect(said[2]).toMatch(/:4\s: type d’évènement inconnu "future_thing"\s; ignoré$/);
    expect(said[3]).toMatch(/:5\s: la dernière ligne n’est pas un évènement\s: pas du JSON valide( \(au caractère 1\))?\s; elle est ignorée/);
    for (const w of said) expect(w).not.toMatch(/\b(the|is|line|ignored|event)\b/);
  });

  it('name the folder kept when the log names another incident', async () => {
    const { dataDir, id } = await logOf([]);
    await rename(join(dataDir, 'incidents', id), join(dataDir, 'incidents', 'inc-2'));
    const { state, warnings } = await foldIncident(dataDir, 'inc-2');
    expect(state.id).toBe('inc-2');
    expect(warnings.map(String)).toEqual([expect.stringMatching(/events\.jsonl: the log names incident inc-1; using the folder's name inc-2$/)]);
    expect(warnings[0]?.sayIn(fr)).toMatch(/events\.jsonl\s: le journal nomme l’incident inc-1\s; le nom du dossier, inc-2, est gardé$/);
  });
});

describe('a line that is not an event', () => {
  it('is refused in the words of the command', async () => {
    const { dataDir, id } = await logOf(['{"v":1,"seq":2,"type":"note"}', good(3), '']);
    const error = await rejection(readEvents(dataDir, id));
    expect(error.message).toMatch(/:2: not an event: "at" must be an ISO 8601 date$/);
    expect(error.sayIn(fr).message).toMatch(/:2\s: pas un évènement\s: «\sat\s» doit être une date ISO 8601$/);
  });
});
