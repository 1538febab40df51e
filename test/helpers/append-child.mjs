// A separate writer process for the store concurrency test. It imports the
// built store, waits for a shared start time so all writers collide, then
// appends `count` notes, all in one call ("batch") or one call each ("single").
// Usage: node append-child.mjs <dataDir> <incidentId> <writer> <count> <batch|single> <startAtMs>
import { appendEvents } from '../../dist/incident/store.js';

const [dataDir, id, writer, countText, mode, startAtText] = process.argv.slice(2);
const count = Number(countText);
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
