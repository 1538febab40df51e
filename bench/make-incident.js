/**
 * Writes a large but realistic incident log for the benchmark: a real
 * `crisis start messenger-down` run from the answers fixture gives the first
 * and last events, and the long monitor phase between them is filled with
 * notes, hourly updates (rendered, posted on three channels, answered) and
 * severity changes, until the log holds `count` events.
 *
 * Usage: node bench/make-incident.js <dataDir> [count]   (needs `npm run build`)
 * Prints the incident id.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const INCIDENT_ID = '2026-11-21-messenger-down';

/** Creates the incident in `dataDir` and grows its log to `count` events. */
export function makeIncident(dataDir, count) {
  const started = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin/crisis.js'),
      'start',
      'messenger-down',
      '--answers',
      join(ROOT, 'test/fixtures/answers/messenger-down.yaml'),
      '--no-input',
      '--id',
      INCIDENT_ID,
      '--at',
      '2026-11-21T09:05:00+01:00',
    ],
    { env: { ...process.env, CRISIS_HOME: dataDir, NO_COLOR: '1' }, encoding: 'utf8' },
  );
  if (started.status !== 0) throw new Error(`crisis start failed: ${started.stderr}`);

  const file = join(dataDir, 'incidents', INCIDENT_ID, 'events.jsonl');
  const real = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const cut = real.findIndex((e) => e.type === 'resolved');
  const head = real.slice(0, cut);
  const tail = real.slice(cut);
  const from = Date.parse(head[head.length - 1].at);
  const to = Date.parse(tail[0].at);
  const fill = count - real.length;

  const people = ['lead', 'community', 'tech', 'support', 'web'];
  const notes = [
    'Downdetector shows {n} reports',
    'Support inbox at {n} unread',
    'Meta status page unchanged',
    'Phone line queue: {n} callers waiting',
    'Answered {n} comments under the pinned post',
    'Hid an insulting reply, kept the complaint',
    'Chatbot fallback message checked on the website',
  ];
  const channels = ['x', 'facebook', 'website'];
  const events = [];
  let rng = 42;
  const random = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
  while (events.length < fill) {
    const at = new Date(from + Math.floor(((to - from) * events.length) / fill)).toISOString();
    const r = random();
    if (r < 0.8 || fill - events.length < 5) {
      const text = notes[Math.floor(random() * notes.length)].replace('{n}', String(Math.floor(random() * 5000)));
      events.push({ type: 'note', at, text, by: people[Math.floor(random() * people.length)] });
    } else if (r < 0.99) {
      const hhmm = at.slice(11, 16);
      const posted = channels.map((channel) => ({ channel, text: `Update ${hhmm}: Messenger is still down. Please write to help@acme.example.` }));
      events.push({ type: 'message_rendered', at, message: 'update', step: 'update', channels: posted });
      for (const p of posted) events.push({ type: 'message_posted', at, message: 'update', step: 'update', ...p });
      events.push({ type: 'step_answered', at, step: 'update', phase: 'monitor', kind: 'announce', posted: channels });
    } else {
      const critical = random() < 0.5;
      events.push({
        type: 'severity_changed',
        at,
        severity: critical ? 'critical' : 'major',
        title: critical ? 'Critical' : 'Major',
        notify: ['lead', 'support', 'management'],
        update_every: critical ? '30m' : '1h',
      });
    }
  }
  events.length = fill;
  const all = [...head, ...events, ...tail];
  const lines = all.map(({ v, seq, ...event }, i) => JSON.stringify({ v: 1, seq: i + 1, ...event }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { id: INCIDENT_ID, file, events: all.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dataDir, count = '100000'] = process.argv.slice(2);
  if (!dataDir) {
    process.stderr.write('usage: node bench/make-incident.js <dataDir> [count]\n');
    process.exit(2);
  }
  process.stdout.write(`${makeIncident(dataDir, Number(count)).id}\n`);
}
