/**
 * The report and the timeline read an incident's log once and fold it once:
 * every event is applied to the state one time per command, by the store
 * while it reads the log, and the figures, timeline and view share that
 * state. pickIncidentEvents, which reads and folds in one pass, gives what
 * pickIncident then readEvents give.
 */
import { appendFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '../../src/incident/events.js';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, pickIncident, pickIncidentEvents, readEvents } from '../../src/incident/store.js';
import { foldEvents } from '../../src/incident/state.js';
import { logWithState } from '../../src/report/log.js';
import { buildReportView } from '../../src/report/view.js';
import { runInProcess } from '../helpers/in-process.js';
import { note, opened, tempDirs } from '../helpers/store-fixtures.js';
import { at, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn } from '../fixtures/report/playbook.js';
import { tempDir } from '../e2e/helpers.js';

/** How many events were applied to a state, by foldEvents or one by one. */
const applied = vi.hoisted(() => ({ events: 0 }));
vi.mock('../../src/incident/state.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/incident/state.js')>();
  return {
    ...real,
    foldEvents: (events: readonly IncidentEvent[]) => {
      applied.events += events.length;
      return real.foldEvents(events);
    },
    applyEvent: (...args: Parameters<typeof real.applyEvent>) => {
      applied.events += 1;
      return real.applyEvent(...args);
    },
  };
});

describe('one fold per command', () => {
  it('report, report --json and timeline apply each event of the log once', async () => {
    const cwd = tempDir('crisis-report-log-');
    const env = { CRISIS_HOME: join(cwd, 'home'), CRISIS_TZ: 'Europe/Paris' };
    writeFileSync(join(cwd, 'run.yaml'), readFileSync(new URL('../fixtures/answers/messenger-down.yaml', import.meta.url), 'utf8'));
    const id = '2026-11-21-messenger-down';
    const start = await runInProcess(['start', 'messenger-down', '--answers', 'run.yaml', '--no-input', '--id', id], { cwd, env, now: new Date('2026-11-22T08:00:00Z') });
    expect(start.code, start.stderr).toBe(0);
    const count = readFileSync(join(env.CRISIS_HOME, 'incidents', id, 'events.jsonl'), 'utf8').trim().split('\n').length;
    expect(count).toBeGreaterThan(50);
    for (const args of [['report', id], ['report', '--json', id], ['timeline', id]]) {
      applied.events = 0;
      const r = await runInProcess(args, { cwd, env });
      expect(r.code, r.stderr).toBe(0);
      expect(applied.events, args.join(' ')).toBe(count);
    }
  });

  it('the view is built from the state it is given, not from a fold of its own', () => {
    const events = resolvedIncident('en');
    const state = { ...foldEvents(events), title: 'The state handed over' };
    const { view } = buildReportView({ events, state }, playbookEn, { now: new Date(at('12:00')) });
    expect(view.title).toBe('The state handed over');
  });

  it('takes the store state only when it is the fold of these very events', () => {
    const events = resolvedIncident('en');
    const state = foldEvents(events);
    expect(logWithState(events, state).state).toBe(state);
    // the log grew between the reading that picked the incident and the one that read its events
    const older = foldEvents(events.slice(0, -1));
    expect(logWithState(events, older).state).toEqual(state);
    expect(logWithState(events, undefined).state).toEqual(state);
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
