// Coalescing of concurrent calls into one database statement. In a 공감 storm a hundred requests want the same
// kind of query at once; each statement costs a round trip, a socket write and a PostgreSQL parse/plan/execute, and
// that per-statement cost, not the rows, limited the app (bench:supports). A batcher runs at most `maxInFlight`
// statements; calls arriving meanwhile wait and go together in the next one. An idle server runs a lone call at
// once (after the current I/O phase), so batching adds no delay when there is no load.

/**
 * maxInFlight 4 measured best for 공감 on one instance (bench:supports, three interleaved rounds: 2 → ≈1,800/s,
 * 4 → ≈2,200/s, 8 → ≈2,200/s with a slower page); three batched lookups × 4 stay within the pool of 10 most of the time.
 */
export interface BatchOptions {
  maxInFlight?: number;
  maxSize?: number;
}
type Pending<I, O> = { input: I; resolve(o: O): void; reject(e: unknown): void };

/**
 * Wraps `run`, which takes many inputs and returns one output per input in the same order. Each caller's promise
 * settles with its own output; if the batch fails, every caller in it gets the error (nothing was acknowledged).
 */
export function batcher<I, O>(run: (inputs: I[]) => Promise<O[]>, o: BatchOptions = {}): (input: I) => Promise<O> {
  const maxInFlight = o.maxInFlight ?? 4,
    maxSize = o.maxSize ?? 256;
  let queue: Pending<I, O>[] = [];
  let inFlight = 0,
    scheduled = false;

  const flush = () => {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length) {
      const batch = queue.length <= maxSize ? queue : queue.slice(0, maxSize);
      queue = batch === queue ? [] : queue.slice(maxSize);
      inFlight++;
      Promise.resolve()
        .then(() => run(batch.map((b) => b.input)))
        .then(
          (outs) => {
            for (let i = 0; i < batch.length; i++) batch[i].resolve(outs[i]);
          },
          (e) => {
            for (const b of batch) b.reject(e);
          },
        )
        .finally(() => {
          inFlight--;
          if (queue.length) schedule();
        });
    }
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}

/** One batcher per database handle (each test has its own database; a transaction is never batched). */
export function perHandle<K extends object, F>(make: (key: K) => F): (key: K) => F {
  const m = new WeakMap<K, F>();
  return (key) => {
    let f = m.get(key);
    if (!f) {
      f = make(key);
      m.set(key, f);
    }
    return f;
  };
}

/**
 * A lookup of one row by key whose concurrent calls become one `… where key in (…)` query. Inside a transaction
 * the lookup runs alone, on the transaction.
 */
export function batchedLookup<D extends { isTransaction: boolean }, K, R>(
  select: (db: D, keys: K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
  o: BatchOptions = {},
): (db: D, key: K) => Promise<R | undefined> {
  const forHandle = perHandle((db: D) =>
    batcher(async (keys: K[]) => {
      const rows = new Map((await select(db, [...new Set(keys)])).map((r) => [keyOf(r), r]));
      return keys.map((k) => rows.get(k));
    }, o),
  );
  return (db, key) => (db.isTransaction ? select(db, [key]).then((rows) => rows[0]) : forHandle(db)(key));
}
