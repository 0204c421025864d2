import { describe, expect, it } from 'vitest';
import { EventBus, ListenerError, UnhandledError } from '@workbook/05-callbacks/event-bus';

/** The events of a token stream, as an LLM client might publish them. */
type StreamEvents = {
  token: [text: string, index: number];
  toolCall: [name: string, args: { city: string }];
  done: [reason: 'stop' | 'length'];
};

describe('listeners receive typed arguments in registration order', () => {
  it('calls a listener with the emitted arguments', () => {
    const bus = new EventBus<StreamEvents>();
    const received: Array<[string, number]> = [];
    bus.on('token', (text, index) => received.push([text, index]));
    bus.emit('token', 'Hel', 0);
    bus.emit('token', 'lo', 1);
    expect(received).toEqual([
      ['Hel', 0],
      ['lo', 1],
    ]);
  });

  it('calls the listeners of an event in the order they were registered', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    bus.on('done', () => log.push('first'));
    bus.on('done', () => log.push('second'));
    bus.on('done', () => log.push('third'));
    bus.emit('done', 'stop');
    expect(log).toEqual(['first', 'second', 'third']);
  });

  it('calls a function registered twice twice', () => {
    const bus = new EventBus<StreamEvents>();
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    bus.on('done', listener);
    bus.on('done', listener);
    bus.emit('done', 'stop');
    expect(calls).toBe(2);
  });

  it('delivers only to the listeners of the emitted event', () => {
    const bus = new EventBus<StreamEvents>();
    let tokenCalls = 0;
    let doneCalls = 0;
    bus.on('token', () => {
      tokenCalls++;
    });
    bus.on('done', () => {
      doneCalls++;
    });
    bus.emit('done', 'length');
    expect({ tokenCalls, doneCalls }).toEqual({ tokenCalls: 0, doneCalls: 1 });
  });

  it('emit returns whether the event had listeners', () => {
    const bus = new EventBus<StreamEvents>();
    expect(bus.emit('done', 'stop')).toBe(false);
    bus.on('done', () => {});
    expect(bus.emit('done', 'stop')).toBe(true);
  });

  it('listenerCount counts the registrations of one event', () => {
    const bus = new EventBus<StreamEvents>();
    expect(bus.listenerCount('token')).toBe(0);
    bus.on('token', () => {});
    bus.once('token', () => {});
    bus.on('done', () => {});
    expect(bus.listenerCount('token')).toBe(2);
  });

  it('rejects a listener that is not a function with a TypeError', () => {
    const bus = new EventBus<StreamEvents>();
    expect(() => bus.on('done', 'not a function' as unknown as () => void)).toThrow(TypeError);
  });
});

describe('off and unsubscribe', () => {
  it('off removes a listener so it is not called again', () => {
    const bus = new EventBus<StreamEvents>();
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    bus.on('done', listener);
    bus.emit('done', 'stop');
    expect(bus.off('done', listener)).toBe(true);
    bus.emit('done', 'stop');
    expect(calls).toBe(1);
    expect(bus.listenerCount('done')).toBe(0);
  });

  it('off returns false when the listener is not registered', () => {
    const bus = new EventBus<StreamEvents>();
    bus.on('done', () => {});
    expect(bus.off('done', () => {})).toBe(false);
    expect(bus.off('token', () => {})).toBe(false);
  });

  it('off removes one registration of a function registered twice, the most recent', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const a = (): void => {
      log.push('a');
    };
    bus.on('done', a);
    bus.on('done', () => log.push('b'));
    bus.on('done', a);
    bus.off('done', a);
    bus.emit('done', 'stop');
    expect(log, 'off should remove only the most recently added registration').toEqual(['a', 'b']);
  });

  it('the function on returns removes exactly that registration, once', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const listener = (reason: string): void => {
      log.push(reason);
    };
    const unsubscribeFirst = bus.on('done', listener);
    bus.on('done', listener);
    unsubscribeFirst();
    unsubscribeFirst();
    bus.emit('done', 'stop');
    expect(log, 'one registration should remain after unsubscribing the other, even twice').toEqual(['stop']);
    expect(bus.listenerCount('done')).toBe(1);
  });
});

describe('once listeners run at most once', () => {
  it('a once listener runs for the next emit only', () => {
    const bus = new EventBus<StreamEvents>();
    const reasons: string[] = [];
    bus.once('done', (reason) => reasons.push(reason));
    bus.emit('done', 'length');
    bus.emit('done', 'stop');
    expect(reasons).toEqual(['length']);
    expect(bus.listenerCount('done')).toBe(0);
  });

  it('is removed before it is called, so emitting again from inside it does not call it twice', () => {
    const bus = new EventBus<StreamEvents>();
    let calls = 0;
    bus.once('done', () => {
      calls++;
      if (calls === 1) bus.emit('done', 'stop');
    });
    bus.emit('done', 'stop');
    expect(calls, 'a once listener that re-emits its own event must not run again').toBe(1);
  });

  it('off with the original function removes a once listener', () => {
    const bus = new EventBus<StreamEvents>();
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    bus.once('done', listener);
    expect(bus.off('done', listener)).toBe(true);
    bus.emit('done', 'stop');
    expect(calls).toBe(0);
  });

  it('the function once returns cancels it before it runs', () => {
    const bus = new EventBus<StreamEvents>();
    let calls = 0;
    const cancel = bus.once('done', () => {
      calls++;
    });
    cancel();
    bus.emit('done', 'stop');
    expect(calls).toBe(0);
  });
});

