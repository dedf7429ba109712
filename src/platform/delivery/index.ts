// Delivery wiring: the channels the configuration asks for, the delivery jobs, and the worker `madang serve` runs.
import type { Config } from '../config.ts';
import type { Database } from '../db.ts';
import type { Logger } from '../log.ts';
import { jobRegistry, Worker, type JobRegistry, type WorkerOptions } from '../jobs.ts';
import { emailChannel } from './email.ts';
import { gatewayChannel, textFileChannel } from './gateway.ts';
import { registerDeliveryJobs, type Channels } from './deliver.ts';

export type { Channels };

/** SMTP or .eml files; an HTTP gateway or JSON files, for SMS and 알림톡 each. */
export function channelsFromConfig(config: Config): Channels & { describe: string; close(): Promise<void> } {
  const email = emailChannel(config.mail);
  const sms = config.sms ? gatewayChannel('sms', config.sms) : textFileChannel('sms', config.textDir);
  const alimtalk = config.alimtalk
    ? gatewayChannel('kakao-alimtalk', config.alimtalk)
    : textFileChannel('kakao-alimtalk', config.textDir);
  const describe = `e-mail: ${email.kind === 'smtp' ? 'SMTP' : `files in ${config.mail.dir}`}; SMS: ${config.sms ? 'gateway' : `files in ${config.textDir}`}; 알림톡: ${config.alimtalk ? 'gateway' : `files in ${config.textDir}`}`;
  return {
    email,
    sms,
    alimtalk,
    describe,
    async close() {
      await email.close?.();
    },
  };
}

export interface Jobs {
  worker: Worker;
  channels: Channels;
  stop(): Promise<void>;
}

/**
 * Registers the delivery jobs and starts a worker on the queue (unless JOBS=off: an instance that only serves pages).
 * Several instances may each run one against the same database.
 */
export function startJobs(
  p: { db: Database; log: Logger; config: Config },
  o: WorkerOptions & { registry?: JobRegistry; channels?: Channels; start?: boolean } = {},
): Jobs {
  const registry = o.registry ?? jobRegistry;
  const made = o.channels ? null : channelsFromConfig(p.config);
  const channels = o.channels ?? made!;
  registerDeliveryJobs(registry, p.config, channels);
  const worker = new Worker(p, { ...o, registry });
  if (o.start ?? p.config.jobs.worker) {
    worker.start();
    p.log.info({ worker: worker.id, delivery: made?.describe }, 'job worker started');
  }
  return {
    worker,
    channels,
    async stop() {
      await worker.stop();
      await made?.close();
    },
  };
}
