/**
 * A JSON-RPC server with switchable mistakes, shared by the known-bad implementations in
 * `bad/json-rpc-server/`. With no flaw switched on it behaves like the reference; each flaw
 * reproduces one mistake candidates make, in the place where they make it.
 */
export type Flaw =
  | 'answers-notifications'
  | 'empty-batch-as-array'
  | 'empty-array-for-notification-batch'
  | 'parse-error-without-id'
  | 'leaks-internal-errors'
  | 'accepts-any-version'
  | 'falsy-id-is-notification'
  | 'null-id-is-notification'
  | 'object-method-table'
  | 'drops-undefined-result'
  | 'duck-typed-error-code'
  | 'params-unchecked'
  | 'whole-batch-invalid'
  | 'nested-batches'
  | 'sequential-batch';

type Id = string | number | null;
type Handler = (params: unknown) => unknown;

export function flawedServer(...flaws: Flaw[]) {
  const has = (flaw: Flaw): boolean => flaws.includes(flaw);

  class JsonRpcError extends Error {
    readonly code: number;
    readonly data?: unknown;
    constructor(code: number, message: string, data?: unknown) {
      super(message);
      this.name = 'JsonRpcError';
      this.code = code;
      this.data = data;
    }
  }

  const errorObject = (code: number, message: string, data?: unknown) => (data === undefined ? { code, message } : { code, message, data });

  class JsonRpcServer {
    #map = new Map<string, Handler>();
    #object: Record<string, Handler> = {};
    #onInternalError: ((error: unknown, method: string) => void) | undefined;

    constructor(options: { onInternalError?: (error: unknown, method: string) => void } = {}) {
      this.#onInternalError = options.onInternalError;
    }

    register(method: string, handler: Handler): this {
      if (typeof handler !== 'function') throw new TypeError('handler must be a function');
      if (has('object-method-table')) this.#object[method] = handler;
      else this.#map.set(method, handler);
      return this;
    }

    #lookup(method: string): Handler | undefined {
      // The mistake: `table[method]` also finds Object.prototype members such as toString.
      return has('object-method-table') ? this.#object[method] : this.#map.get(method);
    }

    async handle(raw: string): Promise<string | undefined> {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        if (has('parse-error-without-id')) return JSON.stringify({ jsonrpc: '2.0', error: errorObject(-32700, 'Parse error') });
        return JSON.stringify({ jsonrpc: '2.0', id: null, error: errorObject(-32700, 'Parse error') });
      }
      return this.#dispatch(parsed);
    }

    async #dispatch(parsed: unknown): Promise<string | undefined> {
      if (!Array.isArray(parsed)) return this.#answer(parsed);
      if (parsed.length === 0) {
        if (has('empty-batch-as-array')) return '[]';
        return JSON.stringify({ jsonrpc: '2.0', id: null, error: errorObject(-32600, 'Invalid Request') });
      }
      if (has('whole-batch-invalid') && parsed.some((m) => typeof m !== 'object' || m === null || (m as { jsonrpc?: unknown }).jsonrpc !== '2.0')) {
        return JSON.stringify({ jsonrpc: '2.0', id: null, error: errorObject(-32600, 'Invalid Request') });
      }
      let answers: (string | undefined)[];
      if (has('sequential-batch')) {
        answers = [];
        for (const member of parsed) answers.push(await this.#answer(member));
      } else {
        answers = await Promise.all(
          parsed.map((member) => (has('nested-batches') && Array.isArray(member) ? this.#dispatch(member) : this.#answer(member))),
        );
      }
      const sent = answers.filter((a): a is string => a !== undefined);
      if (sent.length === 0) return has('empty-array-for-notification-batch') ? '[]' : undefined;
      return `[${sent.join(',')}]`;
    }

    async #answer(value: unknown): Promise<string | undefined> {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return JSON.stringify({ jsonrpc: '2.0', id: null, error: errorObject(-32600, 'Invalid Request') });
      }
      const message = value as Record<string, unknown>;
      let isNotification = !Object.hasOwn(message, 'id');
      if (has('falsy-id-is-notification')) isNotification = !message.id;
      if (has('null-id-is-notification')) isNotification = message.id == null;
      const idOk = isNotification || message.id === null || typeof message.id === 'string' || typeof message.id === 'number';
      const id: Id = !isNotification && idOk ? (message.id as Id) : null;
      const versionOk = has('accepts-any-version') || message.jsonrpc === '2.0';
      const paramsOk = has('params-unchecked') || !Object.hasOwn(message, 'params') || (typeof message.params === 'object' && message.params !== null);
      if (!versionOk || typeof message.method !== 'string' || !idOk || !paramsOk) {
        return JSON.stringify({ jsonrpc: '2.0', id, error: errorObject(-32600, 'Invalid Request') });
      }
      const method = message.method;
      const handler = this.#lookup(method);
      const reply = (response: object): string | undefined => {
        if (!isNotification) return JSON.stringify(response);
        // The mistake: a notification gets an answer too, with whatever id is at hand.
        return has('answers-notifications') ? JSON.stringify({ ...response, id: null }) : undefined;
      };
      if (handler === undefined) return reply({ jsonrpc: '2.0', id, error: errorObject(-32601, 'Method not found') });
      let response: object;
      try {
        const result = await handler(message.params);
        response = { jsonrpc: '2.0', id, result: result === undefined && !has('drops-undefined-result') ? null : result };
      } catch (error) {
        if (error instanceof JsonRpcError) {
          response = { jsonrpc: '2.0', id, error: errorObject(error.code, error.message, error.data) };
        } else if (has('duck-typed-error-code') && typeof error === 'object' && error !== null && 'code' in error) {
          // The mistake: any error with a `code` is taken for a JSON-RPC error, message and all.
          const e = error as { code: unknown; message?: unknown };
          response = { jsonrpc: '2.0', id, error: { code: e.code, message: String(e.message) } };
        } else if (has('leaks-internal-errors')) {
          const e = error as Error;
          response = { jsonrpc: '2.0', id, error: errorObject(-32603, 'Internal error', { message: e?.message, stack: e?.stack }) };
        } else {
          this.#report(error, method);
          response = { jsonrpc: '2.0', id, error: errorObject(-32603, 'Internal error') };
        }
      }
      try {
        return reply(response);
      } catch (error) {
        this.#report(error, method);
        return reply({ jsonrpc: '2.0', id, error: errorObject(-32603, 'Internal error') });
      }
    }

    #report(error: unknown, method: string): void {
      try {
        this.#onInternalError?.(error, method);
      } catch {
        // ignored, as in the reference
      }
    }
  }

  return { JsonRpcServer, JsonRpcError };
}
