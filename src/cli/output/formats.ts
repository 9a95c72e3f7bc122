/** The `-o` formats. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv', 'jsonl'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
