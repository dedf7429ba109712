// hono/jsx keeps `useContext` values across `await` with an AsyncLocalStorage that it creates on the first render.
// On Node 20 a running AsyncLocalStorage turns on promise hooks for the whole process, so every promise of every
// request (database, Redis, HTTP) pays for them: 13% of the app's CPU in the 공감 storm (bench:supports profile).
// Madang's views use no JSX context, so hono/jsx is made to probe once without finding AsyncLocalStorage; it then
// renders with its synchronous fallback store, which is exact for components that read no context after an await.
import { raw } from 'hono/html';
import { jsx } from 'hono/jsx';

let done = false;

/** Call before the first render (createApp does). Idempotent. */
export function renderWithoutAsyncHooks(): void {
  if (done) return;
  done = true;
  const proc = process as unknown as { getBuiltinModule?: (id: string) => unknown };
  const original = proc.getBuiltinModule;
  if (!original) return;
  proc.getBuiltinModule = (id: string) =>
    id === 'node:async_hooks' || id === 'async_hooks' ? undefined : original.call(process, id);
  try {
    String(jsx('p', {}, raw(''))); // the first render makes hono/jsx probe for AsyncLocalStorage, once
  } finally {
    proc.getBuiltinModule = original;
  }
}
