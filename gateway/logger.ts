import { pino, type Logger } from 'pino';
import { redactUrl } from './store/couch-errors.js';

export type { Logger };

/** Keys whose values never reach a log, wherever they appear (one level deep). */
const REDACTED_PATHS = [
  'password',
  'token',
  'authorization',
  'couchUrl',
  'idNumber',
  'body',
  '*.password',
  '*.token',
  '*.authorization',
  '*.couchUrl',
  '*.idNumber',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Errors are logged with type, code, status and a stack with credentials in
 * URLs removed: a nano error's message can carry COUCHDB_URL.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactUrl(String(error)) };
  const fields = error as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  const serialized: Record<string, unknown> = {
    type: error.name,
    message: redactUrl(error.message),
    stack: error.stack ? redactUrl(error.stack) : undefined,
  };
  if (fields.code !== undefined) serialized.code = fields.code;
  if (fields.statusCode !== undefined) serialized.statusCode = fields.statusCode;
  if (fields.cause !== undefined) serialized.cause = serializeError(fields.cause);
  return serialized;
}

/** The gateway's structured logger (JSON lines on stdout). */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  const settings = {
    level: options.level,
    base: { service: 'tongban-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
