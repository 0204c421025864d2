/**
 * Drives an McpServer in this process: directly through `handle`, recording what it sends, or
 * through an in-memory transport so that the official SDK client can talk to it.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer, RequestId } from '@workbook/10-agent-protocols/mcp-server';
import { Wire } from './peers.ts';

const realSetImmediate = globalThis.setImmediate;

/** One message the server sent, with the request it said the message belongs to. */
export interface Sent {
  message: Record<string, unknown>;
  related: RequestId | undefined;
}

/** A `send` callback that records every message, for assertions on exactly what went out. */
export function recorder(): { sent: Sent[]; send: (message: unknown, related: RequestId | undefined) => void; messages(): Record<string, unknown>[] } {
  const sent: Sent[] = [];
  return {
    sent,
    send: (message, related) => sent.push({ message: structuredClone(message) as Record<string, unknown>, related }),
    messages: () => sent.map((s) => s.message),
  };
}

/**
 * An SDK transport whose other end is an McpServer in this process. Each message is copied (as
 * if it had crossed a wire) and delivered on a later turn of the event loop, in order.
 */
export class InProcessTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  readonly wire = new Wire();
  readonly server: McpServer;

  constructor(create: (send: (message: unknown) => void) => McpServer) {
    this.server = create((message) => {
      this.wire.push('server', message);
      const copy = structuredClone(message) as JSONRPCMessage;
      realSetImmediate(() => this.onmessage?.(copy));
    });
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    this.wire.push('client', message);
    const copy = structuredClone(message);
    realSetImmediate(() => void this.server.handle(copy));
  }

  async close(): Promise<void> {
    this.onclose?.();
  }
}
