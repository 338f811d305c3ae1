import type { Command } from "../command";

/** Every sub-command, in the order `syllabus --help` lists them. Add one line per command. */
export const commands: Command[] = [];
