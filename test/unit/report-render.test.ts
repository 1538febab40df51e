process.env.TZ = 'UTC';

import { readFileSync, writeFileSync } from 'node:fs';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from '../../src/report/render.js';
import { buildReportView, buildTimelineView } from '../../src/report/view.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { at, falseAlarm, openIncident, overMidnight, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';

const template = (name: string): string => readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8');
const now = new Date(at('10:50'));

function report(events = resolvedIncident(), lang: 'en' | 'fr' = 'en', when = now): string {
  const { view } = buildReportView(events, lang === 'fr' ? playbookFr : playbookEn, { now: when });
  return renderTemplate(template(`report.${lang}.md.hbs`), view);
}

function timeline(events = resolvedIncident(), lang: 'en' | 'fr' = 'en'): string {
  const view = buildTimelineView(events, lang === 'fr' ? playbookFr : playbookEn, { now });
  return renderTemplate(template(`timeline.${lang}.md.hbs`), view);
}

/** markdownlint's default rules except line length, as the spec requires. */
function lintErrors(markdown: string): string[] {
  const results = lint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (results.report ?? []).map(
    (e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription}${e.errorDetail ? ` [${e.errorDetail}]` : ''}${e.errorContext ? ` {${e.errorContext}}` : ''}`,
  );
}

describe('rendered reports pass markdownlint (default rules, MD013 off)', () => {
  const cases: Array<[string, () => string]> = [
    ['en, resolved', () => report(resolvedIncident('en'), 'en')],
    ['fr, resolved', () => report(resolvedIncident('fr'), 'fr')],
    ['en, false alarm', () => report(falseAlarm(), 'en')],
    ['fr, false alarm', () => report(falseAlarm(), 'fr')],
    ['en, over midnight', () => report(overMidnight(), 'en', new Date(at('02:00', '2026-11-22')))],
    ['fr, open', () => report(openIncident(), 'fr')],
    ['en, open', () => report(openIncident(), 'en')],
    ['timeline en', () => timeline(resolvedIncident('en'), 'en')],
    ['timeline fr', () => timeline(resolvedIncident('fr'), 'fr')],
  ];
  it.each(cases)('%s', (_name, render) => {
    const markdown = render();
    expect(lintErrors(markdown)).toEqual([]);
  });

  it('writes the sample reports when REPORT_SAMPLES is set (to read them as a manager would)', () => {
    if (!process.env.REPORT_SAMPLES) return;
    writeFileSync('/tmp/crisis-report-en.md', report(resolvedIncident('en'), 'en'));
    writeFileSync('/tmp/crisis-report-fr.md', report(resolvedIncident('fr'), 'fr'));
    writeFileSync('/tmp/crisis-report-open.md', report(openIncident(), 'en'));
    writeFileSync('/tmp/crisis-report-false-alarm.md', report(falseAlarm(), 'en'));
    writeFileSync('/tmp/crisis-report-midnight.md', report(overMidnight(), 'en', new Date(at('02:00', '2026-11-22'))));
    writeFileSync('/tmp/crisis-timeline-fr.md', timeline(resolvedIncident('fr'), 'fr'));
  });
});

describe('report content', () => {
  it('writes headings and labels in the playbook language', () => {
    expect(report(resolvedIncident('en'), 'en')).toMatch(/^# Acme: post-mortem of the Facebook Messenger outage of 21 November 2026$/m);
    const fr = report(resolvedIncident('fr'), 'fr');
    expect(fr).toMatch(/^# Acme : post-mortem de la panne Facebook Messenger du 21 novembre 2026$/m);
    expect(fr).toContain('## Chiffres clés');
    expect(fr).toContain('en retard de 45 min');
  });

  it('puts every posted text, exactly, in a fenced text block under its channel', () => {
    const md = report();
    expect(md).toContain('### X\n');
    expect(md).toContain('```text\nMessenger is down for everyone right now. Write to help@acme.example and we will answer.\n\n- Acme | Support\n```');
    // a text holding a run of backticks gets a longer fence
    expect(md).toContain('````text\nStill down (2). ```code``` stays exact.\n````');
    // private replies are not public communications
    expect(md).not.toContain('Sorry!');
  });

  it('escapes pipes in table cells, flattens line breaks and never leaves a URL bare', () => {
    const md = report();
    expect(md).toContain('Set an auto-reply pointing to e-mail \\| phone');
    expect(md).toContain('Support inbox at 340 e-mails / see <https://status.example.com/incidents/42>');
    expect(md).toContain('<https://downdetector.com/status/facebook-messenger/>');
  });

  it('draws a Mermaid gantt of the phases against their deadlines', () => {
    const md = report();
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
    expect(chart).toContain('gantt');
    expect(chart).toContain('dateFormat YYYY-MM-DD HH:mm');
    expect(chart).toContain('axisFormat %H:%M');
    expect(chart).toContain('Confirm the outage :done, phase1, 2026-11-21 09:05, 2026-11-21 09:11');
    expect(chart).toContain('Send customers elsewhere :crit, done, phase4, 2026-11-21 10:20, 2026-11-21 10:21');
    expect(chart).toContain('Confirm the outage :milestone, due1, 2026-11-21 09:20, 0m');
    // task names before the colon hold no colon of their own
    for (const line of chart.split('\n').filter((l) => l.includes(' :'))) {
      expect(line.slice(0, line.indexOf(' :'))).not.toContain(':');
    }
  });

  it('builds the action plan from the checklist with owners, deadlines and statuses', () => {
    const md = report();
    expect(md).toContain('| Set an auto-reply pointing to e-mail \\| phone | 10:05 | Community manager (Karim) | Done, 09:50 |');
    expect(md).toContain('| Text the VIP customers | 10:05 | Incident lead (Julie Martin) | N/A |');
  });

  it('turns option values into labels and lists lessons from the answers', () => {
    const md = report();
    expect(md).toContain('- Which services are affected? **Private messages, Chatbots**');
    expect(md).toContain('- Confirmed in 6 minutes\n- Templates ready to paste');
    expect(md).toContain('- [ ] Rehearse this playbook every quarter');
  });

  it('leaves lines to fill in when no lesson was recorded', () => {
    expect(report(openIncident())).toContain('### What went well\n\n- (to be filled in)');
  });

  it('leaves lines to fill in for a lesson left blank at the stand-down, and the timeline says it was left for the post-mortem', () => {
    const blank = resolvedIncident().map((e) => (e.type === 'step_answered' && e.step === 'went-well' ? { ...e, value: '' } : e));
    const md = report(blank);
    expect(md).toContain('### What went well\n\n- (to be filled in)');
    expect(md).toContain('| What went well? → (left for the post-mortem) |');
    expect(md).not.toMatch(/What went well\? → \|/);
  });

  it('marks an open incident as in progress and a false alarm at the top', () => {
    const open = report(openIncident());
    expect(open).toContain('**In progress.**');
    expect(open).toContain('| Resolved | in progress |');
    const alarm = report(falseAlarm());
    expect(alarm.split('\n').slice(0, 4).join('\n')).toContain('**False alarm.**');
    expect(alarm).toContain('suspected Facebook Messenger outage');
  });

  it('shows the day with times when the incident spans several days', () => {
    const md = report(overMidnight(), 'en', new Date(at('02:00', '2026-11-22')));
    expect(md).toContain('Sun 22 Nov 00:10');
    expect(md).toContain('axisFormat %d %b %H:%M');
    expect(md).toContain('**Drill.**');
  });

  it('shows the day when a note, post or answer kept falls on another day, not for a withdrawn answer', () => {
    const resolved = resolvedIncident();
    const next = (type: 'note' | 'answer', withdrawn = false): IncidentEvent[] => {
      const seq = resolved.length + 1;
      const later: IncidentEvent[] =
        type === 'note'
          ? [{ v: 1, seq, type: 'note', at: at('00:20', '2026-11-22'), text: 'Post-mortem booked' }]
          : [{ v: 1, seq, type: 'step_answered', at: at('00:20', '2026-11-22'), step: 'lessons', phase: 'resolve', kind: 'ask', value: 'late' }];
      if (withdrawn) later.push({ v: 1, seq: seq + 1, type: 'answer_withdrawn', at: at('00:25', '2026-11-22'), step: 'lessons', answer_seq: seq });
      return [...resolved, ...later];
    };
    expect(report(resolved)).not.toContain('Sat 21 Nov');
    expect(report(next('note'))).toContain('| Sat 21 Nov 09:05 |');
    expect(report(next('answer'))).toContain('| Sat 21 Nov 09:05 |');
    expect(report(next('answer', true))).not.toContain('Sat 21 Nov');
  });

  it('reports a template error for a field the view does not have', () => {
    const { view } = buildReportView(resolvedIncident(), playbookEn, { now });
    expect(() => renderTemplate('{{nope}}', view)).toThrow(TemplateError);
  });
});
