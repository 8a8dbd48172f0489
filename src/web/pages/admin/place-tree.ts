/** Orders places as a tree (each parent followed by its children) for an indented list. */
export interface TreePlace {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

export function treeOrder<P extends TreePlace>(places: readonly P[]): P[] {
  const children = new Map<string | null, P[]>();
  const codes = new Set(places.map((p) => p.code));
  for (const p of places) {
    // A place whose parent is not in the list is shown as a root rather than lost.
    const key = p.parent !== null && codes.has(p.parent) ? p.parent : null;
    const list = children.get(key) ?? [];
    list.push(p);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const out: P[] = [];
  const visit = (key: string | null) => {
    for (const p of children.get(key) ?? []) {
      out.push(p);
      visit(p.code);
    }
  };
  visit(null);
  return out;
}
