/**
 * The data of the report's Mermaid gantt chart: one bar per phase, from the
 * end of the previous phase (or detection) to its completion, and one
 * milestone per deadline. Dates are local, in the chart's `dateFormat`.
 */
import { formatInZone } from '../zone.js';
import type { ReportFigures } from './figures.js';
import type { ReportLocale } from './labels.js';
import { mermaidLabel } from './markdown.js';

export interface GanttTask {
  /** Safe for Mermaid: no `:`, `;` or `#`. */
  name: string;
  /** `done`, `crit, done` (completed late), `active` (under way), `crit, active` (under way, overdue). */
  tags: string;
  id: string;
  start: string;
  end: string;
}

export interface GanttView {
  /** False when no phase has a bar nor a deadline (nothing to draw). */
  any: boolean;
  /** Mermaid's (dayjs) format of the dates below. */
  date_format: string;
  /** d3 format of the axis: the time, with the day when the incident spans several days. */
  axis_format: string;
  tasks: GanttTask[];
  milestones: Array<{ name: string; id: string; at: string }>;
}

const DATE_FORMAT = 'YYYY-MM-DD HH:mm';
/** Builds the chart data from the figures, times in the locale's zone. */
export function ganttView(figures: ReportFigures, locale: ReportLocale): GanttView {
  const toChart = (iso: string): string => formatInZone(iso, 'yyyy-MM-dd HH:mm', locale.zone);
  const tasks: GanttTask[] = [];
  const milestones: GanttView['milestones'] = [];
  const end = figures.as_of;
  let lastDay = '';
  let firstDay = '';
  figures.phases.forEach((phase, i) => {
    const name = mermaidLabel(phase.title);
    // an open phase is drawn up to now, or to the end of the incident
    const finish: string | null = phase.completed_at ?? (phase.status === 'not_applicable' ? null : phase.until);
    let tags = phase.status === 'missed' ? 'crit, done' : 'done';
    if (!phase.completed_at && figures.in_progress) tags = phase.status === 'overdue' ? 'crit, active' : 'active';
    if (finish) {
      // A bar needs a length Mermaid can draw: at least a minute.
      const start = phase.started_at < finish ? phase.started_at : finish;
      const stop = new Date(Math.max(new Date(finish).getTime(), new Date(start).getTime() + 60_000)).toISOString();
      tasks.push({ name, tags, id: `phase${i + 1}`, start: toChart(start), end: toChart(stop) });
      firstDay ||= toChart(start).slice(0, 10);
      lastDay = toChart(stop).slice(0, 10);
    }
    if (phase.due_at && phase.status !== 'not_applicable') {
      milestones.push({ name, id: `due${i + 1}`, at: toChart(phase.due_at) });
      lastDay = lastDay > toChart(phase.due_at).slice(0, 10) ? lastDay : toChart(phase.due_at).slice(0, 10);
    }
  });
  const severalDays = (firstDay !== '' && lastDay !== '' && firstDay !== lastDay) || toChart(figures.detected_at).slice(0, 10) !== toChart(end).slice(0, 10);
  return {
    any: tasks.length + milestones.length > 0,
    date_format: DATE_FORMAT,
    axis_format: severalDays ? (locale.lang.startsWith('fr') ? '%d/%m %H:%M' : '%d %b %H:%M') : '%H:%M',
    tasks,
    milestones,
  };
}
