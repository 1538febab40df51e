process.env.TZ = 'UTC';

import { readFileSync } from 'node:fs';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/incident/events.js';
import { reportLocale } from '../../src/report/labels.js';
import { escapeCell, fence, flatten, inline, link, mermaidLabel } from '../../src/report/markdown.js';
import { renderTemplate, tidy } from '../../src/report/render.js';
import { buildReportView } from '../../src/report/view.js';
import { at, log, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';

describe('markdown helpers', () => {
  it('escapeCell escapes pipes, flattens line breaks and never returns an empty cell', () => {
    expect(escapeCell('a | b')).toBe('a \\| b');
    expect(escapeCell('first line\nsecond line')).toBe('first line / second line');
    expect(escapeCell('Done.\nNext')).toBe('Done. Next');
    expect(escapeCell('')).toBe('—');
    expect(escapeCell(undefined)).toBe('—');
    expect(escapeCell(42)).toBe('42');
  });

  it('inline escapes Markdown syntax but keeps code spans, and never leaves a URL or address bare', () => {
    expect(inline('see https://x.example/a_b. Thanks')).toBe('see <https://x.example/a_b>. Thanks');
    expect(inline('mail help@acme.example')).toBe('mail <help@acme.example>');
    expect(inline('*not bold* <b>no html</b> [no](link)')).toBe('\\*not bold\\* \\<b\\>no html\\</b\\> \\[no\\](link)');
    expect(inline('run `crisis start --drill` twice')).toBe('run `crisis start --drill` twice');
    expect(inline('# not a heading')).toBe('\\# not a heading');
    expect(inline('1. not a list')).toBe('1\\. not a list');
  });

  it('fence uses a fence longer than any backtick run, and a language tag', () => {
    expect(fence('hello')).toBe('```text\nhello\n```');
    expect(fence('a ```b``` c')).toBe('````text\na ```b``` c\n````');
    expect(fence('x  \n\ty', 'text')).toBe('```text\nx\n    y\n```');
  });

  it('link never produces a bare URL', () => {
    expect(link('https://a.example')).toBe('<https://a.example>');
    expect(link('https://a.example', 'Status page')).toBe('[Status page](<https://a.example>)');
  });

  it('mermaidLabel removes what would break a gantt line', () => {
    expect(mermaidLabel('Phase 1: confirm; now #1')).toBe('Phase 1 confirm now 1');
    expect(mermaidLabel(' \n ')).toBe('-');
  });

  it('flatten joins lines readably', () => {
    expect(flatten(' a\n\n b ')).toBe('a / b');
  });

  it('flatten keeps no-break spaces: French typography and a number’s groups stay whole', () => {
    expect(flatten('Panne\u202f!  Attente\u202f: 1\u202f400\n messages')).toBe('Panne\u202f! Attente\u202f: 1\u202f400 / messages');
    expect(flatten('10\u00a0h\t30')).toBe('10\u00a0h 30');
  });

  it('tidy squeezes blank lines outside fences only and ends with one newline', () => {
    expect(tidy('# T\n\n\n\ntext  \n```text\na\n\n\nb\n```\n\n\n')).toBe('# T\n\ntext\n```text\na\n\n\nb\n```\n');
  });

  it('tidy trims blanks at line ends outside fences, drops blank lines at the start and the end, and reads every kind of line end', () => {
    expect(tidy('\n \n\t\n| a |\t \n| b |\n\n \n  \nc')).toBe('| a |\n| b |\n\nc\n');
    // a fence opened with blanks after it, kept inside (blanks and blank runs), closed by a longer marker
    expect(tidy('x\r\n``` \r\na \r\n\r\n\r\n````\rafter \n\n')).toBe('x\n```\na \n\n\n````\nafter\n');
    // a fence left open keeps everything to the end, but the blank lines there go
    expect(tidy('~~~\n\n\nb \n\n')).toBe('~~~\n\n\nb \n');
    expect(tidy('')).toBe('\n');
    expect(tidy('\n\n')).toBe('\n');
    expect(tidy('only')).toBe('only\n');
  });
});

describe('durations and lateness', () => {
  it('formats compactly', () => {
    expect(reportLocale('en').duration(25)).toBe('25 min');
    expect(reportLocale('en').duration(65)).toBe('1 h 05 min');
    expect(reportLocale('en').duration(120)).toBe('2 h');
    expect(reportLocale('fr').duration(1500)).toBe('1 j 1 h');
    expect(reportLocale('en').duration(0.2)).toBe('< 1 min');
    expect(reportLocale('en').duration(0)).toBe('0 min');
  });

  it('says late or early in each language', () => {
    expect(reportLocale('en').lateness(12)).toBe('12 min late');
    expect(reportLocale('en').lateness(-3)).toBe('3 min early');
    expect(reportLocale('fr').lateness(12)).toBe('en retard de 12 min');
    expect(reportLocale('fr-CA').lateness(-75)).toBe('en avance de 1 h 15 min');
    expect(reportLocale('en').lateness(0)).toBe('right on time');
  });

  it('formats dates with the date-fns locale', () => {
    expect(reportLocale('fr').dateTime(at('09:05'))).toBe('samedi 21 novembre 2026 à 09:05');
    expect(reportLocale('en').date(at('09:05'))).toBe('21 November 2026');
  });
});

/** Everything an operator could type that would break Markdown if pasted as is. */
function hostileIncident(): ReturnType<typeof log> {
  const events = resolvedIncident();
  const extra: NewEvent[] = [
    { type: 'variables_set', at: at('09:07'), source: 'prompt', variables: { brand: 'Acme | *Co* <b>' } },
    { type: 'note', at: at('09:46'), text: '# not a heading\n<script>x</script> *bold* _it_ [x](y) | pipe \\ `code` https://a.example/x_y', by: 'Ann | B' },
    { type: 'note', at: at('09:47'), text: '- not a list\n> not a quote\n\ttabbed   ' },
    {
      type: 'message_posted',
      at: at('09:48'),
      message: 'initial',
      step: 'first-post',
      channel: 'email',
      subject: 'Down | *now*',
      text: '\tTabbed line   \n\n\n\n```\nfence inside\n```\nhttps://bare.example',
    },
    { type: 'message_posted', at: at('09:49'), message: 'initial', channel: 'my_channel', text: '~~~\nhello\n~~~' },
  ];
  return log(...events.map(({ v: _v, seq: _seq, ...e }) => e as NewEvent), ...extra);
}

describe('hostile input still gives a report markdownlint accepts', () => {
  const errors = (markdown: string): string[] =>
    (lint({ strings: { r: markdown }, config: { default: true, MD013: false } }).r ?? []).map(
      (e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.errorDetail ?? ''} ${e.errorContext ?? ''}`,
    );
  for (const [lang, playbook] of [
    ['en', playbookEn],
    ['fr', playbookFr],
  ] as const) {
    it(lang, () => {
      const hostile = {
        ...playbook,
        phases: playbook.phases.map((p, i) => (i === 0 ? { ...p, title: 'Phase: confirm; #1 | now' } : p)),
      };
      const { view } = buildReportView(hostileIncident(), hostile, { now: new Date(at('14:00')) });
      const template = readFileSync(new URL(`../../templates/report.${lang}.md.hbs`, import.meta.url), 'utf8');
      const markdown = renderTemplate(template, view);
      expect(errors(markdown)).toEqual([]);
      expect(markdown).toContain('Phase confirm 1 | now :done');
      expect(markdown).toContain('<https://a.example/x_y>');
    });
  }
});

describe('text typed in a note stays text', () => {
  it('escaped HTML (&lt;b&gt;) renders as typed, not as the HTML it stands for', async () => {
    const { micromark } = await import('micromark');
    const { inline } = await import('../../src/report/markdown.js');
    for (const note of ['&lt;img src=x onerror=alert(1)&gt;', 'Q&A &amp; &#60;b&#62;', '<b>bold</b>']) {
      const html = micromark(inline(note));
      // the rendered page shows exactly what was typed
      const shown = html.replace(/^<p>|<\/p>$/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expect(shown).toBe(note);
      expect(html).not.toMatch(/<(img|b)\b/);
    }
  });
});
