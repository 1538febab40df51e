/**
 * The waiting menu ("Every step before resolution is done. What now?") with
 * a live countdown to the next update and the next deadline, redrawn every
 * few seconds (a list to move through, so a redraw never disturbs what is
 * being chosen). When an update falls due, or a deadline comes within 5
 * minutes: a bell, a desktop notification, and "Post an update now" first.
 */
import { createPrompt, isDownKey, isEnterKey, isUpKey, makeTheme, useEffect, useKeypress, usePrefix, useRef, useState, type Theme } from '@inquirer/core';
import { styleText } from 'node:util';
import { DEADLINE_WARNING_MS, dueAt, type Reminders } from './reminders.js';

export type WaitingValue = 'update' | 'resolve' | 'note' | 'quit';

export interface WaitingConfig {
  message: string;
  labels: Record<WaitingValue, string>;
  /** Whether "Post an update now" is offered at all (a playbook may have no repeated update). */
  canUpdate: boolean;
  reminders: Reminders;
  now: () => Date;
  /** The countdown lines for `now`. */
  describe: (now: Date) => string[];
  /** Rings the bell and notifies the desktop, once per reason. */
  alert: (reason: 'update' | 'deadline') => void;
  /** Redraw period (at most 30 s). */
  everyMs?: number;
  /** Only its style: the layout and words the prompter gives every prompt. */
  theme?: { style?: Partial<Theme['style']> };
}

/** The menu's order: the update first when it is due, else last but quit. */
export function waitingOrder(updateDue: boolean, canUpdate: boolean): WaitingValue[] {
  if (!canUpdate) return ['resolve', 'note', 'quit'];
  return updateDue ? ['update', 'resolve', 'note', 'quit'] : ['resolve', 'note', 'update', 'quit'];
}

export const waitingMenu = createPrompt<WaitingValue, WaitingConfig>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [tick, setTick] = useState(0);
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ status, theme });
  const now = config.now();
  const due = dueAt(config.reminders, now);
  const order = waitingOrder(due.update, config.canUpdate);
  const [active, setActive] = useState(0);
  const rung = useRef<{ update: boolean; deadline: boolean }>({ update: false, deadline: false });
  const wasDue = useRef(due.update);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), Math.min(30_000, config.everyMs ?? 5_000));
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    // the update becoming due moves it first: point at it
    if (due.update && !wasDue.current) setActive(0);
    wasDue.current = due.update;
    if (due.update && !rung.current.update) {
      rung.current.update = true;
      config.alert('update');
    }
    if (due.deadline && !rung.current.deadline) {
      rung.current.deadline = true;
      config.alert('deadline');
    }
  }, [tick, due.update, due.deadline]);

  useKeypress((key) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      setStatus('done');
      done(order[active] ?? 'quit');
    } else if (isUpKey(key)) setActive((active - 1 + order.length) % order.length);
    else if (isDownKey(key)) setActive((active + 1) % order.length);
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(config.labels[order[active] ?? 'quit'])}`;
  const countdown = config.describe(now).map((l) => `  ${l}`);
  const items = order.map((v, i) => {
    const label = config.labels[v];
    return i === active ? theme.style.highlight(`❯ ${label}`) : `  ${label}`;
  });
  return [`${prefix} ${message}`, ...countdown.map((l) => styleText('dim', l)), ...items].join('\n');
});

export { DEADLINE_WARNING_MS };
