/**
 * The playbook an incident runs: its text is copied into the incident's
 * folder (`playbook.yaml`) when it opens, and every later command reads that
 * copy, so editing or renaming the playbook file afterwards changes nothing
 * of an incident under way.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Playbook } from '../playbook/schema.js';
import type { PlaybookCache } from '../playbook/cache.js';
import { formatDiagnostic, UserError } from '../errors.js';
import type { IncidentStore } from './log-store.js';
import { incidentDir } from './paths.js';

/** The copy's file name inside the incident's folder. */
export const PLAYBOOK_COPY = 'playbook.yaml';

/** Where an incident keeps its playbook. */
export function playbookCopyPath(dataDir: string, id: string): string {
  return join(incidentDir(dataDir, id), PLAYBOOK_COPY);
}

/** Keeps the playbook's text with the incident (once: a copy already there is the one the incident runs). */
export function savePlaybookCopy(dataDir: string, id: string, text: string): void {
  const path = playbookCopyPath(dataDir, id);
  if (existsSync(path)) return;
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { flag: 'wx' });
  renameSync(temporary, path);
}

/** The copy kept in the incident's folder, or undefined when there is none (the file store's half of `keptPlaybook`). */
export function readPlaybookCopy(dataDir: string, id: string): { text: string; where: string } | undefined {
  const path = playbookCopyPath(dataDir, id);
  try {
    return { text: readFileSync(path, 'utf8'), where: path };
  } catch {
    return undefined;
  }
}

/** The incident's own playbook, from its store, or undefined for an incident opened before copies were kept. */
export async function loadPlaybookCopy(store: IncidentStore, id: string, cache?: PlaybookCache): Promise<{ playbook: Playbook; text: string; where: string } | undefined> {
  const kept = await store.keptPlaybook(id);
  if (!kept) return undefined;
  // loaded on demand, through the cache of checked playbooks: most commands then parse no YAML
  const { loadPlaybookFile } = await import('../playbook/load.js');
  const loaded = await loadPlaybookFile(kept.where, { source: kept.text, cache });
  if (!loaded.playbook) {
    throw new UserError((c) => c.errors.keptPlaybookUnreadable(id), { details: loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) });
  }
  return { playbook: loaded.playbook, text: kept.text, where: kept.where };
}

/** Whether the playbook file the incident was opened from now reads differently from its copy. */
export function sourceChanged(sourceFile: string, copy: string): boolean {
  try {
    return readFileSync(sourceFile, 'utf8').replace(/^\uFEFF/, '') !== copy.replace(/^\uFEFF/, '');
  } catch {
    // gone or unreadable: the incident goes on with its copy all the same
    return true;
  }
}
