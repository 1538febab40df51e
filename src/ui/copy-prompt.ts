/**
 * The copy keys under an announcement: 1, 2, 3 ... copy that channel's
 * text (through the one copy path, src/ui/copy.ts) and say where it went;
 * Enter goes on. A prompt of its own (@inquirer/core), so that it reads keys
 * the way the other prompts do and gives the terminal back the same way.
 */
import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState, type Theme } from '@inquirer/core';
import { styleText } from 'node:util';

export interface CopyKeysConfig {
  message: string;
  /** How many channels there are: keys 1 to count (at most 9). */
  count: number;
  /** Copies the text of channel `index` (0-based); the sentence saying where it went. */
  copy: (index: number) => Promise<string>;
  /** Only its style: the layout and words the prompter gives every prompt. */
  theme?: { style?: Partial<Theme['style']> };
}

export const copyKeys = createPrompt<void, CopyKeysConfig>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [said, setSaid] = useState('');
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      setStatus('done');
      done();
      return;
    }
    rl.clearLine(0);
    const n = Number(key.name);
    if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, config.count)) {
      void config.copy(n - 1).then(setSaid, (error: unknown) => setSaid(String(error)));
    }
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message}`;
  return [`${prefix} ${message}`, said ? styleText('dim', said) : ''].filter(Boolean).join('\n');
});
