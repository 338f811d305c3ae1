/** Tiny DOM helpers. Every piece of text goes in through textContent, never innerHTML: data is not markup. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {},
  children: (Node | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c) node.appendChild(c);
  return node;
}

export function select<T extends string>(label: string, id: string, options: { value: T; text: string }[], value: T, onChange: (v: T) => void): HTMLLabelElement {
  const s = el("select", { attrs: { id } });
  for (const o of options) {
    const opt = el("option", { text: o.text, attrs: { value: o.value } });
    if (o.value === value) opt.selected = true;
    s.appendChild(opt);
  }
  s.addEventListener("change", () => onChange(s.value as T));
  return el("label", {}, [document.createTextNode(label), s]);
}

export function checkbox(label: string, id: string, checked: boolean, onChange: (v: boolean) => void): HTMLLabelElement {
  const box = el("input", { attrs: { id, type: "checkbox" } });
  box.checked = checked;
  box.addEventListener("change", () => onChange(box.checked));
  return el("label", {}, [box, document.createTextNode(label)]);
}

export function button(text: string, id: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", { text, attrs: { id, type: "button" } });
  b.addEventListener("click", onClick);
  return b;
}

export function pct(x: number | undefined | null, digits = 1): string {
  return x === undefined || x === null || !Number.isFinite(x) ? "–" : `${(x * 100).toFixed(digits)}%`;
}
