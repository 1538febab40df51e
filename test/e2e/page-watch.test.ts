/**
 * `crisis page --watch` as a real process: a note logged and an update
 * posted from other processes each rebuild the folder, and a reader polling
 * the files all along never sees a half-written one: every rebuilt file is a
 * new file put in place whole (its inode changes), never rewritten in place.
 * SIGINT ends the watch with exit code 0.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../src/incident/events.js';
import { pageIncident, pagePlaybook } from '../fixtures/page/incidents.js';
import { BIN, runCli, tempDir } from './helpers.js';

/** An open incident's log, its playbook a file beside it. */
function writeIncident(dir: string, home: string): string {
  const file = join(dir, 'messenger-down.en.yaml');
  writeFileSync(file, stringify(pagePlaybook('en')));
  const events = pageIncident().map((e) => (e.type === 'opened' ? { ...e, source: file } : e));
  const id = (events[0] as Extract<IncidentEvent, { type: 'opened' }>).incident;
  mkdirSync(join(home, 'incidents', id), { recursive: true });
  writeFileSync(join(home, 'incidents', id, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return id;
}

describe('crisis page --watch', () => {
  it('rebuilds on every event logged by another process, each file replaced whole, and stops on SIGINT with exit 0', async () => {
    const dir = tempDir('crisis-page-watch-');
    const home = join(dir, 'home');
    const id = writeIncident(dir, home);
    const env = { CRISIS_HOME: home, CRISIS_TZ: 'Europe/Paris' };
    const out = join(dir, 'status');
    const child = spawn(process.execPath, [BIN, 'page', '-o', out, '--watch'], { cwd: dir, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: 'pipe' });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    const until = async (what: string, test: () => boolean) => {
      const start = Date.now();
      while (!test()) {
        if (Date.now() - start > 20_000) throw new Error(`timed out waiting for ${what}; stderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const rebuilds = () => err.match(/^crisis: rebuilt /gm)?.length ?? 0;

    try {
      await until('the first build', () => err.includes('Ctrl-C'));
      const summaryPath = join(out, 'summary.json');
      const htmlPath = join(out, 'index.html');
      const before = JSON.parse(readFileSync(summaryPath, 'utf8'));

      // a reader polling the files while they are rebuilt
      const inodes = { summary: new Set<number>(), html: new Set<number>() };
      const torn: string[] = [];
      let reading = true;
      const reader = (async () => {
        while (reading) {
          try {
            const summary = readFileSync(summaryPath, 'utf8');
            const html = readFileSync(htmlPath, 'utf8');
            JSON.parse(summary);
            if (!html.startsWith('<!DOCTYPE html>') || !html.endsWith('</html>\n')) torn.push(`index.html of ${html.length} characters`);
          } catch (error) {
            torn.push(String(error));
          }
          inodes.summary.add(statSync(summaryPath).ino);
          inodes.html.add(statSync(htmlPath).ino);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();

      // a teammate's note: nothing public changes but the time of the last update
      const logged = await runCli(['log', id, 'Support inbox at 340'], { env, cwd: dir });
      expect(logged.code, logged.stderr).toBe(0);
      await until('a rebuild after the note', () => rebuilds() >= 1);
      const afterNote = JSON.parse(readFileSync(summaryPath, 'utf8'));
      expect(afterNote.page.updated_at).not.toBe(before.page.updated_at);
      expect(readFileSync(htmlPath, 'utf8')).not.toContain('Support inbox at 340');

      // an update posted on the website: a new update on the page
      const posted = await runCli(['announce', id, 'update', '--channel', 'website', '--posted'], { env, cwd: dir });
      expect(posted.code, posted.stderr).toBe(0);
      await until('a rebuild after the update', () => rebuilds() >= 2 && JSON.parse(readFileSync(summaryPath, 'utf8')).incidents[0].incident_updates.length === 3);
      const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
      expect(summary.incidents[0].incident_updates[0].body).toBe('Still down.');
      expect(readFileSync(htmlPath, 'utf8')).toContain('<p class="body">Still down.</p>');

      reading = false;
      await reader;
      expect(torn).toEqual([]);
      // the first build, and one new file for each rebuild
      expect(inodes.summary.size).toBeGreaterThanOrEqual(3);
      expect(inodes.html.size).toBeGreaterThanOrEqual(3);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(err).not.toContain('warning');
  }, 90_000);
});
