/**
 * Rewrites a raw test failure message in the learner's terms. Messages it does not recognise
 * are returned unchanged: an assertion message already says what was expected.
 *
 * @example
 * explainMessage('TODO: implement createEnvelope');
 * // 'createEnvelope is still a TODO: the stub throws until you write it.'
 */
export function explainMessage(raw: string): string {
  const message = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const todo = /^TODO: implement (.+?)\.?$/.exec(message);
  if (todo) return `${todo[1]} is still a TODO: the stub throws until you write it.`;
  const timeout = /timed out in (\d+)ms/i.exec(message);
  if (timeout) {
    const seconds = Number(timeout[1]) / 1000;
    return `This test waited ${seconds}s for something that never happened: a promise that never settles, or a callback that is never called. Make sure every path resolves, rejects or calls back.`;
  }
  const exit = /process\.exit unexpectedly called with "(.*)"/.exec(message);
  if (exit) return `Your code called process.exit(${exit[1]}), which would end the whole program; the grader stopped it. Throw an error instead.`;
  const missingExport = /^(?:\(0 , )?[\w$]+\.([\w$]+)\)? is not a (function|constructor)/.exec(message);
  if (missingExport) {
    const kind = missingExport[2] === 'constructor' ? 'class' : 'function';
    return `Your file does not export a ${kind} named ${missingExport[1]}, and the tests import it by that name. Keep the exported names and signatures of the stub.`;
  }
  const loadFailed = /Failed to load url (\S+)/.exec(message);
  if (loadFailed) return `${loadFailed[1]} could not be found. Does the file exist, with that name?`;
  return message;
}
