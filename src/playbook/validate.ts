/**
 * `crisis validate` for one file: the loader's checks, then every message
 * rendered for every channel with the variables' examples (limits, template
 * errors) and the message lint, all as positioned diagnostics.
 */
import type { Diagnostic } from '../errors.js';
import { checkPlaybookMessages } from '../messages/check.js';
import { renderExamples } from '../messages/examples.js';
import { lintPlaybookMessages } from '../messages/lint.js';
import { loadPlaybookFile, sortDiagnostics } from './load.js';
import type { DataPath } from './problem.js';
import type { Playbook } from './schema.js';

/** The verdict on one file. */
export interface FileValidation {
  file: string;
  id?: string;
  lang?: string;
  valid: boolean;
  playbook?: Playbook;
  diagnostics: Diagnostic[];
}

interface MessageProblem {
  path: DataPath;
  message: string;
  severity: 'error' | 'warning';
}

/** Validates one playbook file at `now` (dates in rendered examples); never throws on bad input. */
export async function validatePlaybookFile(file: string, options: { now: Date; source?: string }): Promise<FileValidation> {
  const loaded = await loadPlaybookFile(file, options.source !== undefined ? { source: options.source } : {});
  const diagnostics = [...loaded.diagnostics];
  const playbook = loaded.playbook;
  if (playbook) {
    const problems: MessageProblem[] = [];
    // Rendered once for both checks (every message for every channel); should rendering
    // itself fail, each check tries again and reports it.
    let examples: ReturnType<typeof renderExamples> | undefined;
    try {
      examples = renderExamples(playbook, options.now);
    } catch {
      examples = undefined;
    }
    for (const check of [checkPlaybookMessages, lintPlaybookMessages]) {
      try {
        problems.push(...check(playbook, options.now, examples));
      } catch (error) {
        // a bug in a check must not hide the other results
        problems.push({ path: ['messages'], severity: 'error', message: `messages could not be checked: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    for (const p of problems) {
      diagnostics.push({ file, ...(loaded.positionOf(p.path) ?? {}), message: p.message, severity: p.severity });
    }
  }
  const valid = !diagnostics.some((d) => d.severity === 'error');
  return {
    file,
    ...(playbook ? { id: playbook.id, lang: playbook.lang } : {}),
    valid,
    ...(playbook && valid ? { playbook } : {}),
    diagnostics: sortDiagnostics(diagnostics),
  };
}
