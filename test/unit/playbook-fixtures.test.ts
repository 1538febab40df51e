import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlaybookFile } from '../../src/playbook/load.js';

const DIR = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

/** Files that have no position to report, with the message they must give. */
const WITHOUT_POSITION: Record<string, string> = {
  'empty.yaml': 'file is empty; a playbook starts with `format: 1`',
  'comment-only.yaml': 'file has no content',
  'binary.yaml': 'not a text file',
  'invalid-utf8.yaml': 'not a text file (it is not valid UTF-8)',
};

/** Every other fixture states its expected error on its first line: `# expect: LINE:COL message`. */
function expectation(file: string): { line: number; col: number; message: string } {
  const first = readFileSync(join(DIR, file), 'utf8').split('\n')[0] ?? '';
  const m = /^# expect: (\d+):(\d+) (.+)$/.exec(first);
  if (!m) throw new Error(`${file} has no "# expect: LINE:COL message" first line`);
  return { line: Number(m[1]), col: Number(m[2]), message: m[3] ?? '' };
}

const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('malformed playbooks', () => {
  it('make a corpus of at least 30 files', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of fixtures) {
    it(`${file} is refused with an actionable error`, async () => {
      const result = await loadPlaybookFile(join(DIR, file));
      expect(result.playbook).toBeUndefined();
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      if (file in WITHOUT_POSITION) {
        expect(errors[0]?.message).toContain(WITHOUT_POSITION[file]);
        expect(errors[0]?.line).toBeUndefined();
        return;
      }
      const want = expectation(file);
      const hit = errors.find((d) => d.message.includes(want.message));
      expect(hit, `errors were: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join(' | ')}`).toBeDefined();
      expect({ line: hit?.line, col: hit?.col }).toEqual({ line: want.line, col: want.col });
    });
  }
});
