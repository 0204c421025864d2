/** Bug: ignores the mcp option, so null ids and positional params pass where MCP forbids them. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('mcp-ignored');
