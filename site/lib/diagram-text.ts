import type { ParsedGraph } from './mermaid-engine.ts';

/**
 * Diagrams in words: an accessible name that says what a diagram shows (who talks to whom, which
 * states, which steps), and a description that lists every message, transition or step, for a
 * reader who cannot see the picture.
 */

export interface DiagramText {
  /** `Sequence diagram`, `Flowchart`, … */
  kind: string;
  name: string;
  description: string;
}

const KINDS: Array<[RegExp, string]> = [
  [/^sequenceDiagram/, 'Sequence diagram'],
  [/^stateDiagram/, 'State diagram'],
  [/^classDiagram/, 'Class diagram'],
  [/^erDiagram/, 'Entity–relationship diagram'],
  [/^(flowchart|graph)\b/, 'Flowchart'],
];

/**
 * Names and describes a diagram. `title` (from the fence's `title="…"` or a `%% title` line)
 * names it when given; otherwise the name is made from its content. `graph` is the parsed graph
 * of a flowchart or state diagram.
 */
export function describeDiagram(source: string, title: string | undefined, graph: ParsedGraph | undefined): DiagramText {
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('%%'));
  const header = lines[0] ?? '';
  const kind = KINDS.find(([pattern]) => pattern.test(header))?.[1] ?? 'Diagram';
  const comment = /^\s*%%\s*(.+)$/m.exec(source)?.[1]?.trim();
  const given = title ?? comment;
  const text =
    kind === 'Sequence diagram'
      ? sequence(lines.slice(1))
      : kind === 'Class diagram'
        ? classes(lines.slice(1))
        : graph
          ? flow(graph, kind === 'State diagram')
          : { summary: '', steps: lines.slice(1).map(clean) };
  const name = given ? `${kind}: ${given}` : text.summary ? `${kind}: ${text.summary}` : kind;
  return { kind, name, description: text.steps.join('. ') + (text.steps.length ? '.' : '') };
}

interface Words {
  summary: string;
  steps: string[];
}

function sequence(lines: string[]): Words {
  const names = new Map<string, string>();
  const order: string[] = [];
  const meet = (id: string, label?: string): string => {
    if (!names.has(id)) order.push(id);
    if (label || !names.has(id)) names.set(id, clean(label ?? id));
    return names.get(id)!;
  };
  const steps: string[] = [];
  let messages = 0;
  let firstMessage = '';
  for (const line of lines) {
    const declared = /^(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+))?$/.exec(line);
    if (declared) {
      meet(declared[1]!, declared[2]);
      continue;
    }
    const message = /^([^\s:]+?)\s*(-{1,2}(?:>>|>|x|\)))\s*\+?-?([^\s:]+?)\s*:\s*(.*)$/.exec(line);
    if (message) {
      const [, from, arrow, to, label] = message;
      const reply = arrow!.startsWith('--');
      steps.push(`${meet(from!)} ${reply ? 'replies to' : 'sends to'} ${meet(to!)}: ${clean(label!)}${arrow!.endsWith('x') ? ' (fails)' : ''}`);
      messages++;
      if (!firstMessage) firstMessage = clean(label!);
      continue;
    }
    const note = /^Note\s+(?:over|left of|right of)\s+([^:]+):\s*(.*)$/i.exec(line);
    if (note) {
      steps.push(`Note on ${note[1]!.split(',').map((id) => meet(id.trim())).join(' and ')}: ${clean(note[2]!)}`);
      continue;
    }
    const block = /^(alt|else|opt|loop|par|and|critical|break|rect)\b\s*(.*)$/.exec(line);
    if (block) {
      const [, word, condition] = block;
      const lead = { alt: 'Either', else: 'Or', opt: 'Optionally', loop: 'Repeatedly', par: 'In parallel', and: 'And at the same time', critical: 'Critically', break: 'Stopping', rect: 'Highlighted' }[word!]!;
      steps.push(condition ? `${lead}, when ${clean(condition)}` : lead);
      continue;
    }
    if (line === 'end') steps.push('End of the alternatives');
  }
  const who = list(order.map((id) => names.get(id)!));
  const summary = messages
    ? `${who} exchange ${messages} message${messages === 1 ? '' : 's'}, starting with “${firstMessage}”`
    : who;
  return { summary, steps };
}

function classes(lines: string[]): Words {
  const found: string[] = [];
  const steps: string[] = [];
  let current: string | undefined;
  let members: string[] = [];
  for (const line of lines) {
    const open = /^class\s+([\w$]+)\s*(\{)?/.exec(line);
    if (open) {
      found.push(open[1]!);
      if (open[2]) {
        current = open[1];
        members = [];
      }
      continue;
    }
    if (current && line === '}') {
      steps.push(`${current} has ${list(members)}`);
      current = undefined;
      continue;
    }
    if (current) {
      members.push(clean(line));
      continue;
    }
    const relation = /^([\w$]+)\s*\S*(?:--|\.\.)\S*\s*([\w$]+)\s*(?::\s*(.*))?$/.exec(line);
    if (relation) steps.push(`${relation[1]} refers to ${relation[2]}${relation[3] ? ` when ${clean(relation[3])}` : ''}`);
  }
  return { summary: list(found), steps };
}

function flow(graph: ParsedGraph, states: boolean): Words {
  const label = (id: string): string => {
    const node = graph.nodes.get(id);
    if (!node || node.shape === 'state-start') return 'the start';
    if (node.shape === 'state-end') return 'the end';
    return clean(node.label || id);
  };
  const named = [...graph.nodes.values()].filter((n) => n.shape !== 'state-start' && n.shape !== 'state-end').map((n) => clean(n.label || n.id));
  const steps = graph.edges.map((edge) => `${label(edge.source)} ${states ? 'goes' : 'leads'} to ${label(edge.target)}${edge.label ? ` (${clean(edge.label)})` : ''}`);
  for (const group of graph.subgraphs) steps.unshift(`${clean(group.label)} holds ${list(group.nodeIds.map(label))}`);
  const shown = named.length > 5 ? [...named.slice(0, 4), `${named.length - 4} more`] : named;
  return { summary: states ? `the states ${list(named)}` : `${named.length} steps: ${list(shown)}`, steps };
}

/** Label text in plain words: line breaks become spaces, quotes and markup are removed. */
function clean(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\\n|\n/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/^"(.*)"$/, '$1')
    .replace(/\*\*|~~/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
