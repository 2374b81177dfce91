// The story's entities as the server lists them through textDocument/documentSymbol:
// top-level symbols are groups ("People", "Organisations", "Places", "Other"), their
// children the entities. Pure functions, shared by the command and the status bar.
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';

export interface EntityGroup {
  name: string;
  entities: DocumentSymbol[];
}

export function groupsOf(result: DocumentSymbol[] | SymbolInformation[] | null | undefined): EntityGroup[] {
  if (!result) return [];
  const groups: EntityGroup[] = [];
  for (const symbol of result) {
    // SymbolInformation (flat) has no children; the server always answers nested.
    if (!('children' in symbol) || !symbol.children) continue;
    groups.push({ name: symbol.name, entities: symbol.children });
  }
  return groups;
}

export function entityCount(groups: EntityGroup[]): number {
  return groups.reduce((n, g) => n + g.entities.length, 0);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The status-bar text: "$(person) 12 entities · 2 findings". */
export function statusText(entities: number, findings: number): string {
  const icon = findings > 0 ? '$(warning)' : '$(check)';
  return `$(person) ${plural(entities, 'entity', 'entities')} · ${icon} ${plural(findings, 'finding', 'findings')}`;
}

/** The status-bar tooltip: one line per group, e.g. "People: 3". */
export function statusTooltip(groups: EntityGroup[], findings: number): string {
  const lines = groups.map((g) => `${g.name}: ${g.entities.length}`);
  lines.push(`Findings: ${findings}`);
  return `Byline\n${lines.join('\n')}\n\nClick to list the story's entities.`;
}
