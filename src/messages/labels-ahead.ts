/**
 * The option labels of the built-in playbooks that are templates, compiled
 * by the message engine when crisis is built (see src/template/ahead.ts).
 * Build time only: it parses playbooks, which no command that renders a
 * label needs to load for it.
 */
import { checkPlaybookText } from '../playbook/parse.js';
import type { CompiledTemplates } from '../template/ahead.js';
import { precompileTemplate } from './template.js';
import { optionLabelSource } from './view.js';

/** The labels holding an expression, as the playbooks `files` (name and text) load, each with its code, in order and once. */
export function compileBuiltInLabels(files: ReadonlyArray<{ name: string; text: string }>): CompiledTemplates {
  const compiled = new Map<string, string>();
  for (const { name, text } of files) {
    const { playbook } = checkPlaybookText(name, text);
    if (!playbook) throw new Error(`playbooks/${name} does not load`);
    for (const phase of playbook.phases) {
      for (const step of phase.steps) {
        for (const option of step.options ?? []) {
          const label = optionLabelSource(option);
          if (!label.includes('{{') || compiled.has(label)) continue;
          const code = precompileTemplate(label);
          if (code === undefined) throw new Error(`playbooks/${name}: the label "${label}" does not compile`);
          compiled.set(label, code);
        }
      }
    }
  }
  return [...compiled];
}
