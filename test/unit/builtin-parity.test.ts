/**
 * The built-in playbooks exist in English and French. Both files of one playbook
 * must describe the same run: same ids, same deadlines, same conditions, same
 * channels. Only the texts may differ. Each difference is reported with its path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlaybookSchema, type Playbook, type Step } from '../../src/playbook/schema.js';

const PLAYBOOKS = ['messenger-down', 'whatsapp-down', 'social-media-crisis'] as const;
const LANGS = ['en', 'fr'] as const;
const dir = fileURLToPath(new URL('../../playbooks/', import.meta.url));

function load(id: string, lang: string): unknown {
  return parse(readFileSync(`${dir}${id}.${lang}.yaml`, 'utf8'));
}

function parsed(id: string, lang: string): Playbook {
  const result = PlaybookSchema.safeParse(load(id, lang));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${id}.${lang}.yaml does not match the schema:\n${issues}`);
  }
  return result.data;
}

/** Everything in a step except its texts. */
function stepShape(step: Step): Record<string, unknown> {
  const kind = step.check !== undefined ? 'check' : step.ask !== undefined ? 'ask' : step.announce !== undefined ? 'announce' : 'info';
  return {
    kind,
    announce: step.announce,
    type: step.type,
    owner: step.owner,
    save_as: step.save_as,
    when: step.when,
    on_no: step.on_no,
    channels: step.channels,
    repeat: step.repeat,
    options: step.options?.map((o) => (typeof o === 'string' ? o : o.value)),
  };
}

/** The template expressions a text uses, sorted: `{{brand}}`, `{{list alternatives}}`... */
function expressions(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!))].sort();
}

/** A flat map path -> structural value, so two playbooks can be compared key by key. */
function skeleton(pb: Playbook): Map<string, string> {
  const out = new Map<string, string>();
  const put = (path: string, value: unknown) => out.set(path, JSON.stringify(value ?? null));

  put('id', pb.id);
  put('format', pb.format);
  put('platform', pb.platform);
  put('variables', Object.keys(pb.variables ?? {}));
  for (const [id, v] of Object.entries(pb.variables ?? {})) {
    put(`variables.${id}`, { required: v.required ?? false, format: v.format ?? 'text' });
  }
  put('roles', Object.keys(pb.roles));
  put('severities', pb.severities.map((s) => s.id));
  for (const s of pb.severities) {
    put(`severities.${s.id}`, { update_every: s.update_every, notify: s.notify });
  }
  put('phases', pb.phases.map((p) => p.id));
  for (const phase of pb.phases) {
    put(`phases.${phase.id}.due`, phase.due);
    put(`phases.${phase.id}.steps`, phase.steps.map((s) => s.id));
    for (const step of phase.steps) {
      for (const [key, value] of Object.entries(stepShape(step))) {
        if (value !== undefined) put(`phases.${phase.id}.steps.${step.id}.${key}`, value);
      }
    }
  }
  put('messages', Object.keys(pb.messages ?? {}));
  for (const [id, m] of Object.entries(pb.messages ?? {})) {
    put(`messages.${id}.audience`, m.audience ?? 'public');
    put(`messages.${id}.channels`, Object.keys(m.channels));
    for (const [channel, t] of Object.entries(m.channels)) {
      if (typeof t === 'string') {
        put(`messages.${id}.channels.${channel}.templates`, expressions(t));
      } else {
        put(`messages.${id}.channels.${channel}.subject.templates`, expressions(t.subject));
        put(`messages.${id}.channels.${channel}.body.templates`, expressions(t.body));
      }
    }
  }
  put('follow_up.count', pb.follow_up?.length ?? 0);
  return out;
}

/** One line per difference: `path: en=... fr=...`. */
function differences(en: Playbook, fr: Playbook): string[] {
  const a = skeleton(en);
  const b = skeleton(fr);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => `${p}: en=${a.get(p) ?? '(missing)'} fr=${b.get(p) ?? '(missing)'}`);
}

describe.each(PLAYBOOKS)('built-in playbook %s', (id) => {
  it.each(LANGS)('%s file parses and matches the schema', (lang) => {
    const pb = parsed(id, lang);
    expect(pb.id).toBe(id);
    expect(pb.lang).toBe(lang);
  });

  it('has the same structure in English and French; only texts differ', () => {
    const diffs = differences(parsed(id, 'en'), parsed(id, 'fr'));
    expect(diffs, `${id}: en and fr differ:\n${diffs.join('\n')}`).toEqual([]);
  });

  it('uses the usual phases, a severity question and a false-alarm exit', () => {
    for (const lang of LANGS) {
      const pb = parsed(id, lang);
      expect(pb.phases.map((p) => p.id)).toEqual(['confirm', 'assess', 'communicate', 'redirect', 'monitor', 'resolve']);
      const steps = (phase: string) => pb.phases.find((p) => p.id === phase)!.steps;
      expect(steps('assess').some((s) => s.type === 'severity')).toBe(true);
      expect(steps('confirm').some((s) => s.type === 'confirm' && s.on_no !== undefined && 'end' in s.on_no)).toBe(true);
      for (const phase of pb.phases) {
        for (const step of phase.steps) expect(step.owner, `${lang} step ${step.id} has no owner`).toBeDefined();
      }
    }
  });
});
