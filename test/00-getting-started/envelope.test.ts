import { describe, expect, it } from 'vitest';
import { createEnvelope, EnvelopeError, readEnvelope } from '@workbook/00-getting-started/envelope';

const stamp = { id: 'm-1', sentAt: 1_700_000_000_000 };

describe('header and body', () => {
  it('puts id, type and sentAt in the header and the payload in the body', () => {
    const envelope = createEnvelope('chat.request', { prompt: 'hello' }, stamp);
    expect(envelope).toEqual({
      header: { id: 'm-1', type: 'chat.request', sentAt: 1_700_000_000_000 },
      body: { prompt: 'hello' },
    });
  });

  it('the header holds exactly id, type and sentAt', () => {
    const envelope = createEnvelope('chat.request', 'hi', stamp);
    expect(Object.keys(envelope.header).sort(), 'the header should have exactly these keys').toEqual(['id', 'sentAt', 'type']);
  });

  it('keeps the very body object it was given, without copying it', () => {
    const body = { prompt: 'hello', history: [1, 2, 3] };
    expect(createEnvelope('chat.request', body, stamp).body, 'envelope.body should be the same object as the body passed in').toBe(body);
  });

  it('keeps any body, including undefined', () => {
    const envelope = createEnvelope('ping', undefined, stamp);
    expect('body' in envelope, 'the envelope should have a body property even when the body is undefined').toBe(true);
    expect(envelope.body).toBeUndefined();
  });

  it('gives each envelope its own header, so reusing a stamp changes nothing already sent', () => {
    const reused = { id: 'm-1', sentAt: 1 };
    const first = createEnvelope('a', 1, reused);
    reused.id = 'm-2';
    reused.sentAt = 2;
    const second = createEnvelope('b', 2, reused);
    expect(first.header).toEqual({ id: 'm-1', type: 'a', sentAt: 1 });
    expect(second.header).toEqual({ id: 'm-2', type: 'b', sentAt: 2 });
  });
});

describe('rejects a missing type', () => {
  it('throws an EnvelopeError for an empty type', () => {
    expect(() => createEnvelope('', {}, stamp)).toThrow(EnvelopeError);
  });

  it('throws an EnvelopeError for a type made only of spaces', () => {
    expect(() => createEnvelope('   ', {}, stamp)).toThrow(EnvelopeError);
  });

  it('throws an EnvelopeError for a type that is not a string', () => {
    expect(() => createEnvelope(42 as unknown as string, {}, stamp)).toThrow(EnvelopeError);
    expect(() => createEnvelope(undefined as unknown as string, {}, stamp)).toThrow(EnvelopeError);
  });

  it('names the value it got in the message', () => {
    expect(() => createEnvelope('', {}, stamp)).toThrow('Expected `type` to be a non-empty string, got "" (string)');
  });
});

describe('reads the body of the expected type', () => {
  it('returns the body of an envelope of the expected type', () => {
    const body = { prompt: 'hello' };
    expect(readEnvelope(createEnvelope('chat.request', body, stamp), 'chat.request')).toBe(body);
  });

  it('reads an envelope that went through JSON', () => {
    const wire = JSON.stringify(createEnvelope('chat.request', { prompt: 'hello' }, stamp));
    expect(readEnvelope(JSON.parse(wire), 'chat.request')).toEqual({ prompt: 'hello' });
  });

  it('throws an EnvelopeError naming both types when the type differs', () => {
    const envelope = createEnvelope('chat.response', { text: 'hi' }, stamp);
    expect(() => readEnvelope(envelope, 'chat.request')).toThrow(EnvelopeError);
    expect(() => readEnvelope(envelope, 'chat.request')).toThrow('Expected a "chat.request" message, got "chat.response"');
  });

  it('throws an EnvelopeError, not a TypeError, for values that are not envelopes', () => {
    for (const value of [null, undefined, 42, 'text', {}, { header: null }, { header: { id: 'm-1' } }, { body: 1 }]) {
      expect(() => readEnvelope(value, 'chat.request'), `readEnvelope(${JSON.stringify(value)}) should throw an EnvelopeError`).toThrow(EnvelopeError);
    }
  });

  it('calls a header without a string type malformed, not a message of another type', () => {
    for (const value of [{ header: { id: 'm-1' } }, { header: { type: 42 } }]) {
      expect(() => readEnvelope(value, 'chat.request'), `readEnvelope(${JSON.stringify(value)}, 'chat.request')`).toThrow(
        'Expected an envelope with a header, got ',
      );
    }
  });
});
