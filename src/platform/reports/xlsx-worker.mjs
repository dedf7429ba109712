// Runs readXlsx in a worker thread: exceljs builds its model synchronously (a 180,000-cell workbook held the event loop
// for 4 s), so the web server's thread only waits for the message. Plain .mjs so that it starts under `madang serve`
// (tsx registered in the main thread only) and under `node --import tsx` alike. One message { id, data } per workbook.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readXlsx } = await import('./xlsx.ts');
parentPort.on('message', async ({ id, data }) => {
  try {
    parentPort.postMessage({ id, ok: true, sheets: await readXlsx(data) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, message: String(e?.message ?? e) });
  }
});
