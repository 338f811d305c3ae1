/**
 * Follows the VS Code theme: VS Code puts its colours on the webview's <html> as CSS variables
 * (--vscode-editor-foreground …) and a vscode-light/-dark/-high-contrast class on <body>; charts read them.
 */
import { Chart } from "chart.js";

export interface Theme {
  kind: "light" | "dark" | "high-contrast";
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const cls = document.body.classList;
  const kind = cls.contains("vscode-high-contrast") || cls.contains("vscode-high-contrast-light") ? "high-contrast" : cls.contains("vscode-light") ? "light" : "dark";
  const dark = kind !== "light";
  return {
    kind,
    foreground: cssVar(style, "--vscode-editor-foreground", dark ? "#cccccc" : "#333333"),
    muted: cssVar(style, "--vscode-descriptionForeground", dark ? "#9d9d9d" : "#717171"),
    grid: cssVar(style, "--vscode-editorWidget-border", dark ? "#454545" : "#c8c8c8"),
    background: cssVar(style, "--vscode-editor-background", dark ? "#1e1e1e" : "#ffffff"),
    font: cssVar(style, "--vscode-font-family", "sans-serif"),
  };
}

export function applyTheme(theme: Theme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.font;
}

/** Calls back whenever VS Code switches theme (body class changes). */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ["class"] });
}
