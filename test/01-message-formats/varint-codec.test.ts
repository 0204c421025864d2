import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeTokenDelta,
  decodeVarint,
  encodeTokenDelta,
  encodeVarint,
  WireFormatError,
} from '@workbook/01-message-formats/varint-codec';

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' ').filter(Boolean).map((h) => Number.parseInt(h, 16)));

/** Runs `action` and returns the WireFormatError it throws, failing clearly otherwise. */
function wireError(action: () => unknown): WireFormatError {
  try {
    action();
  } catch (error) {
    expect(error, `expected a WireFormatError, got ${String(error)}`).toBeInstanceOf(WireFormatError);
    return error as WireFormatError;
  }
  throw new Error('expected a WireFormatError, but the bytes were accepted');
}

describe('encodes and decodes varints', () => {
  const vectors: Array<[number, string]> = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '80 01'],
    [150, '96 01'],
    [300, 'ac 02'],
    [16_383, 'ff 7f'],
    [16_384, '80 80 01'],
  ];
  for (const [value, encoded] of vectors) {
    it(`encodes ${value} as ${encoded}`, () => {
      expect(hex(encodeVarint(value))).toBe(encoded);
    });
    it(`decodes ${encoded} as ${value}`, () => {
      expect(decodeVarint(bytes(encoded))).toEqual({ value, next: encoded.split(' ').length });
    });
  }

  it('decodes from an offset and says where the next value starts', () => {
    expect(decodeVarint(bytes('08 96 01 18 01'), 1)).toEqual({ value: 150, next: 3 });
  });

  it('accepts a non-minimal encoding, as Protobuf decoders do', () => {
    expect(decodeVarint(bytes('81 80 00'))).toEqual({ value: 1, next: 3 });
  });

  it('rejects negative, fractional and unsafe numbers with RangeError', () => {
    for (const value of [-1, 1.5, Number.NaN, 2 ** 53]) {
      expect(() => encodeVarint(value), `encodeVarint(${value}) should throw RangeError`).toThrow(RangeError);
    }
  });

  it('round-trips every integer below 2^31: decode(encode(n)) is n, using all the bytes', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        const encoded = encodeVarint(n);
        expect(decodeVarint(encoded)).toEqual({ value: n, next: encoded.length });
      }),
    );
  });
});

describe('handles numbers above 32 bits', () => {
  const vectors: Array<[number, string]> = [
    [2 ** 31, '80 80 80 80 08'],
    [2 ** 32 - 1, 'ff ff ff ff 0f'],
    [2 ** 32, '80 80 80 80 10'],
    [2 ** 35 + 5, '85 80 80 80 80 01'],
    [Number.MAX_SAFE_INTEGER, 'ff ff ff ff ff ff ff 0f'],
  ];
  for (const [value, encoded] of vectors) {
    it(`encodes ${value} as ${encoded}`, () => {
      expect(hex(encodeVarint(value)), 'JavaScript shifts (>>>, <<) only keep 32 bits: use arithmetic').toBe(encoded);
    });
    it(`decodes ${encoded} as ${value}`, () => {
      expect(decodeVarint(bytes(encoded)).value, 'JavaScript shifts (<<, |) only keep 32 bits: use multiplication').toBe(value);
    });
  }

  it('round-trips every safe integer: decode(encode(n)) is n, using all the bytes', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const encoded = encodeVarint(n);
        expect(decodeVarint(encoded)).toEqual({ value: n, next: encoded.length });
      }),
    );
  });

  it('round-trips a message whose index needs more than 32 bits', () => {
    const message = { index: 2 ** 40 + 3, text: 'late token', done: false };
    expect(decodeTokenDelta(encodeTokenDelta(message))).toEqual(message);
  });

  it('rejects a varint whose value is above 2^53 - 1 instead of returning a rounded number', () => {
    wireError(() => decodeVarint(bytes('80 80 80 80 80 80 80 10')));
  });
});

describe('encodes a message byte for byte', () => {
  it('encodes index 150 as 08 96 01 (the Test1 example of the Protobuf encoding guide)', () => {
    expect(hex(encodeTokenDelta({ index: 150, text: '', done: false }))).toBe('08 96 01');
  });

  it('encodes text "testing" as 12 07 74 65 73 74 69 6e 67 (the Test2 example)', () => {
    expect(hex(encodeTokenDelta({ index: 0, text: 'testing', done: false }))).toBe('12 07 74 65 73 74 69 6e 67');
  });

  it('encodes done as 18 01', () => {
    expect(hex(encodeTokenDelta({ index: 0, text: '', done: true }))).toBe('18 01');
  });

  it('writes the fields in field-number order', () => {
    expect(hex(encodeTokenDelta({ index: 1, text: 'hi', done: true }))).toBe('08 01 12 02 68 69 18 01');
  });

  it('writes nothing for fields at their default values', () => {
    expect(encodeTokenDelta({ index: 0, text: '', done: false }).length, 'proto3 leaves out 0, "" and false').toBe(0);
  });

  it('prefixes a string with its length in UTF-8 bytes', () => {
    // 'é' is one character and two bytes (c3 a9).
    expect(hex(encodeTokenDelta({ index: 0, text: 'é', done: false }))).toBe('12 02 c3 a9');
  });

  it('writes a long string with a multi-byte length', () => {
    const text = 'a'.repeat(200);
    const encoded = encodeTokenDelta({ index: 0, text, done: false });
    expect(hex(encoded.subarray(0, 3))).toBe('12 c8 01');
    expect(encoded.length).toBe(203);
  });

  it('rejects an index that is not a safe non-negative integer', () => {
    expect(() => encodeTokenDelta({ index: -1, text: '', done: false })).toThrow(RangeError);
  });
});

