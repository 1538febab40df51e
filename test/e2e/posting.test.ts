/**
 * A text over its channel's limit, recorded as posted from an answers file:
 * a warning on stderr, `over_limit: true` in the log, a flag in the report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const NOW = new Date('2026-11-21T12:00:00Z');

describe('a post over its limit', () => {
  it('is recorded with over_limit, said on stderr, and flagged in the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-post-'));
    const home = join(dir, 'home');
    const file = join(dir, 'a.yaml');
    // the X text made 300-odd characters long, over X's 280; the e-mail has room
    const playbook = join(dir, 'mini-down.en.yaml');
    writeFileSync(playbook, readFileSync(PLAYBOOK, 'utf8').replace('x: "Mini chat is down for everyone.', `x: "Mini chat is down for everyone, ${'really '.repeat(30)}everyone.`));
    writeFileSync(
      file,
      `detected_at: 2026-11-21T09:00:00Z
variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
steps:
  devices: done
  downdetector: done
  hashtags: done
  confirmed: yes
  severity: minor
  services: [dm]
  backlog: 3
  first-post: { posted: [x, email], at: 2026-11-21T09:20:00Z }
`,
    );
    const r = await runInProcess(['start', playbook, '--answers', file, '--no-input', '--id', 'long'], { env: { CRISIS_HOME: home }, now: NOW });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('warning: step "first-post": recorded as posted on x although the text is over the channel\'s limit; it is flagged in the report');
    const posts = readFileSync(join(home, 'incidents', 'long', 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.type === 'message_posted');
    expect(posts.map((p) => [p.channel, p.over_limit])).toEqual([
      ['x', true],
      ['email', undefined],
    ]);
    const report = await runInProcess(['report', 'long'], { env: { CRISIS_HOME: home }, now: NOW });
    const x = report.stdout.slice(report.stdout.indexOf('### X'));
    expect(x.split('\n').find((l) => l.startsWith('**'))).toMatch(/posted over the channel's limit/);
    expect(report.stdout.match(/posted over the channel's limit/g)).toHaveLength(1);
  });
});
