/**
 * One block per channel: label, length against the limit (red when over),
 * then the text exactly as it must be pasted, unindented between two rules.
 */
import type { ChalkInstance } from 'chalk';
import type { RenderedMessage } from '../messages/render.js';
import { describeLength } from '../messages/measure.js';
import { showNumber } from '../playbook/formats.js';
import { catalogueFor, wordsFor, fill } from '../i18n/index.js';

/** The blocks of a rendered message, their labels in `lang` (the playbook's language). */
export function formatAnnouncement(rendered: RenderedMessage, paint: ChalkInstance, lang: string, width = 72, options: { copyKeys?: boolean } = {}): string {
  const w = wordsFor(lang);
  const out: string[] = [];
  const rule = paint.dim('─'.repeat(width));
  rendered.channels.forEach((c, i) => {
    const m = c.measure;
    const size = describeLength(m.length, m.limit, m.unit, w);
    const extra = m.encoding ? `, ${m.encoding}${m.ucs2_characters?.length ? ` (${w.becauseOf} ${m.ucs2_characters.join(' ')})` : ''}` : '';
    const subject = m.subject_length !== undefined && m.subject_limit !== undefined ? `, ${w.subjectLength} ${showNumber(m.subject_length, lang)}/${showNumber(m.subject_limit, lang)}` : '';
    const status = m.within_limit ? paint.green(`${size}${extra}${subject}`) : paint.red.bold(`${size}${extra}${subject} — ${w.tooLong}`);
    out.push(`${paint.bold(c.label)} ${paint.dim(`[${c.channel}]`)}  ${status}`);
    out.push(rule);
    if (c.subject !== undefined) out.push(`${w.subject}${w.colon}${c.subject}`, '');
    out.push(c.text);
    out.push(rule);
    // the walkthrough's copy key for this block (src/ui/copy-prompt.ts)
    if (options.copyKeys && i < 9) out.push(paint.dim(fill(catalogueFor(lang).copy.keyHint, `[${i + 1}]`)));
    out.push('');
  });
  return out.join('\n');
}
