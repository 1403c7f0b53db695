import { decodeResource, decodeScope, emptyResource, emptyScope, readAttribute } from './decode-common.js';
import { readMessage, readRepeatedDouble, readRepeatedFixed64, readRepeatedVarint } from './protobuf-reader.js';
import type {
  OtlpDataPoint,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpHistogramDataPoint,
  OtlpMetric,
  OtlpMetricsRequest,
  OtlpNumberDataPoint,
  OtlpResourceMetrics,
  OtlpScopeMetrics,
  OtlpSummaryDataPoint,
} from './otlp-types.js';

// Field numbers from opentelemetry/proto/metrics/v1/metrics.proto and
// collector/metrics/v1/metrics_service.proto.

/** ExportMetricsServiceRequest: 1 repeated ResourceMetrics. */
export function decodeMetricsRequest(bytes: Uint8Array): OtlpMetricsRequest {
  const request: OtlpMetricsRequest = { resourceMetrics: [] };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field !== 1) return false;
    request.resourceMetrics.push(decodeResourceMetrics(reader.bytes()));
    return true;
  });
  return request;
}

/** ResourceMetrics: 1 Resource, 2 repeated ScopeMetrics, 3 schema_url. */
function decodeResourceMetrics(bytes: Uint8Array): OtlpResourceMetrics {
  const result: OtlpResourceMetrics = { resource: emptyResource(), scopeMetrics: [], schemaUrl: '' };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) result.resource = decodeResource(reader.bytes());
    else if (field === 2) result.scopeMetrics.push(decodeScopeMetrics(reader.bytes()));
    else if (field === 3) result.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return result;
}

/** ScopeMetrics: 1 InstrumentationScope, 2 repeated Metric, 3 schema_url. */
function decodeScopeMetrics(bytes: Uint8Array): OtlpScopeMetrics {
  const result: OtlpScopeMetrics = { scope: emptyScope(), metrics: [], schemaUrl: '' };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) result.scope = decodeScope(reader.bytes());
    else if (field === 2) result.metrics.push(decodeMetric(reader.bytes()));
    else if (field === 3) result.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return result;
}

/** Metric: 1 name, 2 description, 3 unit; data oneof 5 Gauge, 7 Sum, 9 Histogram, 10 ExponentialHistogram, 11 Summary. */
function decodeMetric(bytes: Uint8Array): OtlpMetric {
  const metric: OtlpMetric = { name: '', description: '', unit: '', type: 'unknown', aggregationTemporality: 0, isMonotonic: false, dataPoints: [] };
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 1:
        metric.name = reader.string();
        return true;
      case 2:
        metric.description = reader.string();
        return true;
      case 3:
        metric.unit = reader.string();
        return true;
      case 5:
        metric.type = 'gauge';
        decodeData(reader.bytes(), metric, decodeNumberPoint);
        return true;
      case 7:
        metric.type = 'sum';
        decodeData(reader.bytes(), metric, decodeNumberPoint);
        return true;
      case 9:
        metric.type = 'histogram';
        decodeData(reader.bytes(), metric, decodeHistogramPoint);
        return true;
      case 10:
        metric.type = 'exponentialHistogram';
        decodeData(reader.bytes(), metric, decodeExponentialHistogramPoint);
        return true;
      case 11:
        metric.type = 'summary';
        decodeData(reader.bytes(), metric, decodeSummaryPoint);
        return true;
      default:
        return false;
    }
  });
  return metric;
}

/**
 * Gauge, Sum, Histogram, ExponentialHistogram and Summary share the layout
 * 1 repeated data_points, 2 aggregation_temporality, 3 is_monotonic (Sum only).
 */
function decodeData(bytes: Uint8Array, metric: OtlpMetric, decodePoint: (bytes: Uint8Array) => OtlpDataPoint): void {
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) metric.dataPoints.push(decodePoint(reader.bytes()));
    else if (field === 2) metric.aggregationTemporality = reader.uint32();
    else if (field === 3) metric.isMonotonic = reader.varint() !== 0n;
    else return false;
    return true;
  });
}

/** NumberDataPoint: 7 attributes, 2 start (fixed64), 3 time (fixed64), 4 as_double, 6 as_int (sfixed64), 8 flags. */
function decodeNumberPoint(bytes: Uint8Array): OtlpNumberDataPoint {
  const point: OtlpNumberDataPoint = { kind: 'number', attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, value: 0, flags: 0 };
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 2:
        point.startTimeUnixNano = reader.fixed64();
        return true;
      case 3:
        point.timeUnixNano = reader.fixed64();
        return true;
      case 4:
        point.value = reader.double();
        return true;
      case 6:
        point.value = Number(reader.sfixed64());
        return true;
      case 7:
        return readAttribute(reader, point.attributes);
      case 8:
        point.flags = reader.uint32();
        return true;
      default:
        return false;
    }
  });
  return point;
}

