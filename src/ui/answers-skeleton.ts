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

const en = {
  colon: ': ',
  head: (id: string, lang: string, title: string) => `Answers file for the playbook ${id} (${lang}): ${title}`,
  intro: [
    'Fill in what you know; a value left blank is asked during the walkthrough',
    '(with --no-input, the run stops there with exit code 3, everything before it saved).',
    'A step answer is the bare value, or a map: { value: ..., note: "...", at: ... }',
    '(status: for a checklist item, posted: for an announcement, instead of value:).',
    'at: when it happened (ISO 8601 with offset, between detected_at and the time of',
    'the run); without it, the time of the run. Answers for steps already answered',
    'are ignored, so resuming with the same file is safe.',
  ],
  use: 'Use it',
  /** What stands for the file's name in a command. */
  file: 'FILE',
  detected: 'when the outage was detected, e.g. 2026-11-21T09:05:00+01:00; default: now (or --at)',
  severity: 'severity',
  variables: 'the playbook\'s variables (team defaults in config.yaml apply when left blank)',
  people: 'who holds each role',
  steps: 'the steps, phase by phase',
  phase: 'phase',
  due: (d: string) => `due ${d} after detection`,
  required: 'required',
  example: 'e.g.',
  onlyWhen: 'only when',
  check: 'done | skipped | na',
  confirm: 'yes | no',
  number: 'a number',
  text: 'text',
  datetime: 'a date and time, e.g. 2026-11-21T09:30:00+01:00',
  choice: 'one of',
  multi: 'a list of',
  announce: (id: string) => `message ${id}: the channels it was posted on`,
  repeat: 'repeated at each update: a list of { posted: [...], at: ... }',
  none: 'or none',
  info: 'nothing to answer; { at: ... } records when it was read',
  resolved: 'optional: resolve the incident at the end, at this time (ISO 8601)',
};

type SkeletonWords = typeof en;

const fr: SkeletonWords = {
  colon: ' : ',
  head: (id, lang, title) => `Fichier de réponses du playbook ${id} (${lang}) : ${title}`,
  intro: [
    'Remplissez ce que vous savez ; une valeur laissée vide est demandée pendant le',
    'déroulé (avec --no-input, il s’arrête là avec le code 3, tout ce qui précède enregistré).',
    'Une réponse d’étape est la valeur seule, ou une table : { value: ..., note: "...", at: ... }',
    '(status: pour un point de contrôle, posted: pour une annonce, au lieu de value:).',
    'at: quand c’est arrivé (ISO 8601 avec décalage, entre detected_at et l’heure de',
    'l’exécution) ; sans lui, l’heure de l’exécution. Les réponses aux étapes déjà',
    'répondues sont ignorées : reprendre avec le même fichier est sans risque.',
  ],
  use: 'Utilisation',
  file: 'FICHIER',
  detected: 'quand la panne a été détectée, p. ex. 2026-11-21T09:05:00+01:00 ; par défaut : maintenant (ou --at)',
  severity: 'gravité',
  variables: 'les variables du playbook (les valeurs d’équipe de config.yaml s’appliquent si vide)',
  people: 'qui tient chaque rôle',
  steps: 'les étapes, phase par phase',
  phase: 'phase',
  due: (d) => `échéance ${d} après la détection`,
  required: 'obligatoire',
  example: 'p. ex.',
  onlyWhen: 'seulement si',
  check: 'done | skipped | na',
  confirm: 'yes | no (oui | non)',
  number: 'un nombre',
  text: 'du texte',
  datetime: 'une date et une heure, p. ex. 2026-11-21T09:30:00+01:00',
  choice: 'une valeur parmi',
  multi: 'une liste parmi',
  announce: (id) => `message ${id} : les canaux où il a été publié`,
  repeat: 'répété à chaque point : une liste de { posted: [...], at: ... }',
  none: 'ou none',
  info: 'rien à répondre ; { at: ... } note quand il a été lu',
  resolved: 'facultatif : clôt l’incident à la fin, à cette heure (ISO 8601)',
};

function wordsFor(lang: string): SkeletonWords {
  return lang === 'fr' || lang.startsWith('fr-') ? fr : en;
}

/** `key:` then its comment, the comments of one block aligned. */
function block(indent: string, rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length)) + 2;
  return rows.map(([key, comment]) => `${indent}${`${key}:`.padEnd(width)}  # ${comment}`.trimEnd());
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
  if (kind === 'check') what = `check: ${w.check}`;
  else if (kind === 'info') what = `info: ${w.info}`;
  else if (kind === 'announce') {
    const message = step.announce ?? '';
    const channels = step.channels ?? Object.keys(playbook.messages?.[message]?.channels ?? {}).filter((c) => c !== 'default');
    what = `announce: ${w.announce(message)} [${channels.join(', ')}] (${w.none})${step.repeat === 'cadence' ? `; ${w.repeat}` : ''}`;
  } else {
    const type = step.type ?? 'text';
    const options = (step.options ?? []).map((o) => {
      const value = optionValue(o);
      const label = optionLabel(o);
      return label === value ? value : `${value} (${label})`;
    });
    const values: Record<string, string> = {
      confirm: w.confirm,
      number: w.number,
      text: w.text,
      datetime: w.datetime,
      choice: `${w.choice} ${options.join(' | ')}`,
      multi: `${w.multi} [${options.join(', ')}]`,
      severity: playbook.severities.map((s) => s.id).join(' | '),
    };
    what = `${type}: ${values[type] ?? w.text}`;
  }
  const when = step.when ? ` (${w.onlyWhen} ${Object.entries(step.when).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' | ') : String(v)}`).join(', ')})` : '';
  return `${what}${when} — ${title}`;
}

/** The skeleton's text, in the playbook's language. */
export function answersSkeleton(playbook: Playbook): string {
  const w = wordsFor(playbook.lang);
  const out: string[] = [];
  out.push(`# ${w.head(playbook.id, playbook.lang, playbook.title)}`);
  for (const line of w.intro) out.push(`# ${line}`);
  out.push(`# ${w.use}${w.colon}crisis start ${playbook.id} --lang ${playbook.lang} --answers ${w.file} [--no-input]`, '');
  out.push(...block('', [
    ['detected_at', w.detected],
    ['severity', `${w.severity}${w.colon}${playbook.severities.map((s) => (s.title === s.id ? s.id : `${s.id} (${s.title})`)).join(' | ')}`],
  ]));
  const variables = Object.entries(playbook.variables ?? {});
  out.push('', `variables:  # ${w.variables}`);
  out.push(
    ...block(
      '  ',
      variables.map(([id, v]) => {
        const facts = [v.required ? w.required : '', v.format && v.format !== 'text' ? v.format : '', v.example !== undefined ? `${w.example} ${String(v.example)}` : ''].filter(Boolean);
        return [key(id), `${v.prompt}${facts.length ? ` (${facts.join(', ')})` : ''}`];
      }),
    ),
  );
  out.push('', `people:  # ${w.people}`);
  out.push(...block('  ', Object.entries(playbook.roles).map(([id, r]) => [key(id), r.title])));
  out.push('', `steps:  # ${w.steps}`);
  for (const phase of playbook.phases) {
    out.push(`  # ${w.phase} ${phase.id}${w.colon}${phase.title}${phase.due ? ` (${w.due(durationInWords(parseDuration(phase.due) ?? 0, playbook.lang))})` : ''}`);
    out.push(...block('  ', phase.steps.map((s) => [key(s.id), stepComment(playbook, s, w)])));
  }
  out.push('', ...block('', [['resolved_at', w.resolved]]), '');
  return out.join('\n');
}
