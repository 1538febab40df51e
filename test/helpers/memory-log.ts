/**
 * An incident kept in memory and folded as the store folds it, for unit tests
 * of the engine, the walkthrough and corrections: an `opened` event at the
 * detection time, then whatever the test appends, numbered in order.
 */
import type { Answer } from '../../src/incident/engine.js';
import { answerStep, nextAction } from '../../src/incident/engine.js';
import type { IncidentEvent, NewEvent } from '../../src/incident/events.js';
import { findStep } from '../../src/incident/plan.js';
import { applyEvent, foldEvents, type IncidentState } from '../../src/incident/state.js';
import type { Playbook } from '../../src/playbook/schema.js';

function openedAt(detectedAt: Date, playbook: string): IncidentEvent {
  const at = detectedAt.toISOString();
  return { v: 1, seq: 1, type: 'opened', at, incident: 'i', playbook, lang: 'en', title: 't', format: 1, source: 'built-in', detected_at: at, drill: false };
}

/** A log and its state kept folded as events are appended (the walkthrough's `append`). */
export function memoryIncident(detectedAt: Date, playbook = 'tiny-down') {
  const events: IncidentEvent[] = [openedAt(detectedAt, playbook)];
  const state: IncidentState = foldEvents(events);
  const append = async (list: NewEvent[]) => {
    for (const e of list) {
      const full = { ...e, v: 1, seq: events.length + 1 } as IncidentEvent;
      events.push(full);
      applyEvent(state, full);
    }
    return state;
  };
  return { events, state, append };
}

/** A log a test answers step by step; its state is folded anew at each read. */
export class MemoryLog {
  events: IncidentEvent[];
  constructor(
    readonly playbook: Playbook,
    detectedAt: Date,
  ) {
    this.events = [openedAt(detectedAt, playbook.id)];
  }
  append(events: NewEvent[]): void {
    for (const e of events) this.events.push({ ...e, v: 1, seq: this.events.length + 1 } as IncidentEvent);
  }
  get state(): IncidentState {
    return foldEvents(this.events);
  }
  /** Answers `stepId` at `at`; the events it logged. */
  answer(stepId: string, answer: Answer, at: Date): NewEvent[] {
    const step = findStep(this.playbook, stepId);
    if (!step) throw new Error(`no step ${stepId} in ${this.playbook.id}`);
    const events = answerStep(this.playbook, this.state, step, answer, at);
    this.append(events);
    return events;
  }
  next(at: Date, offerRepeats = false) {
    return nextAction(this.playbook, this.state, at, { offerRepeats });
  }
}