describe('decodes a message', () => {
  it('decodes the two examples from the Protobuf encoding guide', () => {
    expect(decodeTokenDelta(bytes('08 96 01'))).toEqual({ index: 150, text: '', done: false });
    expect(decodeTokenDelta(bytes('12 07 74 65 73 74 69 6e 67'))).toEqual({ index: 0, text: 'testing', done: false });
  });

  it('gives defaults for missing fields, and for zero bytes', () => {
    expect(decodeTokenDelta(new Uint8Array(0))).toEqual({ index: 0, text: '', done: false });
    expect(decodeTokenDelta(bytes('18 01'))).toEqual({ index: 0, text: '', done: true });
  });

  it('accepts fields in any order', () => {
    expect(decodeTokenDelta(bytes('18 01 12 02 68 69 08 05'))).toEqual({ index: 5, text: 'hi', done: true });
  });

  it('keeps the last value when a field appears twice ("last one wins")', () => {
    expect(decodeTokenDelta(bytes('08 01 12 01 61 08 02 12 01 62'))).toEqual({ index: 2, text: 'b', done: false });
  });

  it('decodes UTF-8 text', () => {
    expect(decodeTokenDelta(bytes('12 06 e6 97 a5 e6 9c ac'))).toEqual({ index: 0, text: '日本', done: false });
  });

  it('treats any non-zero varint as true for done', () => {
    expect(decodeTokenDelta(bytes('18 02')).done).toBe(true);
    expect(decodeTokenDelta(bytes('18 00')).done).toBe(false);
  });

  it('round-trips every message', () => {
    const message = fc.record({ index: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 50 }), done: fc.boolean() });
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeTokenDelta(encodeTokenDelta(m))).toEqual(m);
      }),
    );
  });
});

describe('skips unknown fields', () => {
  const cases: Array<[string, string]> = [
    ['a varint (field 4)', '20 2a'],
    ['a ten-byte varint: a negative int64 (field 4)', '20 ff ff ff ff ff ff ff ff ff 01'],
    ['eight bytes, I64 (field 5)', '29 01 02 03 04 05 06 07 08'],
    ['a length-delimited field (field 6)', '32 03 61 62 63'],
    ['an empty length-delimited field (field 6)', '32 00'],
    ['four bytes, I32 (field 7)', '3d 0a 0b 0c 0d'],
    ['a field number above 15 (field 100, varint)', 'a0 06 01'],
    ['a field number above 2047 (field 5000, length-delimited)', 'c2 b8 02 01 ff'],
  ];
  for (const [name, unknown] of cases) {
    it(`skips ${name} between known fields`, () => {
      const decoded = decodeTokenDelta(bytes(`08 07 ${unknown} 12 02 6f 6b 18 01`));
      expect(decoded, `the unknown field ${unknown} must be skipped whole, using its wire type`).toEqual({ index: 7, text: 'ok', done: true });
    });
  }

  it('reads a tag above 127 as a two-byte varint (field 16 is written 80 01)', () => {
    // Field 16, wire type VARINT: tag (16 << 3) | 0 = 128, written 80 01.
    const decoded = decodeTokenDelta(bytes('80 01 05 08 02'));
    expect(decoded).toEqual({ index: 2, text: '', done: false });
  });

  it('decodes a message that holds only unknown fields to the defaults', () => {
    expect(decodeTokenDelta(bytes('20 01 32 01 78'))).toEqual({ index: 0, text: '', done: false });
  });

  it('skips unknown fixed-size fields that end exactly at the end of the message', () => {
    expect(decodeTokenDelta(bytes('08 07 3d 0a 0b 0c 0d'))).toEqual({ index: 7, text: '', done: false });
    expect(decodeTokenDelta(bytes('08 07 29 01 02 03 04 05 06 07 08'))).toEqual({ index: 7, text: '', done: false });
  });
});

describe('rejects malformed bytes', () => {
  const cases: Array<[string, () => unknown]> = [
    ['an empty varint', () => decodeVarint(new Uint8Array(0))],
    ['a varint cut short', () => decodeVarint(bytes('96'))],
    ['a varint of eleven bytes', () => decodeVarint(bytes('80 80 80 80 80 80 80 80 80 80 00'))],
    ['a message whose index is cut short', () => decodeTokenDelta(bytes('08 96'))],
    ['a string longer than the bytes left', () => decodeTokenDelta(bytes('12 07 74 65 73'))],
    ['an unknown length-delimited field longer than the bytes left', () => decodeTokenDelta(bytes('32 05 01'))],
    ['an unknown I64 field cut short', () => decodeTokenDelta(bytes('29 01 02 03'))],
    ['an unknown I32 field cut short', () => decodeTokenDelta(bytes('3d 01'))],
    ['field number 0', () => decodeTokenDelta(bytes('00 01'))],
    ['wire type 6', () => decodeTokenDelta(bytes('26 01'))],
    ['wire type 7', () => decodeTokenDelta(bytes('27 01'))],
    ['a group (wire type 3)', () => decodeTokenDelta(bytes('23 24'))],
    ['a known field with the wrong wire type (text as a varint)', () => decodeTokenDelta(bytes('10 01'))],
    ['a known field with the wrong wire type (index as an empty length-delimited run)', () => decodeTokenDelta(bytes('0a 00'))],
    ['an unknown varint field cut short', () => decodeTokenDelta(bytes('20 80'))],
    ['an unknown varint field of eleven bytes', () => decodeTokenDelta(bytes('20 80 80 80 80 80 80 80 80 80 80 00'))],
    ['text that is not UTF-8', () => decodeTokenDelta(bytes('12 02 c3 28'))],
  ];
  for (const [name, action] of cases) {
    it(`throws WireFormatError for ${name}`, () => {
      wireError(action);
    });
  }
});