describe('changing listeners during emit', () => {
  it('a listener that removes itself does not make the next one be skipped', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const first = (): void => {
      log.push('first');
      bus.off('done', first);
    };
    bus.on('done', first);
    bus.on('done', () => log.push('second'));
    bus.on('done', () => log.push('third'));
    bus.emit('done', 'stop');
    expect(log, 'removing the current listener must not shift the others out of the emit').toEqual(['first', 'second', 'third']);
  });

  it('once listeners in a row all run', () => {
    const bus = new EventBus<StreamEvents>();
    const log: number[] = [];
    for (let i = 0; i < 4; i++) bus.once('done', () => log.push(i));
    bus.emit('done', 'stop');
    expect(log, 'every once listener should run on the first emit').toEqual([0, 1, 2, 3]);
  });

  it('a listener removed by an earlier one before its turn is skipped, and the rest still run', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const second = (): void => {
      log.push('second');
    };
    bus.on('done', () => {
      log.push('first');
      bus.off('done', second);
    });
    bus.on('done', second);
    bus.on('done', () => log.push('third'));
    bus.emit('done', 'stop');
    expect(log).toEqual(['first', 'third']);
  });

  it('a listener added during an emit is called from the next emit on', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    let added = false;
    bus.on('done', () => {
      log.push('existing');
      if (!added) {
        added = true;
        bus.on('done', () => log.push('added'));
      }
    });
    bus.emit('done', 'stop');
    expect(log).toEqual(['existing']);
    bus.emit('done', 'stop');
    expect(log).toEqual(['existing', 'existing', 'added']);
  });
});

describe('a throwing listener does not stop the others', () => {
  it('calls the listeners after one that throws', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    bus.on('error', () => {});
    bus.on('token', () => {
      throw new Error('renderer crashed');
    });
    bus.on('token', (text) => log.push(text));
    bus.emit('token', 'Hi', 0);
    expect(log, 'the second listener should still receive the token').toEqual(['Hi']);
  });

  it('emits the failure as an error event carrying a ListenerError, after every listener ran', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const cause = new Error('renderer crashed');
    const errors: unknown[] = [];
    bus.on('error', (error) => {
      log.push('error listener');
      errors.push(error);
    });
    bus.on('token', () => {
      log.push('throwing listener');
      throw cause;
    });
    bus.on('token', () => log.push('next listener'));
    expect(() => bus.emit('token', 'Hi', 0), 'with an error listener, emit should not throw').not.toThrow();
    expect(log).toEqual(['throwing listener', 'next listener', 'error listener']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ListenerError);
    expect((errors[0] as ListenerError).event).toBe('token');
    expect((errors[0] as ListenerError).cause).toBe(cause);
  });

  it('reports each failing listener once, in order', () => {
    const bus = new EventBus<StreamEvents>();
    const causes: unknown[] = [];
    bus.on('error', (error) => causes.push((error as ListenerError).cause));
    bus.on('done', () => {
      throw 'first failure';
    });
    bus.on('done', () => {
      throw 'second failure';
    });
    bus.emit('done', 'stop');
    expect(causes).toEqual(['first failure', 'second failure']);
  });
});

describe('unhandled errors surface', () => {
  it('emitting an Error as error with no error listener throws it', () => {
    const bus = new EventBus<StreamEvents>();
    const error = new Error('connection lost');
    expect(() => bus.emit('error', error), 'an error nobody handles must not vanish').toThrow(error);
  });

  it('emitting a non-Error as error with no error listener throws an UnhandledError holding it', () => {
    const bus = new EventBus<StreamEvents>();
    let thrown: unknown;
    try {
      bus.emit('error', 'disk full');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnhandledError);
    expect((thrown as UnhandledError).context).toBe('disk full');
  });

  it('a throwing listener with no error listener makes emit throw its ListenerError, after the others ran', () => {
    const bus = new EventBus<StreamEvents>();
    const log: string[] = [];
    const cause = new Error('tool handler failed');
    bus.on('toolCall', () => {
      throw cause;
    });
    bus.on('toolCall', (name) => log.push(name));
    let thrown: unknown;
    try {
      bus.emit('toolCall', 'get_weather', { city: 'Oslo' });
    } catch (error) {
      thrown = error;
    }
    expect(log, 'the other listener should run before the failure surfaces').toEqual(['get_weather']);
    expect(thrown, 'with no error listener, the failure should be thrown out of emit').toBeInstanceOf(ListenerError);
    expect((thrown as ListenerError).cause).toBe(cause);
  });

  it('an error listener receives an emitted error instead of it being thrown', () => {
    const bus = new EventBus<StreamEvents>();
    const errors: unknown[] = [];
    const error = new Error('handled');
    bus.on('error', (e) => errors.push(e));
    expect(bus.emit('error', error)).toBe(true);
    expect(errors).toEqual([error]);
  });

  it('an exception thrown by an error listener propagates out of emit at once', () => {
    const bus = new EventBus<StreamEvents>();
    const calls: string[] = [];
    const failure = new Error('the error logger failed');
    bus.on('error', () => {
      calls.push('first');
      throw failure;
    });
    bus.on('error', () => calls.push('second'));
    let thrown: unknown;
    try {
      bus.emit('error', new Error('upstream'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown, "emit should throw the error listener's own exception, not wrap it").toBe(failure);
    expect(calls, 'no error listener after the one that threw should run').toEqual(['first']);
  });
});
