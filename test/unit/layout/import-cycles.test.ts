import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

/** Every .ts file under src, as a path relative to src. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [relative(SRC, join(dir, entry.name))] : [],
  );
}

/** The project files a source imports, statically, dynamically or for types alone. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(SRC, resolve(SRC, dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** The strongly connected components with more than one member (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      for (let member = stack.pop(); ; member = stack.pop()) {
        component.push(member!);
        if (member === node) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

const files = sources();
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

describe('the import graph of src', () => {
  it('resolves every relative import to a file in src', () => {
    const known = new Set(files);
    const missing = files.flatMap((file) => importsOf(file).filter((target) => !known.has(target)).map((target) => `${file} → ${target}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle between files', () => {
    expect(cycles(new Map(files.map((file) => [file, new Set(importsOf(file))])))).toEqual([]);
  });

  it('has no cycle between folders, so each folder sits at one place in the pipeline', () => {
    const graph = new Map<string, Set<string>>();
    for (const file of files) {
      const edges = graph.get(folderOf(file)) ?? new Set<string>();
      for (const target of importsOf(file)) if (folderOf(target) !== folderOf(file)) edges.add(folderOf(target));
      graph.set(folderOf(file), edges);
    }
    expect(cycles(graph)).toEqual([]);
  });
});
