/**
 * The prompts the walkthrough uses, by name, so that the bundle holds these
 * and not the whole of @inquirer/prompts: its editor prompt alone brings
 * iconv-lite's encoding tables (600 kB), which every first prompt would load.
 * prompts.ts imports this module when it first asks something.
 *
 * inquirer draws on the terminal itself, not through the command's output
 * streams: the texts it is given (questions, choices, defaults, from the
 * playbook and the answers) have their control characters made visible here.
 */
import { checkbox as inquirerCheckbox, input as inquirerInput, select as inquirerSelect } from '@inquirer/prompts';
import { forTerminal } from './sanitize.js';
import { yesNo as yesNoPrompt } from './yes-no-prompt.js';

function safeConfig<C extends object>(config: C): C {
  const out = { ...config } as Record<string, unknown>;
  for (const key of ['message', 'default'] as const) if (typeof out[key] === 'string') out[key] = forTerminal(out[key]);
  if (Array.isArray(out.choices)) {
    out.choices = out.choices.map((c: unknown) => {
      if (typeof c !== 'object' || c === null) return c;
      const choice = { ...(c as Record<string, unknown>) };
      for (const key of ['name', 'short'] as const) if (typeof choice[key] === 'string') choice[key] = forTerminal(choice[key]);
      return choice;
    });
  }
  return out as C;
}

export const input: typeof inquirerInput = (config, context) => inquirerInput(safeConfig(config), context);
export const yesNo: typeof yesNoPrompt = (config, context) => yesNoPrompt(safeConfig(config), context);
export const select = ((config, context) => inquirerSelect(safeConfig(config), context)) as typeof inquirerSelect;
export const checkbox = ((config, context) => inquirerCheckbox(safeConfig(config), context)) as typeof inquirerCheckbox;
