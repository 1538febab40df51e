import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';

/** `crisis status`: not available yet. */
export async function run(_ctx: CommandContext, _input: Record<string, unknown>): Promise<number> {
  throw new UserError('"crisis status" is not available yet in this version.');
}
