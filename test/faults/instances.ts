// `madang serve` processes of the fault test, on fixed ports (a killed instance comes back on its own port, as a
// service manager would restart it). Their output goes to a log file of the run for diagnosis.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { BIN, SECRET } from './check.ts';
import { sleep, waitForPort } from './services.ts';

export class Instance {
  child: ChildProcess | null = null;
  /** Exits nobody asked for: a crash of the app under a fault. */
  crashes = 0;
  private expectExit = false;
  constructor(
    readonly name: string,
    readonly port: number,
    private env: Record<string, string>,
    private logFile: string,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<number> {
    const t0 = Date.now();
    const fd = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        SECRET,
        LOG_LEVEL: 'warn',
        WRITE_LIMIT_PER_MINUTE: '100000',
        ...this.env,
      },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.expectExit = false;
    this.child = child;
    child.on('exit', () => {
      if (!this.expectExit) this.crashes++;
      if (this.child === child) this.child = null;
    });
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited with ${child.exitCode} while starting (log: ${this.logFile})`);
      if (await waitForPort(this.port, 500)) return Date.now() - t0;
    }
    throw new Error(`${this.name} did not start within ${timeoutMs} ms (log: ${this.logFile})`);
  }

  /** kill -9: no graceful stop, requests in flight are cut. */
  async kill9(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    this.expectExit = true;
    await new Promise((r) => {
      c.once('exit', r);
      c.kill('SIGKILL');
    });
  }

  /** A graceful stop (SIGTERM), forced after 30 s. */
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    this.expectExit = true;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)])) return;
    c.kill('SIGKILL');
    await exited;
  }

  alive() {
    return !!this.child && this.child.exitCode === null;
  }
}
