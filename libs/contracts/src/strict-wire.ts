// A strict reading of the protobuf wire format against a message's schema, before protobuf-es decodes
// it. The library decodes leniently on purpose (it reads a field whatever wire type its tag says,
// keeps unknown fields, lets a field repeat with the last one winning), which is right for a general
// runtime and wrong at a trust boundary: a bit flipped in a tag could leave a signed envelope
// decoding to the same values, and two readers of one payload could disagree on what it says. So
// every byte must belong to a known field, in the wire type the schema gives it, at most once, with
// a value its type can hold.
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { WireType } from '@bufbuild/protobuf/wire';

/** Nesting deeper than our contracts ever go (Signal → Timestamp) is refused, not recursed into. */
const MAX_DEPTH = 16;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const UINT32_MAX = 2n ** 32n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Why bytes are not a strict encoding of the message; the text names field numbers, never values. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/** @throws {WireFormatError} unless `bytes` are exactly one strict encoding of `schema`. */
export function assertStrictWireFormat(schema: DescMessage, bytes: Uint8Array): void {
  const cursor = { bytes, pos: 0 };
  readMessage(schema, cursor, bytes.length, 0);
}

interface Cursor {
  readonly bytes: Uint8Array;
  pos: number;
}

const fieldsByNumber = new WeakMap<DescMessage, ReadonlyMap<number, DescField>>();

function fieldsOf(schema: DescMessage): ReadonlyMap<number, DescField> {
  let fields = fieldsByNumber.get(schema);
  if (!fields) {
    fields = new Map(schema.fields.map((f) => [f.number, f]));
    fieldsByNumber.set(schema, fields);
  }
  return fields;
}

function readMessage(schema: DescMessage, cursor: Cursor, end: number, depth: number): void {
  if (depth > MAX_DEPTH) throw new WireFormatError(`${schema.typeName}: nested deeper than ${MAX_DEPTH}`);
  const fields = fieldsOf(schema);
  const seen = new Set<number>();
  const oneofsSeen = new Set<string>();
  while (cursor.pos < end) {
    const tag = varint(cursor, end);
    if (tag > UINT32_MAX) throw new WireFormatError(`${schema.typeName}: tag overflows uint32`);
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n) as WireType;
    const field = fields.get(number);
    if (!field) throw new WireFormatError(`${schema.typeName}: unknown field ${number}`);
    const where = `${schema.typeName}.${field.name} (${number})`;
    const repeatable = field.fieldKind === 'list' || field.fieldKind === 'map';
    if (!repeatable) {
      if (seen.has(number)) throw new WireFormatError(`${where}: appears more than once`);
      seen.add(number);
      if (field.oneof) {
        if (oneofsSeen.has(field.oneof.name)) throw new WireFormatError(`${where}: second member of its oneof`);
        oneofsSeen.add(field.oneof.name);
      }
    }
    readField(field, wireType, cursor, end, depth, where);
  }
  if (cursor.pos !== end) throw new WireFormatError(`${schema.typeName}: a field runs past the end of its message`);
}

function readField(field: DescField, wireType: WireType, cursor: Cursor, end: number, depth: number, where: string) {
  const expect = (expected: WireType) => {
    if (wireType !== expected) throw new WireFormatError(`${where}: wire type ${wireType}, expected ${expected}`);
  };
  switch (field.fieldKind) {
    case 'scalar':
      expect(wireTypeOf(field.scalar));
      readScalar(field.scalar, cursor, end, where);
      return;
    case 'enum':
      expect(WireType.Varint);
      readScalar(ScalarType.INT32, cursor, end, where);
      return;
    case 'message':
      if (field.delimitedEncoding) throw new WireFormatError(`${where}: groups are not part of these contracts`);
      expect(WireType.LengthDelimited);
      readNested(field.message, cursor, end, depth, where);
      return;
    case 'list': {
      if (field.listKind === 'message') {
        if (field.delimitedEncoding) throw new WireFormatError(`${where}: groups are not part of these contracts`);
        expect(WireType.LengthDelimited);
        readNested(field.message, cursor, end, depth, where);
        return;
      }
      const scalar = field.listKind === 'enum' ? ScalarType.INT32 : field.scalar;
      const element = wireTypeOf(scalar);
      if (wireType === WireType.LengthDelimited && element !== WireType.LengthDelimited) {
        // Packed: a run of elements in one length-delimited record.
        const packedEnd = length(cursor, end, where);
        while (cursor.pos < packedEnd) readScalar(scalar, cursor, packedEnd, where);
        return;
      }
      expect(element);
      readScalar(scalar, cursor, end, where);
      return;
    }
    case 'map':
      // Map entries are messages of their own; none of our contracts has one to check them against.
      throw new WireFormatError(`${where}: map fields are not part of these contracts`);
  }
}

function readNested(schema: DescMessage, cursor: Cursor, end: number, depth: number, where: string): void {
  const nestedEnd = length(cursor, end, where);
  readMessage(schema, cursor, nestedEnd, depth + 1);
}

function wireTypeOf(scalar: ScalarType): WireType {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    default:
      return WireType.Varint;
  }
}

function readScalar(scalar: ScalarType, cursor: Cursor, end: number, where: string): void {
  switch (scalar) {
    case ScalarType.STRING: {
      const at = cursor.pos;
      const stop = length(cursor, end, where);
      try {
        utf8.decode(cursor.bytes.subarray(cursor.pos, stop));
      } catch {
        throw new WireFormatError(`${where}: not valid UTF-8 (at byte ${at})`);
      }
      cursor.pos = stop;
      return;
    }
    case ScalarType.BYTES:
      cursor.pos = length(cursor, end, where);
      return;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      skip(cursor, end, 8, where);
      return;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      skip(cursor, end, 4, where);
      return;
    case ScalarType.BOOL:
      if (varint(cursor, end) > 1n) throw new WireFormatError(`${where}: a bool is 0 or 1`);
      return;
    case ScalarType.INT32: {
      // Negative int32 values are sign-extended to 64 bits on the wire.
      const value = BigInt.asIntN(64, varint(cursor, end));
      if (value < INT32_MIN || value > INT32_MAX) throw new WireFormatError(`${where}: out of int32 range`);
      return;
    }
    case ScalarType.UINT32:
    case ScalarType.SINT32:
      if (varint(cursor, end) > UINT32_MAX) throw new WireFormatError(`${where}: out of 32-bit range`);
      return;
    default:
      // int64, uint64, sint64: every value of ten well-formed varint bytes fits.
      varint(cursor, end);
  }
}

function skip(cursor: Cursor, end: number, count: number, where: string): void {
  if (cursor.pos + count > end) throw new WireFormatError(`${where}: truncated`);
  cursor.pos += count;
}

/** The end of a length-delimited record that starts at the cursor; the cursor moves past its length. */
function length(cursor: Cursor, end: number, where: string): number {
  const size = varint(cursor, end);
  if (size > BigInt(end - cursor.pos)) throw new WireFormatError(`${where}: longer than the bytes that hold it`);
  return cursor.pos + Number(size);
}

/** A base-128 varint of at most ten bytes whose value fits in 64 bits. */
function varint(cursor: Cursor, end: number): bigint {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= end) throw new WireFormatError('truncated varint');
    const byte = cursor.bytes[cursor.pos++]!;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if (byte < 0x80) {
      if (value > UINT64_MAX) throw new WireFormatError('varint overflows 64 bits');
      return value;
    }
  }
  throw new WireFormatError('varint longer than ten bytes');
}
