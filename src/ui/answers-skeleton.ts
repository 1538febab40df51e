/**
 * The skeleton of an answers file for one playbook: every key it may hold,
 * every step with its kind and allowed values, in comments in the playbook's
 * language. Left as written it loads as an answers file that answers
 * nothing; a person (or a script) fills the blanks it wants answered.
 */
import type { Playbook, Step } from '../playbook/schema.js';
import { stepKind, stepTitle } from '../playbook/kinds.js';
import { durationInWords, parseDuration } from '../playbook/duration.js';
import { optionLabel, optionValue } from '../incident/options.js';
import { answerHint } from '../incident/walkthrough.js';
import { catalogueFor, type Catalogue } from '../i18n/index.js';
import { wrap } from './format.js';
import { shellWord } from './shell-word.js';

type SkeletonWords = Catalogue['answersFile'];

/** YAML to type, quoted in the comments: passed to the words as arguments, so no typography touches it. */
const YAML = {
  map: '{ value: ..., note: "...", at: ... }',
  at: '{ at: ... }',
  repeat: '{ posted: [...], at: ... }',
  example: '2026-11-21T09:05:00+01:00',
  exampleLater: '2026-11-21T09:30:00+01:00',
  value: 'value:',
  status: 'status:',
  posted: 'posted:',
  atKey: 'at:',
};

/** The width the intro is wrapped at, the `# ` included. */
const WIDTH = 90;

/** A paragraph as comment lines, a YAML fragment never cut across two lines. */
function comment(paragraph: string, fragments: readonly string[]): string[] {
  const glued = fragments.reduce((text, f) => text.split(f).join(f.replace(/ /g, '\u00a0')), paragraph);
  return wrap(glued, WIDTH, '# ').replace(/\u00a0/g, ' ').split('\n');
}

/** `key:` then its comment, the comments of one block aligned. */
function block(indent: string, rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length)) + 2;
  return rows.map(([key, text]) => `${indent}${`${key}:`.padEnd(width)}  # ${text}`.trimEnd());
}

/** A YAML key as written: plain when it is safe, else quoted. */
function key(id: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(id) && !/^(y|n|yes|no|true|false|on|off|null)$/i.test(id) ? id : JSON.stringify(id);
}

/** What a step takes, in the skeleton's words. */
function stepComment(playbook: Playbook, step: Step, w: SkeletonWords): string {
  const kind = stepKind(step);
  const title = stepTitle(playbook, step).replace(/\s+/g, ' ');
  let what: string;
  if (kind === 'check') what = `check: ${answerHint(playbook, step)}`;
  else if (kind === 'info') what = `info: ${w.info(YAML.at)}`;
  else if (kind === 'announce') {
    const message = step.announce ?? '';
    const channels = step.channels ?? Object.keys(playbook.messages?.[message]?.channels ?? {}).filter((c) => c !== 'default');
    const list = `[${channels.join(', ')}]`;
    what = `announce: ${step.repeat === 'cadence' ? w.announceRepeated(message, list, 'none', YAML.repeat) : w.announce(message, list, 'none')}`;
  } else {
    const type = step.type ?? 'text';
    const options = (step.options ?? []).map((o) => {
      const value = optionValue(o);
      const label = optionLabel(o);
      return label === value ? value : `${value} (${label})`;
    });
    const values: Record<string, string> = {
      confirm: w.confirm(answerHint(playbook, step)),
      number: w.number,
      text: w.text,
      datetime: w.datetime(YAML.exampleLater),
      choice: w.choice(options.join(' | ')),
      multi: w.multi(`[${options.join(', ')}]`),
      severity: playbook.severities.map((s) => s.id).join(' | '),
    };
    what = `${type}: ${values[type] ?? w.text}`;
  }
  const condition = Object.entries(step.when ?? {}).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' | ') : String(v)}`).join(', ');
  return `${what}${condition ? ` (${w.onlyWhen(condition)})` : ''} — ${title}`;
}

/**
 * The skeleton's text, in the playbook's language. `ref` names the playbook
 * in the command it suggests (its id, or the path it was given by).
 */
export function answersSkeleton(playbook: Playbook, ref: string = playbook.id): string {
  const w = catalogueFor(playbook.lang).answersFile;
  const out: string[] = [];
  out.push(`# ${w.head(playbook.id, playbook.lang, playbook.title)}`);
  for (const paragraph of [w.fillIn, w.stepAnswer(YAML.map, YAML.status, YAML.posted, YAML.value), w.at(YAML.atKey), w.resume]) {
    out.push(...comment(paragraph, [YAML.map]));
  }
  out.push(`# ${w.use(`${startCommand(playbook, ref, w.file)} [--no-input]`)}`, '');
  out.push(...block('', [
    ['detected_at', w.detected(YAML.example)],
    ['severity', w.severity(playbook.severities.map((s) => (s.title === s.id ? s.id : `${s.id} (${s.title})`)).join(' | '))],
  ]));
  const variables = Object.entries(playbook.variables ?? {});
  out.push('', `variables:  # ${w.variables}`);
  out.push(
    ...block(
      '  ',
      variables.map(([id, v]) => {
        const facts = [v.required ? w.required : '', v.format && v.format !== 'text' ? v.format : '', v.example !== undefined ? w.example(String(v.example)) : ''].filter(Boolean);
        return [key(id), `${v.prompt}${facts.length ? ` (${facts.join(', ')})` : ''}`];
      }),
    ),
  );
  out.push('', `people:  # ${w.people}`);
  out.push(...block('  ', Object.entries(playbook.roles).map(([id, r]) => [key(id), r.title])));
  out.push('', `steps:  # ${w.steps}`);
  for (const phase of playbook.phases) {
    const due = phase.due ? ` (${w.due(durationInWords(parseDuration(phase.due) ?? 0, playbook.lang))})` : '';
    out.push(`  # ${w.phase(phase.id, phase.title)}${due}`);
    out.push(...block('  ', phase.steps.map((s) => [key(s.id), stepComment(playbook, s, w)])));
  }
  out.push('', ...block('', [['resolved_at', w.resolved]]), '');
  return out.join('\n');
}

/** The command that runs a playbook with an answers file, to paste into a shell. */
export function startCommand(playbook: Playbook, ref: string, file: string): string {
  return ['crisis', 'start', ref, '--lang', playbook.lang, '--answers', file].map(shellWord).join(' ');
}