/**
 * HistogramDataPoint: 9 attributes, 2 start, 3 time, 4 count (fixed64), 5 sum (double),
 * 6 bucket_counts (packed fixed64), 7 explicit_bounds (packed double), 10 flags, 11 min, 12 max.
 */
function decodeHistogramPoint(bytes: Uint8Array): OtlpHistogramDataPoint {
  const point: OtlpHistogramDataPoint = {
    kind: 'histogram',
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0,
    sum: undefined,
    bucketCounts: [],
    explicitBounds: [],
    min: undefined,
    max: undefined,
    flags: 0,
  };
  readMessage(bytes, (field, wireType, reader) => {
    switch (field) {
      case 2:
        point.startTimeUnixNano = reader.fixed64();
        return true;
      case 3:
        point.timeUnixNano = reader.fixed64();
        return true;
      case 4:
        point.count = Number(reader.fixed64());
        return true;
      case 5:
        point.sum = reader.double();
        return true;
      case 6:
        readRepeatedFixed64(wireType, reader, point.bucketCounts);
        return true;
      case 7:
        readRepeatedDouble(wireType, reader, point.explicitBounds);
        return true;
      case 9:
        return readAttribute(reader, point.attributes);
      case 10:
        point.flags = reader.uint32();
        return true;
      case 11:
        point.min = reader.double();
        return true;
      case 12:
        point.max = reader.double();
        return true;
      default:
        return false;
    }
  });
  return point;
}

/**
 * ExponentialHistogramDataPoint: 1 attributes, 2 start, 3 time, 4 count, 5 sum, 6 scale (sint32),
 * 7 zero_count (fixed64), 8 positive, 9 negative, 10 flags, 12 min, 13 max, 14 zero_threshold.
 */
function decodeExponentialHistogramPoint(bytes: Uint8Array): OtlpExponentialHistogramDataPoint {
  const point: OtlpExponentialHistogramDataPoint = {
    kind: 'exponentialHistogram',
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0,
    sum: undefined,
    scale: 0,
    zeroCount: 0,
    positive: { offset: 0, bucketCounts: [] },
    negative: { offset: 0, bucketCounts: [] },
    min: undefined,
    max: undefined,
    zeroThreshold: 0,
    flags: 0,
  };
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 1:
        return readAttribute(reader, point.attributes);
      case 2:
        point.startTimeUnixNano = reader.fixed64();
        return true;
      case 3:
        point.timeUnixNano = reader.fixed64();
        return true;
      case 4:
        point.count = Number(reader.fixed64());
        return true;
      case 5:
        point.sum = reader.double();
        return true;
      case 6:
        point.scale = reader.sint();
        return true;
      case 7:
        point.zeroCount = Number(reader.fixed64());
        return true;
      case 8:
        point.positive = decodeBuckets(reader.bytes());
        return true;
      case 9:
        point.negative = decodeBuckets(reader.bytes());
        return true;
      case 10:
        point.flags = reader.uint32();
        return true;
      case 12:
        point.min = reader.double();
        return true;
      case 13:
        point.max = reader.double();
        return true;
      case 14:
        point.zeroThreshold = reader.double();
        return true;
      default:
        return false;
    }
  });
  return point;
}

/** ExponentialHistogramDataPoint.Buckets: 1 offset (sint32), 2 bucket_counts (packed uint64). */
function decodeBuckets(bytes: Uint8Array): OtlpExponentialBuckets {
  const buckets: OtlpExponentialBuckets = { offset: 0, bucketCounts: [] };
  readMessage(bytes, (field, wireType, reader) => {
    if (field === 1) buckets.offset = reader.sint();
    else if (field === 2) readRepeatedVarint(wireType, reader, buckets.bucketCounts);
    else return false;
    return true;
  });
  return buckets;
}

/** SummaryDataPoint: 7 attributes, 2 start, 3 time, 4 count (fixed64), 5 sum, 6 quantile_values, 8 flags. */
function decodeSummaryPoint(bytes: Uint8Array): OtlpSummaryDataPoint {
  const point: OtlpSummaryDataPoint = { kind: 'summary', attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, count: 0, sum: 0, quantileValues: [], flags: 0 };
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 2:
        point.startTimeUnixNano = reader.fixed64();
        return true;
      case 3:
        point.timeUnixNano = reader.fixed64();
        return true;
      case 4:
        point.count = Number(reader.fixed64());
        return true;
      case 5:
        point.sum = reader.double();
        return true;
      case 6: {
        // ValueAtQuantile: 1 quantile (double), 2 value (double).
        const entry = { quantile: 0, value: 0 };
        readMessage(reader.bytes(), (inner, _innerWire, innerReader) => {
          if (inner === 1) entry.quantile = innerReader.double();
          else if (inner === 2) entry.value = innerReader.double();
          else return false;
          return true;
        });
        point.quantileValues.push(entry);
        return true;
      }
      case 7:
        return readAttribute(reader, point.attributes);
      case 8:
        point.flags = reader.uint32();
        return true;
      default:
        return false;
    }
  });
  return point;
}
