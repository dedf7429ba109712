// Structured logs. Personal data never goes in: the redaction list is a safety net, not the plan.
import { pino, type Logger, type DestinationStream } from 'pino';

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.cookie',
        'cookie',
        'password',
        'ci',
        'di',
        'personKey',
        'person_key',
        'birthDate',
        'phone',
        'email',
        'body',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
