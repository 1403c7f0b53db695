import { readMessage, type ProtobufReader } from './protobuf-reader.js';
import type { OtlpAttributes, OtlpResource, OtlpScope, OtlpValue } from './otlp-types.js';

// Field numbers from opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto.

/** AnyValue: 1 string, 2 bool, 3 int64, 4 double, 5 ArrayValue, 6 KeyValueList, 7 bytes. */
export function decodeAnyValue(bytes: Uint8Array): OtlpValue {
  let value: OtlpValue = null;
  readMessage(bytes, (field, _wireType, reader) => {
    switch (field) {
      case 1:
        value = reader.string();
        return true;
      case 2:
        value = reader.varint() !== 0n;
        return true;
      case 3: {
        const int = BigInt.asIntN(64, reader.varint());
        value = int >= BigInt(Number.MIN_SAFE_INTEGER) && int <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(int) : int;
        return true;
      }
      case 4:
        value = reader.double();
        return true;
      case 5:
        value = decodeArrayValue(reader.bytes());
        return true;
      case 6:
        value = decodeKeyValueList(reader.bytes());
        return true;
      case 7:
        value = reader.bytes().slice();
        return true;
      default:
        return false;
    }
  });
  return value;
}

/** ArrayValue: 1 repeated AnyValue values. */
function decodeArrayValue(bytes: Uint8Array): OtlpValue[] {
  const values: OtlpValue[] = [];
  readMessage(bytes, (field, _wireType, reader) => {
    if (field !== 1) return false;
    values.push(decodeAnyValue(reader.bytes()));
    return true;
  });
  return values;
}

/** KeyValueList: 1 repeated KeyValue values. */
function decodeKeyValueList(bytes: Uint8Array): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  readMessage(bytes, (field, _wireType, reader) => {
    if (field !== 1) return false;
    addKeyValue(reader.bytes(), attributes);
    return true;
  });
  return attributes;
}

/** KeyValue: 1 key, 2 AnyValue value. Adds the pair to `into`. */
export function addKeyValue(bytes: Uint8Array, into: OtlpAttributes): void {
  let key = '';
  let value: OtlpValue = null;
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) key = reader.string();
    else if (field === 2) value = decodeAnyValue(reader.bytes());
    else return false;
    return true;
  });
  into[key] = value;
}

/** Reads one repeated-KeyValue entry at `reader` into `into`. */
export function readAttribute(reader: ProtobufReader, into: OtlpAttributes): true {
  addKeyValue(reader.bytes(), into);
  return true;
}

/** Resource: 1 repeated KeyValue attributes, 2 dropped_attributes_count. */
export function decodeResource(bytes: Uint8Array): OtlpResource {
  const resource: OtlpResource = { attributes: {}, droppedAttributesCount: 0 };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) return readAttribute(reader, resource.attributes);
    if (field === 2) resource.droppedAttributesCount = reader.uint32();
    else return false;
    return true;
  });
  return resource;
}

/** InstrumentationScope: 1 name, 2 version, 3 repeated KeyValue attributes. */
export function decodeScope(bytes: Uint8Array): OtlpScope {
  const scope: OtlpScope = { name: '', version: '', attributes: {} };
  readMessage(bytes, (field, _wireType, reader) => {
    if (field === 1) scope.name = reader.string();
    else if (field === 2) scope.version = reader.string();
    else if (field === 3) return readAttribute(reader, scope.attributes);
    else return false;
    return true;
  });
  return scope;
}

export const emptyResource = (): OtlpResource => ({ attributes: {}, droppedAttributesCount: 0 });
export const emptyScope = (): OtlpScope => ({ name: '', version: '', attributes: {} });

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
