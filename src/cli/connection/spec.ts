/** The products the CLI talks to (a profile names one of them). */
export type ProductId = 'fortimanager' | 'forticare' | 'fortisoar' | 'fortiauthenticator' | 'fortianalyzer';

export type SettingKind = 'string' | 'boolean' | 'integer' | 'seconds';

/**
 * One connection setting of a product. Its `key` names it everywhere: the profile key, the flag
 * (`--<key>`), and, upper-cased, the environment variable `FORTIX_<GROUP>_<KEY>`.
 */
export interface SettingSpec {
  readonly key: string;
  readonly description: string;
  readonly kind?: SettingKind;
  readonly choices?: readonly string[];
  /** A secret: never shown, warned about on argv, also read from `--<key>-file`, `--<key>-stdin`, `<ENV>_FILE`. */
  readonly secret?: boolean;
  /** Further environment variables other tools established (Terraform's `FORTIMANAGER_ACCESS_*`, ...). */
  readonly aliases?: readonly string[];
}

/** A product as the CLI sees it: its command group and its connection settings. */
export interface ProductSpec {
  readonly id: ProductId;
  /** Command group and environment prefix: `fmg` -> `fortix fmg ...`, `FORTIX_FMG_URL`. */
  readonly group: string;
  readonly title: string;
  readonly settings: readonly SettingSpec[];
}

/** The environment variables of a setting, highest precedence first. */
export function envNames(product: ProductSpec, setting: SettingSpec): string[] {
  const own = `FORTIX_${product.group.toUpperCase()}_${setting.key.toUpperCase().replaceAll('-', '_')}`;
  return [own, ...(setting.aliases ?? [])];
}

/** TLS and timeout settings every product has. */
export function commonSettings(aliases: { caFile?: string[]; insecure?: string[] } = {}): SettingSpec[] {
  return [
    {
      key: 'ca-file',
      description: 'PEM file of a CA to trust besides the system roots',
      aliases: aliases.caFile,
    },
    {
      key: 'fingerprint',
      description: "pin the server certificate's SHA-256 fingerprint (self-signed appliances)",
    },
    {
      key: 'insecure',
      kind: 'boolean',
      description: 'do not verify the TLS certificate (lab only; prefer --fingerprint)',
      aliases: aliases.insecure,
    },
    { key: 'timeout', kind: 'seconds', description: 'per-request timeout in seconds (default 60)' },
  ];
}
