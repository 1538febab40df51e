import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';

/** `crisis resume`: not available yet. */
export async function run(_ctx: CommandContext, _input: Record<string, unknown>): Promise<number> {
  throw new UserError('"crisis resume" is not available yet in this version.');
}
