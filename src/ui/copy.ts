/**
 * Copying one channel's text, from `crisis announce --copy` and from the
 * walkthrough's copy keys, with one sentence saying where it went.
 */
import type { CommandContext, OutputStream } from '../context.js';
import { catalogueFor, fill } from '../i18n/index.js';
import { copyText, type CopyResult } from '../messages/clipboard.js';

/** What is copied for a channel: the subject first for an e-mail, as it is pasted. */
export interface CopyableChannel {
  label: string;
  text: string;
  subject?: string | undefined;
}

export function channelText(channel: CopyableChannel): string {
  return channel.subject !== undefined ? `${channel.subject}\n\n${channel.text}` : channel.text;
}

/** The sentence that says where a copy went, in `lang`. */
export function saidOfCopy(result: CopyResult, label: string, lang: string): string {
  const w = catalogueFor(lang).copy;
  if (!result.ok) return result.failure ? fill(w.copyFailed, result.failure) : w.notCopied;
  return fill((result.via === 'clipboard' ? w.toClipboard : w.toTerminal), label);
}

/** Copies a channel's text through the one copy path; returns the sentence to show. */
export async function copyChannelText(
  ctx: Pick<CommandContext, 'env' | 'stdout' | 'stderr'>,
  channel: CopyableChannel,
  lang: string,
  terminals: OutputStream[] = [ctx.stdout, ctx.stderr],
): Promise<string> {
  const result = await copyText(channelText(channel), { env: ctx.env, terminals });
  return saidOfCopy(result, channel.label, lang);
}
