import type { Command } from "../command";
import { inspectCommand } from "./inspect";
import { orderCommand } from "./order";

/** Every sub-command, in the order `syllabus --help` lists them. Add one line per command. */
export const commands: Command[] = [
  orderCommand,
  inspectCommand,
];
