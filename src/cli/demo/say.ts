/** Demo narration: numbered steps and indented facts on stdout. */
export function step(text: string): void {
  process.stdout.write(`\n▶ ${text}\n`);
}

export function fact(text: string): void {
  process.stdout.write(`  ${text}\n`);
}
