/**
 * The commands work on any store behind the IncidentStore interface: a
 * store kept in memory here, handed to them through the context, runs a
 * whole incident (start with an answers file, log, status, undo, resume,
 * incidents, report, timeline, discard, reopen) and nothing is written to
 * the data directory.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { IncidentEvent, NewEvent } from '../../src/incident/events.js';
import type { EventSink, IncidentStore, NewOpenedEvent } from '../../src/incident/log-store.js';
import { stamp } from '../../src/incident/log-writer.js';
import { assertIncidentId, baseIncidentId } from '../../src/incident/paths.js';
import { tempDir } from '../e2e/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

/** Incidents in a Map: the smallest backend there is. */
class MemoryStore implements IncidentStore {
  readonly where = 'memory';
  readonly logs = new Map<string, IncidentEvent[]>();

  location(id: string): string {
    assertIncidentId(id);
    return `memory:${id}`;
  }

  async create(id: string | undefined, opened: NewOpenedEvent) {
    const chosen = id ?? baseIncidentId(opened.playbook, new Date(opened.detected_at));
    assertIncidentId(chosen);
    if (this.logs.has(chosen)) throw new UserError(`incident ${chosen} already exists in memory`);
    const event = stamp({ ...opened, type: 'opened', incident: chosen }, 1) as Extract<IncidentEvent, { type: 'opened' }>;
    this.logs.set(chosen, [event]);
    return { id: chosen, event };
  }

  async append(id: string, events: readonly NewEvent[]) {
    const log = this.get(id);
    const written = events.map((e, i) => stamp(e, log.length + 1 + i));
    log.push(...written);
    return written;
  }

  async appendAfter(id: string, seq: number, events: readonly NewEvent[]) {
    return this.get(id).length === seq ? this.append(id, events) : undefined;
  }

  async scan(id: string, sink: EventSink) {
    this.get(id).forEach((event, i) => sink(event, i + 1));
    return { warnings: [] };
  }

  async ids() {
    return [...this.logs.keys()];
  }

  async has(id: string) {
    return this.logs.has(id);
  }

  readonly playbooks = new Map<string, string>();

  async keepPlaybook(id: string, text: string) {
    if (!this.playbooks.has(id)) this.playbooks.set(id, text);
  }

  async keptPlaybook(id: string) {
    const text = this.playbooks.get(id);
    return text === undefined ? undefined : { text, where: `memory:${id}/playbook.yaml` };
  }

  private get(id: string): IncidentEvent[] {
    assertIncidentId(id);
    const log = this.logs.get(id);
    if (!log) throw new UserError(`no incident ${id} in memory; see crisis incidents`);
    return log;
  }
}

describe('the commands on a store kept in memory', () => {
  it('run a whole incident without writing to the data directory', async () => {
    const store = new MemoryStore();
    const home = tempDir('crisis-memory-');
    const env = { CRISIS_HOME: home };
    const crisis = (...args: string[]) => runInProcess(args, { env, store });
    const answers = resolve('test/fixtures/answers/messenger-down.yaml');

    const started = await crisis('start', 'messenger-down', '--answers', answers, '--no-input', '--id', 'mem');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('memory:mem');
    const logged = await crisis('log', 'mem', 'from', 'memory');
    expect(logged.code, logged.stderr).toBe(0);
    const seq = store.logs.get('mem')?.length;
    expect(logged.stdout).toBe(`Noted in mem (#${seq}).\n`);

    const status = await crisis('status', 'mem', '--json');
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: 'mem', state: 'resolved' });
    const list = await crisis('incidents', '--all', '--json');
    expect((JSON.parse(list.stdout) as { id: string }[]).map((i) => i.id)).toEqual(['mem']);
    for (const command of ['report', 'timeline']) {
      const r = await crisis(command, 'mem');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('from memory');
    }
    expect((await crisis('reopen', 'mem')).code).toBe(0);
    expect((await crisis('undo', 'mem')).code).toBe(0);
    expect((await crisis('discard', 'mem')).code).toBe(0);
    const types = store.logs.get('mem')?.map((e) => e.type) ?? [];
    expect(types.slice(-3)).toEqual(['reopened', 'answer_withdrawn', 'discarded']);
    expect(store.logs.get('mem')?.map((e) => e.seq)).toEqual(types.map((_, i) => i + 1));

    expect(existsSync(join(home, 'incidents')) ? readdirSync(join(home, 'incidents')) : []).toEqual([]);
  }, 60_000);
});
