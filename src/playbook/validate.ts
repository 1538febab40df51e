/**
 * `crisis validate` for one file: the loader's checks, then every message
 * rendered for every channel with the variables' examples (limits, template
 * errors) and the message lint, all as positioned diagnostics.
 *
 * The examples are rendered at a fixed moment, VALIDATION_MOMENT, not at the
 * time of the run: a playbook's verdict then depends on its text alone, so CI
 * does not pass on a Monday and fail on a Wednesday, and the verdict can be
 * kept in the playbook cache with the file's key.
 */
import { sortDiagnostics, type Diagnostic } from '../errors.js';
import { toCached, writeCached, type PlaybookCache } from './cache.js';
import { loadPlaybookFile, positionsOf, type LoadResult } from './load.js';
import type { DataPath } from './problem.js';
import type { Playbook } from './schema.js';
import { missingStageWarnings } from './references.js';
import { authoringWords } from './words.js';

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

/**
 * When messages are rendered for validation, in local time: dates and times
 * print at about their longest in English and French (Wednesday, September,
 * a two-digit day, 12:58 PM), so a text that fits then fits on most days.
 */
export function validationMoment(): Date {
  return new Date(2028, 8, 27, 12, 58);
}

/** Options of `validatePlaybookFile`. */
export interface ValidateOptions {
  /** The file's text when already in memory. */
  source?: string;
  /** Where verdicts are kept between runs; none by default. */
  cache?: PlaybookCache | undefined;
  /** Renders the examples at this moment instead of `validationMoment()` (and uses no cached checks). */
  now?: Date;
  /** The language to speak when the file declares none (the environment's); English by default. */
  lang?: string | undefined;
}

/** The message checks of a loaded playbook: every message rendered for every channel, then linted. */
async function checkMessages(file: string, loaded: LoadResult & { playbook: Playbook }, now: Date): Promise<Diagnostic[]> {
  // loaded here, not up front: a verdict from the cache needs none of them
  const [{ checkPlaybookMessages }, { renderExamples }, { lintPlaybookMessages }] = await Promise.all([
    import('../messages/check.js'),
    import('../messages/examples.js'),
    import('../messages/lint.js'),
  ]);
  const { playbook } = loaded;
  const w = authoringWords({ data: playbook });
  const problems: MessageProblem[] = [];
  // Rendered once for both checks (every message for every channel); should rendering
  // itself fail, each check tries again and reports it.
  let examples: ReturnType<typeof renderExamples> | undefined;
  try {
    examples = renderExamples(playbook, now);
  } catch {
    examples = undefined;
  }
  const checks = [() => checkPlaybookMessages(playbook, now, examples), () => lintPlaybookMessages(playbook, now, examples), () => missingStageWarnings(playbook, w)];
  for (const check of checks) {
    try {
      problems.push(...check());
    } catch (error) {
      // a bug in a check must not hide the other results
      problems.push({ path: ['messages'], severity: 'error', message: w.uncheckable(error instanceof Error ? error.message : String(error)) });
    }
  }
  const positionOf = problems.length > 0 ? await positionsOf(file, loaded) : undefined;
  return problems.map((p) => ({ file, ...(positionOf?.(p.path) ?? {}), message: p.message, severity: p.severity }));
}

/** Validates one playbook file; never throws on bad input. */
export async function validatePlaybookFile(file: string, options: ValidateOptions = {}): Promise<FileValidation> {
  const { cache } = options;
  // at the validation moment the verdict depends on the text alone: it is kept with the
  // playbook, in the entry validate writes itself (the loader writes none then)
  const atMoment = options.now === undefined;
  const loaded = await loadPlaybookFile(file, { ...(options.source !== undefined ? { source: options.source } : {}), cache, keep: !atMoment, lang: options.lang });
  const diagnostics = [...loaded.diagnostics];
  const playbook = loaded.playbook;
  if (playbook) {
    if (atMoment && loaded.cachedChecks) {
      diagnostics.push(...loaded.cachedChecks.map((d) => ({ file, ...d })));
    } else {
      const checks = await checkMessages(file, { ...loaded, playbook }, options.now ?? validationMoment());
      diagnostics.push(...checks);
      if (atMoment && cache && loaded.cacheKey) {
        const warnings = loaded.diagnostics.map(toCached);
        writeCached(cache, loaded.cacheKey, { playbook, warnings, checks: checks.map(toCached) });
      }
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
