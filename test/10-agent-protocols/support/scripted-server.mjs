// A stand-in MCP server whose every line is written by the test: it connects back to the test over
// a loopback socket (the port is in RELAY_PORT) and relays its stdin to the test and the test's
// lines to its stdout, so a suite can play a server that misbehaves on purpose. Plain JavaScript,
// so that it starts in milliseconds.
//
// To the test it reports, as lines starting with "#relay ", what only the process can see: how it
// was started, the end of its stdin and the signals it gets. From the test it takes commands in
// the same form: "#relay stderr <text>", "#relay close-stdin", and "#relay echo <text>", answered
// with an echo event once everything before it was handled. Every other line from the test goes
// to stdout as it is.
//
// RELAY_KEEP_RUNNING=1 makes it ignore the end of its stdin and SIGTERM (a server that hangs), so
// only SIGKILL stops it; otherwise either one makes it exit, as a well-behaved server does.
import { closeSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';

const keepRunning = process.env.RELAY_KEEP_RUNNING === '1';
const socket = connect(Number(process.env.RELAY_PORT), '127.0.0.1');
const report = (event, then) => socket.write(`#relay ${JSON.stringify(event)}\n`, then);
const exit = () => socket.end(() => process.exit(0));

socket.on('error', () => process.exit(1));
socket.on('close', () => process.exit(0));
report({ started: { argv: process.argv.slice(2), cwd: process.cwd(), env: process.env.RELAY_MARK ?? null } });

process.stdin.on('data', (chunk) => socket.write(chunk));
process.stdin.on('end', () => report({ stdinEnd: true }, () => keepRunning || exit()));
process.on('SIGTERM', () => report({ signal: 'SIGTERM' }, () => keepRunning || exit()));

createInterface({ input: socket }).on('line', (line) => {
  if (!line.startsWith('#relay ')) {
    process.stdout.write(`${line}\n`);
    return;
  }
  const [command, ...rest] = line.slice('#relay '.length).split(' ');
  if (command === 'stderr') {
    process.stderr.write(`${rest.join(' ')}\n`);
  } else if (command === 'echo') {
    process.stdout.write('', () => report({ echo: rest.join(' ') }));
  } else if (command === 'close-stdin') {
    // Closing the descriptor itself, not only the stream, so the client's next write fails with EPIPE.
    process.stdin.destroy();
    try {
      closeSync(0);
    } catch {
      // already closed with the stream
    }
  }
});
