// A separate writer process for the store concurrency tests. It imports the
// built store, waits for a shared start time so all writers collide, then
// appends `count` notes, all in one call ("batch") or one call each ("single").
// Usage: node append-child.mjs <dataDir> <incidentId> <writer> <count> <batch|single> <startAtMs> [pause]
// With `pause` = `read` or `write`, the process stops itself (SIGSTOP) once,
// after its first read of the log or right before its first write to it, and
// says "paused" on stdout first: a writer stalled while it holds the lock.
import { open } from 'node:fs/promises';
import { appendEvents } from '../../dist/incident/store.js';

const [dataDir, id, writer, countText, mode, startAtText, pause] = process.argv.slice(2);
const count = Number(countText);

if (pause === 'read' || pause === 'write') {
  // FileHandle is not exported: take its prototype from a handle on this file.
  const probe = await open(new URL(import.meta.url), 'r');
  const proto = Object.getPrototypeOf(probe);
  await probe.close();
  const original = proto[pause];
  let paused = false;
  proto[pause] = async function (...args) {
    const stop = () => {
      paused = true;
      process.stdout.write('paused\n', () => process.kill(process.pid, 'SIGSTOP'));
      // the signal is sent once stdout has taken the line; wait for it to act
      return new Promise((resolve) => setTimeout(resolve, 50));
    };
    if (pause === 'write' && !paused) await stop();
    const result = await original.apply(this, args);
    if (pause === 'read' && !paused) await stop();
    return result;
  };
}

const wait = Number(startAtText) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

const note = (i) => ({ type: 'note', at: new Date().toISOString(), text: `${writer}:${i}`, by: writer });
try {
  if (mode === 'batch') {
    await appendEvents(dataDir, id, Array.from({ length: count }, (_, i) => note(i)));
  } else {
    for (let i = 0; i < count; i++) await appendEvents(dataDir, id, [note(i)]);
  }
} catch (error) {
  process.stderr.write(`${writer}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
