import { trace } from '@opentelemetry/api';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Log fields: counts, names, codes and durations. Never entity ids or feature values. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface JsonLogger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * One JSON object per line on stdout, with the active span's `trace_id`/`span_id` so a log line
 * leads to its trace. `LOG_LEVEL` (debug, info, warn, error) sets the threshold; default info.
 */
export function createJsonLogger(service: string, write: (line: string) => void = (line) => process.stdout.write(line)): JsonLogger {
  const threshold = LEVELS[(process.env.LOG_LEVEL ?? 'info') as LogLevel] ?? LEVELS.info;
  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (LEVELS[level] < threshold) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, service, msg: message, ...fields };
    const context = trace.getActiveSpan()?.spanContext();
    if (context !== undefined && context.traceFlags !== 0) {
      record.trace_id = context.traceId;
      record.span_id = context.spanId;
    }
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    log,
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
