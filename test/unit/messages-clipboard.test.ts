import { afterEach, describe, expect, it } from 'vitest';
import { copyToClipboard } from '../../src/messages/clipboard.js';

const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('copyToClipboard', () => {
  it.runIf(process.platform === 'linux')('never throws without a graphical session and says why', async () => {
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    const result = await copyToClipboard('Messenger is down');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/no clipboard here .*DISPLAY/) });
  });
});
