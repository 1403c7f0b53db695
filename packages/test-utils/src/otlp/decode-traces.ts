import { decodeResource, decodeScope, emptyResource, emptyScope, readAttribute, toHex } from './decode-common.js';
import { readMessage } from './protobuf-reader.js';
import type { OtlpResourceSpans, OtlpScopeSpans, OtlpSpan, OtlpSpanEvent, OtlpSpanLink, OtlpTraceRequest } from './otlp-types.js';

// Field numbers from opentelemetry/proto/trace/v1/trace.proto and
// collector/trace/v1/trace_service.proto.

/** ExportTraceServiceRequest: 1 repeated ResourceSpans. */
export function decodeTraceRequest(bytes: Uint8Array): OtlpTraceRequest {
  const request: OtlpTraceRequest = { resourceSpans: [] };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field !== 1) return false;
    request.resourceSpans.push(decodeResourceSpans(reader.bytes()));
    return true;
  });
  return request;
}

/** ResourceSpans: 1 Resource, 2 repeated ScopeSpans, 3 schema_url. */
function decodeResourceSpans(bytes: Uint8Array): OtlpResourceSpans {
  const result: OtlpResourceSpans = { resource: emptyResource(), scopeSpans: [], schemaUrl: '' };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) result.resource = decodeResource(reader.bytes());
    else if (field === 2) result.scopeSpans.push(decodeScopeSpans(reader.bytes()));
    else if (field === 3) result.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return result;
}

/** ScopeSpans: 1 InstrumentationScope, 2 repeated Span, 3 schema_url. */
function decodeScopeSpans(bytes: Uint8Array): OtlpScopeSpans {
  const result: OtlpScopeSpans = { scope: emptyScope(), spans: [], schemaUrl: '' };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) result.scope = decodeScope(reader.bytes());
    else if (field === 2) result.spans.push(decodeSpan(reader.bytes()));
    else if (field === 3) result.schemaUrl = reader.string();
    else return false;
    return true;
  });
  return result;
}

/**
 * Span: 1 trace_id, 2 span_id, 3 trace_state, 4 parent_span_id, 5 name, 6 kind,
 * 7 start_time_unix_nano (fixed64), 8 end_time_unix_nano (fixed64), 9 attributes,
 * 11 events, 13 links, 15 status, 16 flags (fixed32).
 */
function decodeSpan(bytes: Uint8Array): OtlpSpan {
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    traceState: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: '' },
    flags: 0,
  };
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 1:
        span.traceId = toHex(reader.bytes());
        return true;
      case 2:
        span.spanId = toHex(reader.bytes());
        return true;
      case 3:
        span.traceState = reader.string();
        return true;
      case 4:
        span.parentSpanId = toHex(reader.bytes());
        return true;
      case 5:
        span.name = reader.string();
        return true;
      case 6:
        span.kind = reader.uint32();
        return true;
      case 7:
        span.startTimeUnixNano = reader.fixed64();
        return true;
      case 8:
        span.endTimeUnixNano = reader.fixed64();
        return true;
      case 9:
        return readAttribute(reader, span.attributes);
      case 11:
        span.events.push(decodeEvent(reader.bytes()));
        return true;
      case 13:
        span.links.push(decodeLink(reader.bytes()));
        return true;
      case 15:
        span.status = decodeStatus(reader.bytes());
        return true;
      case 16:
        span.flags = reader.fixed32();
        return true;
      default:
        return false;
    }
  });
  return span;
}

/** Span.Event: 1 time_unix_nano (fixed64), 2 name, 3 attributes. */
function decodeEvent(bytes: Uint8Array): OtlpSpanEvent {
  const event: OtlpSpanEvent = { timeUnixNano: 0n, name: '', attributes: {} };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) event.timeUnixNano = reader.fixed64();
    else if (field === 2) event.name = reader.string();
    else if (field === 3) return readAttribute(reader, event.attributes);
    else return false;
    return true;
  });
  return event;
}

/** Span.Link: 1 trace_id, 2 span_id, 3 trace_state, 4 attributes. */
function decodeLink(bytes: Uint8Array): OtlpSpanLink {
  const link: OtlpSpanLink = { traceId: '', spanId: '', traceState: '', attributes: {} };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) link.traceId = toHex(reader.bytes());
    else if (field === 2) link.spanId = toHex(reader.bytes());
    else if (field === 3) link.traceState = reader.string();
    else if (field === 4) return readAttribute(reader, link.attributes);
    else return false;
    return true;
  });
  return link;
}

/** Status: 2 message, 3 code. */
function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  const status = { code: 0, message: '' };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 2) status.message = reader.string();
    else if (field === 3) status.code = reader.uint32();
    else return false;
    return true;
  });
  return status;
}
