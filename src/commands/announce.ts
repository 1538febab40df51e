import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';

/** `crisis announce`: not available yet. */
export async function run(_ctx: CommandContext, _input: Record<string, unknown>): Promise<number> {
  throw new UserError('"crisis announce" is not available yet in this version.');
}
