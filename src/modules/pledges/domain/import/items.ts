// Multi-line cells → nested items. Korean reports nest with markers ○ → • → -; a line's
// marker decides its depth, so a cell reads exactly like the printed list. A dashed leader
// ('홍보 ----- 2021. 4.') separates an item from its date or period.
import type { Item } from '../model.ts';

const MARKERS: [RegExp, number][] = [
  [/^[○◦□■]\s*/, 0],
  [/^[•·∙]\s*/, 1],
  [/^[-–]\s+/, 2],
  [/^※\s*/, 3],
];

export function parseItems(lines: string[]): Item[] {
  const root: Item[] = [];
  const stack: { rank: number; item: Item }[] = [];
  for (const raw of lines) {
    let text = raw.trim();
    if (!text) continue;
    let rank = 0;
    for (const [re, r] of MARKERS) {
      if (re.test(text)) {
        rank = r;
        text = text.replace(re, '');
        break;
      }
    }
    const m = /^(.*?)\s+-{3,}\s*(.+)$/.exec(text);
    const item: Item = m ? { text: m[1].trim(), when: m[2].trim() } : { text };
    while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop();
    if (stack.length) (stack[stack.length - 1].item.children ??= []).push(item);
    else root.push(item);
    stack.push({ rank, item });
  }
  return root;
}

/** Inverse of parseItems (markers by depth), for templates and exports. */
export function itemsToLines(items: Item[], depth = 0): string[] {
  const markers = ['○', '•', '-', '※'];
  const out: string[] = [];
  for (const it of items) {
    out.push(`${markers[Math.min(depth, 3)]} ${it.text}${it.when ? ` ----- ${it.when}` : ''}`);
    if (it.children) out.push(...itemsToLines(it.children, depth + 1));
  }
  return out;
}
