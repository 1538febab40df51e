/**
 * What `npm publish` would ship: the bundle, the playbooks and templates, and
 * nothing a user does not run (source maps, test-only entries, sources, tests).
 * Every library but clipboardy is inside the bundle, so it is all users install.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBuiltInTemplates } from '../../src/report/render.js';
import type { ShippedTemplates } from '../../src/template/ahead.js';
import { compileBuiltInLabels } from '../../src/messages/labels-ahead.js';
import { ROOT } from './helpers.js';

describe('the published package', () => {
  it('holds the bundle, playbooks and templates, without source maps or test entries', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/crisis.js');
    expect(files).toContain('dist/main.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('playbooks/messenger-down.fr.yaml');
    expect(files.some((f) => f.startsWith('templates/'))).toBe(true);
    // the built-in report and timeline templates, compiled by the build (src/template/ahead.ts)
    expect(files).toContain('dist/chunks/templates.json');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.startsWith('dist/incident/'))).toEqual([]);
  });

  it('ships the built-in templates compiled from their current text', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist/chunks/templates.json'), 'utf8')) as ShippedTemplates;
    const current = compileBuiltInTemplates((name) => readFileSync(join(ROOT, 'templates', name), 'utf8'));
    expect(shipped.report.map(([text]) => text)).toEqual(current.map(([text]) => text));
    expect(shipped.report.every(([, code]) => code.includes('"main":function'))).toBe(true);
  });

  it('ships the built-in option labels that are templates compiled from their current text', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist/chunks/templates.json'), 'utf8')) as ShippedTemplates;
    const names = readdirSync(join(ROOT, 'playbooks')).filter((name) => name.endsWith('.yaml')).sort();
    const current = compileBuiltInLabels(names.map((name) => ({ name, text: readFileSync(join(ROOT, 'playbooks', name), 'utf8') })));
    expect(shipped.messages).toEqual(current);
    expect(shipped.messages.map(([text]) => text)).toContain('at {{support_email}}');
  });

  it('asks users to install only what the bundle loads at run time', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['clipboardy']);
  });

  it('builds at install with the bundler alone: the type check is for npm test and npm run build', () => {
    // npm install runs prepare, and so does the first `npx crisis` of a clone (npx links the
    // project into its own cache and prepares it): with the type check, that first call took
    // some 40 s on a two-core machine before crisis said a word
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prepare).toBe('node scripts/build.mjs');
    expect(manifest.scripts.build).toMatch(/^tsc .*--noEmit && node scripts\/build\.mjs$/);
  });
});
