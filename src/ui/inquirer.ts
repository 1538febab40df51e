/**
 * The prompts the walkthrough uses, by name, so that the bundle holds these
 * and not the whole of @inquirer/prompts: its editor prompt alone brings
 * iconv-lite's encoding tables (600 kB), which every first prompt would load.
 * prompts.ts imports this module when it first asks something.
 */
export { checkbox, confirm, input, select } from '@inquirer/prompts';
