/**
 * A minimal reader for the protocol-buffers wire format (varint, 64-bit, length-delimited and
 * 32-bit fields), enough to decode OTLP export requests in tests without generated code.
 * Wire format: https://protobuf.dev/programming-guides/encoding/
 */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export class ProtobufReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #position: number;
  readonly #end: number;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#position = 0;
    this.#end = bytes.byteLength;
  }

  /** Whether unread bytes remain (used for packed repeated fields). */
  hasMore(): boolean {
    return this.#position < this.#end;
  }

  /** The next field's number and wire type, or `undefined` at the end of the message. */
  nextField(): { readonly field: number; readonly wireType: number } | undefined {
    if (this.#position >= this.#end) return undefined;
    const key = this.varint();
    return { field: Number(key >> 3n), wireType: Number(key & 7n) };
  }

  /** An unsigned varint (uint64/uint32/int32-as-unsigned/enum/bool). */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.#take(1)[0]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new Error('protobuf: varint longer than 10 bytes');
  }

  /** A varint as a JS number (for enums, counts and small integers). */
  uint32(): number {
    return Number(BigInt.asUintN(32, this.varint()));
  }

  /** A zig-zag encoded sint32/sint64. */
  sint(): number {
    const raw = this.varint();
    return Number((raw >> 1n) ^ -(raw & 1n));
  }

  fixed64(): bigint {
    const value = this.#view.getBigUint64(this.#advance(8), true);
    return value;
  }

  sfixed64(): bigint {
    return this.#view.getBigInt64(this.#advance(8), true);
  }

  fixed32(): number {
    return this.#view.getUint32(this.#advance(4), true);
  }

  double(): number {
    return this.#view.getFloat64(this.#advance(8), true);
  }

  /** A length-delimited field's bytes (a sub-message, string, bytes or packed repeated scalars). */
  bytes(): Uint8Array {
    const length = Number(this.varint());
    return this.#take(length);
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** Skips a field this decoder does not read, so newer senders still decode. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.#advance(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.#advance(4);
        return;
      default:
        throw new Error(`protobuf: unsupported wire type ${wireType}`);
    }
  }

  #advance(length: number): number {
    const start = this.#position;
    if (start + length > this.#end) throw new Error('protobuf: message truncated');
    this.#position = start + length;
    return start;
  }

  #take(length: number): Uint8Array {
    const start = this.#advance(length);
    return this.#bytes.subarray(start, start + length);
  }
}

/** Iterates a message's fields, calling `onField` with a reader positioned at each value. */
export function readMessage(bytes: Uint8Array, onField: (field: number, wireType: number, reader: ProtobufReader) => boolean): void {
  const reader = new ProtobufReader(bytes);
  for (let next = reader.nextField(); next !== undefined; next = reader.nextField()) {
    // onField returns false for a field it did not consume.
    if (!onField(next.field, next.wireType, reader)) reader.skip(next.wireType);
  }
}

/** Repeated fixed64 values, packed (the proto3 default) or one per field. */
export function readRepeatedFixed64(wireType: number, reader: ProtobufReader, into: number[]): void {
  if (wireType === WIRE_FIXED64) {
    into.push(Number(reader.fixed64()));
    return;
  }
  const packed = new ProtobufReader(reader.bytes());
  while (packed.hasMore()) into.push(Number(packed.fixed64()));
}

/** Repeated doubles, packed or one per field. */
export function readRepeatedDouble(wireType: number, reader: ProtobufReader, into: number[]): void {
  if (wireType === WIRE_FIXED64) {
    into.push(reader.double());
    return;
  }
  const packed = new ProtobufReader(reader.bytes());
  while (packed.hasMore()) into.push(packed.double());
}

/** Repeated unsigned varints, packed or one per field. */
export function readRepeatedVarint(wireType: number, reader: ProtobufReader, into: number[]): void {
  if (wireType === WIRE_VARINT) {
    into.push(Number(reader.varint()));
    return;
  }
  const packed = new ProtobufReader(reader.bytes());
  while (packed.hasMore()) into.push(Number(packed.varint()));
}
