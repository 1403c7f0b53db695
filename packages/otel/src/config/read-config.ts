import {
  DEFAULTS,
  ENV,
  METRIC_EXPORTERS,
  OTLP_PROTOCOLS,
  SAMPLERS,
  TRACE_EXPORTERS,
  type MetricExporterName,
  type OtlpProtocol,
  type SamplerName,
  type TraceExporterName,
} from './env-vars.js';
import {
  HEADER_RULES,
  redactHeaderValues,
  isHttpUrl,
  isListenHost,
  parseBoolean,
  parseInteger,
  parseKeyValueList,
  parseName,
  parseNameList,
  parseRatio,
  RESOURCE_ATTRIBUTE_RULES,
} from './parsers.js';
import type { ProblemSink } from './problems.js';
import { ATTR_SERVICE_NAME } from '../semconv.js';

/** Per-signal OTLP settings. Endpoint, headers, timeout and TLS are left to the exporter's own env reading. */
export interface OtlpSignalConfig {
  readonly protocol: OtlpProtocol;
  /** Set only when the endpoint variable was invalid: the URL to use instead. */
  readonly urlOverride: string | undefined;
}

/** A sampler to pass explicitly; only set when the sampler variables were invalid. */
export interface SamplerFallback {
  readonly name: SamplerName;
  readonly ratio: number;
}

