/**
 * The editor's `syllabus.pythonPath` setting is the Python of the built-in `local` host. Every config has
 * `local` (the resolver adds it), and a config cannot declare its own `local`, so the setting applies whenever
 * the local host names no python of its own.
 */
import type { HostModel, ResolvedConfig } from "./model";

export function localHostWith(host: HostModel, python: string | undefined): HostModel {
  return python && host.kind === "local" && !host.python ? { ...host, python } : host;
}

export function withLocalPython(config: ResolvedConfig, python: string | undefined): ResolvedConfig {
  if (!python) return config;
  const hosts = Object.fromEntries(Object.entries(config.hosts).map(([name, h]) => [name, localHostWith(h, python)]));
  return { ...config, hosts };
}
