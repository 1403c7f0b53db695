/**
 * Decoded OTLP export requests as plain objects. Field names follow the OTLP/JSON mapping
 * (camelCase); ids are lowercase hex; 64-bit timestamps stay exact as `bigint` nanoseconds.
 */

/** An attribute value (OTLP AnyValue): int64 becomes a number when it is safe, else a bigint. */
export type OtlpValue = string | boolean | number | bigint | Uint8Array | null | readonly OtlpValue[] | { readonly [key: string]: OtlpValue };
export type OtlpAttributes = Record<string, OtlpValue>;

export interface OtlpResource {
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: OtlpAttributes;
}

export interface OtlpSpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: OtlpAttributes;
}

export interface OtlpSpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: OtlpAttributes;
}

/** Span.SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  traceState: string;
  /** Empty string for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: OtlpAttributes;
  events: OtlpSpanEvent[];
  links: OtlpSpanLink[];
  /** Status.StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  flags: number;
}

export interface OtlpScopeSpans {
  scope: OtlpScope;
  spans: OtlpSpan[];
  schemaUrl: string;
}

export interface OtlpResourceSpans {
  resource: OtlpResource;
  scopeSpans: OtlpScopeSpans[];
  schemaUrl: string;
}

/** ExportTraceServiceRequest. */
export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

export interface OtlpNumberDataPoint {
  kind: 'number';
  attributes: OtlpAttributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  /** as_double, or as_int converted to a number. */
  value: number;
  flags: number;
}

export interface OtlpHistogramDataPoint {
  kind: 'histogram';
  attributes: OtlpAttributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number | undefined;
  /** Per-bucket counts (not cumulative); one more than `explicitBounds`. */
  bucketCounts: number[];
  explicitBounds: number[];
  min: number | undefined;
  max: number | undefined;
  flags: number;
}

export interface OtlpExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

export interface OtlpExponentialHistogramDataPoint {
  kind: 'exponentialHistogram';
  attributes: OtlpAttributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number | undefined;
  scale: number;
  zeroCount: number;
  positive: OtlpExponentialBuckets;
  negative: OtlpExponentialBuckets;
  min: number | undefined;
  max: number | undefined;
  zeroThreshold: number;
  flags: number;
}

export interface OtlpSummaryDataPoint {
  kind: 'summary';
  attributes: OtlpAttributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
  flags: number;
}

export type OtlpDataPoint = OtlpNumberDataPoint | OtlpHistogramDataPoint | OtlpExponentialHistogramDataPoint | OtlpSummaryDataPoint;

/** AggregationTemporality: 0 unspecified, 1 delta, 2 cumulative. */
export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  type: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary' | 'unknown';
  aggregationTemporality: number;
  isMonotonic: boolean;
  dataPoints: OtlpDataPoint[];
}

export interface OtlpScopeMetrics {
  scope: OtlpScope;
  metrics: OtlpMetric[];
  schemaUrl: string;
}

export interface OtlpResourceMetrics {
  resource: OtlpResource;
  scopeMetrics: OtlpScopeMetrics[];
  schemaUrl: string;
}

/** ExportMetricsServiceRequest. */
export interface OtlpMetricsRequest {
  resourceMetrics: OtlpResourceMetrics[];
}
