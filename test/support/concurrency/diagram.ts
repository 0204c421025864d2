import { renderMermaidASCII } from 'beautiful-mermaid';
import type { Trace } from './trace.ts';

/**
 * A trace as a Mermaid sequence diagram: calls are solid arrows, results dashed arrows, errors
 * crossed arrows, remarks notes. Long traces keep their last `limit` events (the failure is there).
 */
export function toMermaid(trace: Trace, limit = 60): string {
  const ids = new Map(trace.participants.map((name, i) => [name, `p${i + 1}`]));
  const lines = ['sequenceDiagram'];
  for (const [name, id] of ids) lines.push(`  participant ${id} as ${label(name)}`);
  const events = trace.events.length > limit ? trace.events.slice(-limit) : trace.events;
  if (events.length < trace.events.length) {
    lines.push(`  Note over ${ids.get(trace.participants[0]!)}: ${trace.events.length - events.length} earlier steps omitted`);
  }
  for (const e of events) {
    const actor = ids.get(e.actor)!;
    const target = ids.get(e.target)!;
    const text = label(e.text);
    if (e.kind === 'call') lines.push(`  ${actor}->>${target}: ${text}`);
    else if (e.kind === 'return') lines.push(`  ${target}-->>${actor}: ${text}`);
    else if (e.kind === 'throw') lines.push(`  ${target}--x${actor}: ${text}`);
    else lines.push(`  Note over ${actor}: ${text}`);
  }
  return lines.join('\n');
}

/**
 * The trace drawn for the terminal. Falls back to an empty string if the renderer rejects the
 * diagram, so a drawing problem never hides the failure it was meant to explain.
 */
export function renderAscii(trace: Trace, limit = 60): string {
  if (trace.events.length === 0) return '';
  try {
    return renderMermaidASCII(toMermaid(trace, limit), { colorMode: 'none' });
  } catch {
    return '';
  }
}

// Mermaid treats `;` and `#` specially and breaks lines on newlines; keep labels on one plain line.
function label(text: string): string {
  const plain = text.replace(/;/g, ',').replace(/[#\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 48 ? `${plain.slice(0, 45)}...` : plain || ' ';
}
