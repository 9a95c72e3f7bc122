/** Demo narration: numbered steps and indented facts on stdout. */
export function step(text: string): void {
  process.stdout.write(`\n▶ ${text}\n`);
}

export function fact(text: string): void {
  process.stdout.write(`  ${text}\n`);
}

/** The closing table: what each product did and how long it took. */
export function summary(
  done: ReadonlyArray<{ product: string; result: string; ms: number }>,
  requests: number,
  totalMs: number,
): void {
  const width = Math.max(...done.map((d) => d.product.length));
  process.stdout.write('\n■ Summary\n');
  for (const { product, result, ms } of done) {
    process.stdout.write(`  ✓ ${product.padEnd(width)}  ${result} (${ms} ms)\n`);
  }
  process.stdout.write(`  ${requests} HTTP requests to the simulators in ${totalMs} ms; nothing leaked\n`);
}
