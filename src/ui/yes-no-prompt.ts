/**
 * A yes/no question answered by a typed letter and Enter. Unlike inquirer's
 * confirm, it may have no default: an answer that changes the facts (is this
 * a total outage?) takes an explicit yes or no, and Enter alone says how to
 * answer and records nothing. With a default (the confirmations before what
 * ends an incident: no), Enter alone takes it, and the hint shows it in
 * capitals as inquirer does: (y/N).
 */
import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState, type Theme } from '@inquirer/core';

export interface YesNoConfig {
  message: string;
  /** What Enter alone answers; none: Enter alone shows `words.needed`. */
  default?: boolean;
  words: {
    yes: string;
    no: string;
    /** Shown under the question when Enter is pressed with nothing typed and there is no default. */
    needed: string;
    /** Shown when what was typed is neither yes nor no. */
    unknown: string;
  };
  /** Only its style: the layout and words the prompter gives every prompt. */
  theme?: { style?: Partial<Theme['style']> };
}

/**
 * `typed` read as yes (true), no (false) or neither (undefined): the start of
 * the words in the question's language, or of the English yes and no (the
 * keys people type out of habit, in any language).
 */
export function readYesNo(typed: string, yes: string, no: string): boolean | undefined {
  const v = typed.trim().toLowerCase();
  if (v === '') return undefined;
  if (yes.toLowerCase().startsWith(v) || 'yes'.startsWith(v)) return true;
  if (no.toLowerCase().startsWith(v) || 'no'.startsWith(v)) return false;
  return undefined;
}

/** The hint after the question: the first letters, the default's in capitals: (y/n), (o/N). */
export function yesNoHint(yes: string, no: string, fallback?: boolean): string {
  const y = (yes[0] ?? '').toLowerCase();
  const n = (no[0] ?? '').toLowerCase();
  return `${fallback === true ? y.toUpperCase() : y}/${fallback === false ? n.toUpperCase() : n}`;
}

export const yesNo = createPrompt<boolean, YesNoConfig>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ status, theme });
  const { yes, no } = config.words;

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      const answer = value.trim() === '' ? config.default : readYesNo(value, yes, no);
      if (answer === undefined) {
        // the line event cleared what was typed: put it back beside the refusal
        rl.write(value);
        setError(value.trim() === '' ? config.words.needed : config.words.unknown);
        return;
      }
      setValue(answer ? yes : no);
      setStatus('done');
      done(answer);
    } else {
      setValue(rl.line);
      setError(undefined);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(value)}`;
  const hint = theme.style.defaultAnswer(yesNoHint(yes, no, config.default));
  return [`${prefix} ${message} ${hint} ${value}`, error ? theme.style.error(error) : ''];
});
