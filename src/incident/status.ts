/** The `crisis status --json` document, computed from the playbook and the state. Pure. */
import type { Playbook } from '../playbook/schema.js';
import type { IncidentState } from './state.js';
import { notificationCounts } from '../notify/fold.js';
import { isAfterResolution } from './plan.js';
import { nextAction, nextUpdateDue, progress } from './engine.js';
import { phaseDeadlines, type DeadlineStatus } from './deadlines.js';
import { isoInZone } from '../zone.js';

export interface StatusJson {
  id: string;
  playbook: string;
  lang: string;
  state: IncidentState['state'];
  severity: string | null;
  detected_at: string;
  resolved_at: string | null;
  phase: string | null;
  next_step: string | null;
  steps: { done: number; total: number };
  deadlines: Array<{ phase: string; due_at: string; met_at: string | null; status: DeadlineStatus }>;
  next_update_due_at: string | null;
  drill: boolean;
  title: string;
  /** Team notifications by status, once any is queued. */
  notifications?: { pending: number; sent: number; failed: number };
  /** The incident's zone; every time above carries its offset there. */
  time_zone: string;
}

/** Where the incident stands at `now`: the `crisis status --json` document. */
export function statusOf(playbook: Playbook, state: IncidentState, now: Date): StatusJson {
  const action = nextAction(playbook, state, now);
  const lastPhase = playbook.phases[playbook.phases.length - 1];
  const due = nextUpdateDue(playbook, state);
  const zone = state.timeZone;
  const iso = (value: string) => isoInZone(value, zone);
  return {
    id: state.id,
    playbook: state.playbook,
    lang: state.lang,
    state: state.state,
    severity: state.severity ?? null,
    detected_at: iso(state.detectedAt),
    resolved_at: state.state === 'resolved' && state.endedAt ? iso(state.endedAt) : null,
    phase: action.kind === 'step' ? action.phase.id : state.state === 'open' ? (lastPhaseBeforeResolution(playbook) ?? null) : (lastPhase?.id ?? null),
    next_step: action.kind === 'step' ? action.step.id : null,
    steps: progress(playbook, state),
    deadlines: phaseDeadlines(playbook, state, now).flatMap((d) =>
      d.due_at && d.status ? [{ phase: d.phase, due_at: iso(d.due_at), met_at: d.met_at ? iso(d.met_at) : null, status: d.status }] : [],
    ),
    next_update_due_at: due ? isoInZone(due, zone) : null,
    drill: state.drill,
    title: state.title,
    ...(state.notifications ? { notifications: notificationCounts(state.notifications) } : {}),
    time_zone: zone,
  };
}

function lastPhaseBeforeResolution(playbook: Playbook): string | undefined {
  const phases = playbook.phases.filter((p) => !isAfterResolution(p));
  return phases[phases.length - 1]?.id;
}