/** Everything `startTelemetry` needs from the environment, validated. */
export interface TelemetryConfig {
  readonly disabled: boolean;
  readonly traceExporters: readonly TraceExporterName[];
  readonly metricExporters: readonly MetricExporterName[];
  readonly tracesOtlp: OtlpSignalConfig;
  readonly metricsOtlp: OtlpSignalConfig;
  /** `undefined` host: all interfaces (the exporter's default). */
  readonly prometheusHost: string | undefined;
  readonly prometheusPort: number;
  readonly metricExportIntervalMillis: number;
  readonly metricExportTimeoutMillis: number;
  readonly samplerFallback: SamplerFallback | undefined;
  /** `service.name` as the environment sets it (OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES). */
  readonly envServiceName: string | undefined;
  /** Whether OTEL_LOGS_EXPORTER is set (featurescope's default is no log export). */
  readonly logsExporterSet: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const list = (values: readonly string[]): string => values.join(', ');

/** Reads and validates the variables; every unusable value goes to `report` exactly as found. */
export function readTelemetryConfig(env: Env, report: ProblemSink): TelemetryConfig {
  const get = (name: string): string | undefined => {
    const value = env[name];
    // The specification treats an empty value as unset.
    return value === undefined || value.trim() === '' ? undefined : value;
  };

  const disabledRaw = get(ENV.SDK_DISABLED);
  let disabled = false;
  if (disabledRaw !== undefined) {
    const parsed = parseBoolean(disabledRaw);
    if (parsed === undefined) report({ variable: ENV.SDK_DISABLED, value: disabledRaw, accepted: 'true, false', fallback: 'the default, false' });
    disabled = parsed ?? false;
  }

  const traceExporters = readExporters(get(ENV.TRACES_EXPORTER), ENV.TRACES_EXPORTER, TRACE_EXPORTERS, DEFAULTS.traceExporters, report);
  const metricExporters = readExporters(get(ENV.METRICS_EXPORTER), ENV.METRICS_EXPORTER, METRIC_EXPORTERS, DEFAULTS.metricExporters, report);

  const protocol = (variable: string): OtlpProtocol | undefined => {
    const raw = get(variable);
    if (raw === undefined) return undefined;
    const parsed = parseName(raw, OTLP_PROTOCOLS);
    if (parsed === undefined) report({ variable, value: raw, accepted: list(OTLP_PROTOCOLS), fallback: `the default, ${DEFAULTS.otlpProtocol}` });
    return parsed;
  };
  const genericProtocol = protocol(ENV.OTLP_PROTOCOL);
  const tracesProtocol = protocol(ENV.OTLP_TRACES_PROTOCOL) ?? genericProtocol ?? DEFAULTS.otlpProtocol;
  const metricsProtocol = protocol(ENV.OTLP_METRICS_PROTOCOL) ?? genericProtocol ?? DEFAULTS.otlpProtocol;

  const genericEndpoint = readEndpoint(get(ENV.OTLP_ENDPOINT), ENV.OTLP_ENDPOINT, report);
  const tracesOtlp: OtlpSignalConfig = {
    protocol: tracesProtocol,
    urlOverride: endpointOverride(get(ENV.OTLP_TRACES_ENDPOINT), ENV.OTLP_TRACES_ENDPOINT, genericEndpoint, tracesProtocol, 'v1/traces', report),
  };
  const metricsOtlp: OtlpSignalConfig = {
    protocol: metricsProtocol,
    urlOverride: endpointOverride(get(ENV.OTLP_METRICS_ENDPOINT), ENV.OTLP_METRICS_ENDPOINT, genericEndpoint, metricsProtocol, 'v1/metrics', report),
  };

  for (const variable of [ENV.OTLP_HEADERS, ENV.OTLP_TRACES_HEADERS, ENV.OTLP_METRICS_HEADERS]) {
    const raw = get(variable);
    if (raw !== undefined && parseKeyValueList(raw, HEADER_RULES) === undefined) {
      // Header values are usually credentials: the report shows their keys only.
      report({ variable, value: redactHeaderValues(raw), accepted: 'comma-separated key=value pairs, percent-encoded', fallback: 'the valid entries only (malformed entries are dropped)' });
    }
  }

  const hostRaw = get(ENV.PROMETHEUS_HOST);
  let prometheusHost: string | undefined;
  if (hostRaw !== undefined) {
    if (isListenHost(hostRaw)) prometheusHost = hostRaw.trim();
    else {
      report({ variable: ENV.PROMETHEUS_HOST, value: hostRaw, accepted: 'a host name or IP address to listen on', fallback: 'all IPv4 interfaces, 0.0.0.0' });
      prometheusHost = '0.0.0.0';
    }
  }
  const prometheusPort = readInteger(get(ENV.PROMETHEUS_PORT), ENV.PROMETHEUS_PORT, 1, 65_535, DEFAULTS.prometheusPort, 'a port number from 1 to 65535', report);
  const metricExportIntervalMillis = readInteger(get(ENV.METRIC_EXPORT_INTERVAL), ENV.METRIC_EXPORT_INTERVAL, 1, 2 ** 31 - 1, DEFAULTS.metricExportIntervalMillis, 'a positive integer (milliseconds)', report);
  const timeoutMillis = readInteger(get(ENV.METRIC_EXPORT_TIMEOUT), ENV.METRIC_EXPORT_TIMEOUT, 1, 2 ** 31 - 1, DEFAULTS.metricExportTimeoutMillis, 'a positive integer (milliseconds)', report);

  const { envServiceName } = readResource(get(ENV.SERVICE_NAME), get(ENV.RESOURCE_ATTRIBUTES), report);

  return Object.freeze({
    disabled,
    traceExporters,
    metricExporters,
    tracesOtlp,
    metricsOtlp,
    prometheusHost,
    prometheusPort,
    metricExportIntervalMillis,
    // The SDK requires timeout <= interval; it clamps the same way.
    metricExportTimeoutMillis: Math.min(timeoutMillis, metricExportIntervalMillis),
    samplerFallback: readSampler(get(ENV.TRACES_SAMPLER), get(ENV.TRACES_SAMPLER_ARG), report),
    envServiceName,
    logsExporterSet: get(ENV.LOGS_EXPORTER) !== undefined,
  });
}

function readExporters<T extends string>(
  raw: string | undefined,
  variable: string,
  accepted: readonly T[],
  fallback: readonly Exclude<T, 'none'>[],
  report: ProblemSink,
): readonly Exclude<T, 'none'>[] {
  if (raw === undefined) return fallback;
  const parsed = parseNameList(raw, accepted);
  if (parsed === undefined) {
    report({ variable, value: raw, accepted: `${list(accepted)} (comma-separated; none alone)`, fallback: `the default, ${fallback.length === 0 ? 'none' : list(fallback)}` });
    return fallback;
  }
  return parsed.filter((name): name is Exclude<T, 'none'> => name !== 'none');
}

function readInteger(raw: string | undefined, variable: string, min: number, max: number, fallback: number, accepted: string, report: ProblemSink): number {
  if (raw === undefined) return fallback;
  const parsed = parseInteger(raw, min, max);
  if (parsed === undefined) report({ variable, value: raw, accepted, fallback: `the default, ${fallback}` });
  return parsed ?? fallback;
}

/** The generic endpoint if it is usable, else `undefined` (reported). */
function readEndpoint(raw: string | undefined, variable: string, report: ProblemSink): { raw: string | undefined; valid: boolean } {
  if (raw === undefined) return { raw, valid: true };
  const valid = isHttpUrl(raw);
  if (!valid) report({ variable, value: raw, accepted: 'an absolute http:// or https:// URL', fallback: 'the default endpoint' });
  return { raw, valid };
}

/**
 * The exporters read the endpoint variables themselves; this only computes a replacement URL
 * when the variable they would read is unusable, so the fallback is the documented default.
 */
function endpointOverride(
  specificRaw: string | undefined,
  specificVariable: string,
  generic: { raw: string | undefined; valid: boolean },
  protocol: OtlpProtocol,
  signalPath: string,
  report: ProblemSink,
): string | undefined {
  const defaultBase = protocol === 'grpc' ? DEFAULTS.otlpGrpcEndpoint : DEFAULTS.otlpHttpEndpoint;
  const withPath = (base: string): string => (protocol === 'grpc' ? base : `${base.replace(/\/+$/, '')}/${signalPath}`);
  if (specificRaw !== undefined) {
    if (isHttpUrl(specificRaw)) return undefined;
    report({ variable: specificVariable, value: specificRaw, accepted: 'an absolute http:// or https:// URL', fallback: `${ENV.OTLP_ENDPOINT} or the default endpoint` });
    return withPath(generic.raw !== undefined && generic.valid ? generic.raw.trim() : defaultBase);
  }
  return generic.raw !== undefined && !generic.valid ? withPath(defaultBase) : undefined;
}

function readResource(serviceName: string | undefined, attributesRaw: string | undefined, report: ProblemSink): { envServiceName: string | undefined } {
  let fromAttributes: string | undefined;
  if (attributesRaw !== undefined) {
    const parsed = parseKeyValueList(attributesRaw, RESOURCE_ATTRIBUTE_RULES);
    if (parsed === undefined) {
      report({
        variable: ENV.RESOURCE_ATTRIBUTES,
        value: attributesRaw,
        accepted: 'comma-separated key=value pairs with "," and "=" percent-encoded, at most 255 characters each',
        fallback: 'no attributes from this variable (the SDK discards it whole)',
      });
    } else {
      fromAttributes = parsed[ATTR_SERVICE_NAME] || undefined;
    }
  }
  return { envServiceName: serviceName?.trim() ?? fromAttributes };
}

function readSampler(nameRaw: string | undefined, argRaw: string | undefined, report: ProblemSink): SamplerFallback | undefined {
  if (nameRaw === undefined && argRaw === undefined) return undefined;
  let name: SamplerName = DEFAULTS.sampler;
  let invalid = false;
  if (nameRaw !== undefined) {
    const parsed = parseName(nameRaw, SAMPLERS);
    if (parsed === undefined) {
      report({ variable: ENV.TRACES_SAMPLER, value: nameRaw, accepted: list(SAMPLERS), fallback: `the default, ${DEFAULTS.sampler}` });
      invalid = true;
    } else name = parsed;
  }
  let ratio: number = DEFAULTS.samplerRatio;
  // The argument only means something to the ratio samplers; the specification says to ignore it otherwise.
  if (argRaw !== undefined && name.endsWith('traceidratio')) {
    const parsed = parseRatio(argRaw);
    if (parsed === undefined) {
      report({ variable: ENV.TRACES_SAMPLER_ARG, value: argRaw, accepted: 'a number from 0 to 1', fallback: `the default ratio, ${DEFAULTS.samplerRatio}` });
      invalid = true;
    } else ratio = parsed;
  }
  return invalid ? { name, ratio } : undefined;
}
