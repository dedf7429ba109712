// Structured logs. Personal data never goes in: the redaction list is a safety net, not the plan.
import { pino, type Logger } from 'pino';

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['req.headers.cookie', 'cookie', 'password', 'ci', 'di', 'personKey', 'person_key', 'birthDate', 'phone', 'email', 'body'],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
