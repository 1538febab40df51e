import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { NewEvent } from '../../src/incident/events.js';
import type { NewOpenedEvent } from '../../src/incident/store.js';

/** A fresh temp folder per test; `cleanup` removes them all. */
export function tempDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'crisis-store-'));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** An opening event as the walkthrough would give it. */
export function opened(overrides: Partial<NewOpenedEvent> = {}): NewOpenedEvent {
  return {
    type: 'opened',
    at: '2026-11-21T09:05:00+01:00',
    playbook: 'messenger-down',
    lang: 'en',
    title: 'Messenger is down',
    format: 1,
    source: 'built-in',
    detected_at: '2026-11-21T09:05:00+01:00',
    drill: false,
    ...overrides,
  };
}

/** A note event with the given text. */
/** The UserError a promise rejects with (and fails the test if it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

export function note(text: string, at = '2026-11-21T09:10:00+01:00'): NewEvent {
  return { type: 'note', at, text };
}
