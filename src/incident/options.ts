/** Option values and labels of `choice` and `multi` questions. */
import type { Step, StepOption } from '../playbook/schema.js';

/** The value recorded for an option. */
export function optionValue(option: StepOption): string {
  return typeof option === 'string' ? option : String(option.value);
}

/** The label template shown for an option (may contain Handlebars). */
export function optionLabel(option: StepOption): string {
  return typeof option === 'string' ? option : option.label;
}

/** Every option value of a step. */
export function optionValues(step: Step): string[] {
  return (step.options ?? []).map(optionValue);
}
