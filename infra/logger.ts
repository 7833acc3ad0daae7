import pino, { Logger } from 'pino';

/** JSON logs on stdout; the same logger Fastify uses for its request logs. */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger };
