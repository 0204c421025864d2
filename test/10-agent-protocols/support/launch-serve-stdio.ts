/**
 * The program the serve-stdio suite starts as its MCP server: the graded serveStdio(), found
 * through `@workbook/` (mapped by workbook-loader.ts), on this process's stdin and stdout.
 */
import { serveStdio } from '@workbook/10-agent-protocols/serve-stdio';

await serveStdio();
