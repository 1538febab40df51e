/**
 * What the waiting menu reminds the operator of: the next public update and
 * the next phase deadline, from the one cadence function (engine.ts) and the
 * one deadline function (deadlines.ts); when each is due; and the alert it
 * raises once: an update due, a deadline 5 minutes away (or passed).
 */
import { spawn } from 'node:child_process';
import type { IncidentState } from '../incident/state.js';
import { nextUpdateDue } from '../incident/engine.js';
import { phaseDeadlines } from '../incident/deadlines.js';
import { planSteps } from '../incident/plan.js';
import type { Playbook } from '../playbook/schema.js';

/** How close a phase deadline must be to raise the alert. */
export const DEADLINE_WARNING_MS = 5 * 60_000;

export interface Reminders {
  /** The incident's zone, for the times shown. */
  timeZone?: string;
  nextUpdateAt?: Date;
  /** The earliest deadline not met yet. */
  deadline?: { title: string; dueAt: Date };
  /** Whether the playbook has an update to post before resolution (a `repeat: cadence` step); without one the menu offers none. */
  canUpdate?: boolean;
}

/** The reminders of an incident as it stands. */
export function remindersOf(playbook: Playbook, state: IncidentState, now: Date): Reminders {
  const out: Reminders = state.timeZone ? { timeZone: state.timeZone } : {};
  out.canUpdate = planSteps(playbook, state).some((p) => p.step.repeat === 'cadence' && !p.afterResolution);
  const update = nextUpdateDue(playbook, state);
  if (update) out.nextUpdateAt = update;
  const open = phaseDeadlines(playbook, state, now)
    .filter((d) => d.due_at && (d.status === 'open' || d.status === 'overdue'))
    .sort((a, b) => Date.parse(a.due_at ?? '') - Date.parse(b.due_at ?? ''))[0];
  if (open?.due_at) out.deadline = { title: open.title, dueAt: new Date(open.due_at) };
  return out;
}

/** What is due at `now`: an update (its time has come) and a deadline (5 minutes away or passed). */
export function dueAt(r: Reminders, now: Date): { update: boolean; deadline: boolean } {
  return {
    update: r.nextUpdateAt !== undefined && r.nextUpdateAt.getTime() <= now.getTime(),
    deadline: r.deadline !== undefined && r.deadline.dueAt.getTime() - now.getTime() <= DEADLINE_WARNING_MS,
  };
}

/**
 * A desktop notification where the system has one: notify-send (Linux, with
 * a graphical session), osascript (macOS); elsewhere nothing, quietly. Never
 * waits for it and never fails the walkthrough.
 */
export function notifyDesktop(title: string, body: string, env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): void {
  let command: string | undefined;
  let args: string[] = [];
  if (platform === 'darwin') {
    command = 'osascript';
    args = ['-e', `display notification ${JSON.stringify(body)} with title ${JSON.stringify(title)}`];
  } else if (platform !== 'win32' && (env.DISPLAY || env.WAYLAND_DISPLAY)) {
    command = 'notify-send';
    args = [title, body];
  }
  if (!command) return;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no notifier installed: the bell and the menu still say it
  }
}
