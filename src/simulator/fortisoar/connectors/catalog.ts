/**
 * Connectors the simulated appliance knows: what Content Hub offers (name, version, operations,
 * configuration fields) and how each operation answers. Answers are deterministic functions of
 * the parameters, shaped like the real connectors' output.
 */
import { createHash } from 'node:crypto';

export interface OperationParameter {
  readonly name: string;
  readonly title: string;
  readonly type: 'text' | 'integer' | 'checkbox' | 'json';
  readonly required: boolean;
}

export interface OperationDef {
  readonly operation: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: readonly OperationParameter[];
  readonly category?: string;
}

export interface ConfigField {
  readonly name: string;
  readonly title: string;
  readonly type: 'text' | 'password' | 'checkbox' | 'integer';
  readonly required: boolean;
  readonly value?: unknown;
}

export interface ConnectorDef {
  readonly name: string;
  readonly label: string;
  readonly version: string;
  readonly description: string;
  readonly publisher: string;
  readonly category: readonly string[];
  readonly configFields: readonly ConfigField[];
  readonly operations: readonly OperationDef[];
}

/** What an operation answers: `data`, or a refusal with the connector's message. */
export type OperationOutcome = { ok: true; data: unknown; message?: string } | { ok: false; message: string };

export type OperationRunner = (
  operation: string,
  params: Record<string, unknown>,
  config: Record<string, unknown>,
) => OperationOutcome;

const text = (name: string, title: string, required = true): OperationParameter => ({
  name,
  title,
  type: 'text',
  required,
});

const UTILITIES: ConnectorDef = {
  name: 'cyops_utilities',
  label: 'Utilities',
  version: '3.7.1',
  description: 'Utility operations for playbooks: no-op, dates and artifact extraction.',
  publisher: 'Fortinet',
  category: ['Utilities'],
  configFields: [],
  operations: [
    { operation: 'no_op', title: 'Utils: No Operation', description: 'Does nothing.', parameters: [] },
    {
      operation: 'get_current_date',
      title: 'Utils: Get Current Date',
      description: 'The current date in UTC.',
      parameters: [],
    },
    {
      operation: 'extract_artifacts',
      title: 'Utils: Extract Artifacts from String',
      description: 'IP addresses, domains, URLs and SHA-256 hashes found in a text.',
      parameters: [text('data', 'Data')],
    },
  ],
};

const VIRUSTOTAL: ConnectorDef = {
  name: 'virustotal',
  label: 'VirusTotal',
  version: '2.5.0',
  description: 'Reputation of IP addresses, domains, URLs and files from VirusTotal.',
  publisher: 'Fortinet',
  category: ['Threat Intelligence'],
  configFields: [
    {
      name: 'server',
      title: 'Server URL',
      type: 'text',
      required: true,
      value: 'https://www.virustotal.com',
    },
    { name: 'api_key', title: 'API Key', type: 'password', required: true },
    { name: 'verify_ssl', title: 'Verify SSL', type: 'checkbox', required: false, value: true },
  ],
  operations: [
    {
      operation: 'get_reputation_ip',
      title: 'Get IP Reputation',
      description: 'The reputation of an IP address.',
      parameters: [text('ip', 'IP Address')],
      category: 'investigation',
    },
    {
      operation: 'get_reputation_domain',
      title: 'Get Domain Reputation',
      description: 'The reputation of a domain.',
      parameters: [text('domain', 'Domain')],
      category: 'investigation',
    },
  ],
};

const FORTIGATE: ConnectorDef = {
  name: 'fortigate-firewall',
  label: 'Fortinet FortiGate',
  version: '4.3.0',
  description: 'Block and unblock IP addresses, URLs and applications on a FortiGate.',
  publisher: 'Fortinet',
  category: ['Firewall and Network Protection'],
  configFields: [
    { name: 'address', title: 'Hostname', type: 'text', required: true },
    { name: 'api_key', title: 'API Key', type: 'password', required: true },
    { name: 'verify_ssl', title: 'Verify SSL', type: 'checkbox', required: false, value: false },
  ],
  operations: [
    {
      operation: 'block_ip',
      title: 'Block IP Address',
      description: 'Adds an IP address to the blocked address group.',
      parameters: [text('ip', 'IP Address'), text('ip_block_policy', 'Policy Name', false)],
      category: 'containment',
    },
    {
      operation: 'unblock_ip',
      title: 'Unblock IP Address',
      description: 'Removes an IP address from the blocked address group.',
      parameters: [text('ip', 'IP Address')],
      category: 'remediation',
    },
  ],
};

const FORTISIEM = (version: string): ConnectorDef => ({
  name: 'fortinet-fortisiem',
  label: 'Fortinet FortiSIEM',
  version,
  description: 'Events, incidents and CMDB devices from FortiSIEM.',
  publisher: 'Fortinet',
  category: ['SIEM'],
  configFields: [
    { name: 'server', title: 'Server URL', type: 'text', required: true },
    { name: 'username', title: 'Username', type: 'text', required: true },
    { name: 'password', title: 'Password', type: 'password', required: true },
    { name: 'organization', title: 'Organization', type: 'text', required: true, value: 'super' },
  ],
  operations: [
    {
      operation: 'get_incidents',
      title: 'Get Incidents',
      description: 'Incidents of the last hours.',
      parameters: [{ name: 'hours', title: 'Hours', type: 'integer', required: false }],
    },
  ],
});

const HELLO_WORLD: ConnectorDef = {
  name: 'hello-world',
  label: 'Hello World',
  version: '1.0.0',
  description: 'A sample connector for Connector Studio.',
  publisher: 'Community',
  category: ['Utilities'],
  configFields: [{ name: 'greeting', title: 'Greeting', type: 'text', required: false, value: 'Hello' }],
  operations: [
    {
      operation: 'reverse_text',
      title: 'Reverse Text',
      description: 'Answers the text and its reverse.',
      parameters: [text('text', 'Text')],
    },
  ],
};

/** A connector whose Content Hub package fails to import, for install failures. */
const BROKEN: ConnectorDef = {
  ...HELLO_WORLD,
  name: 'legacy-ticketing',
  label: 'Legacy Ticketing',
  version: '0.9.0',
  description: 'A retired connector whose package no longer imports.',
};

/** Content Hub: every installable name and version. */
export const CONTENT_HUB: readonly ConnectorDef[] = [
  UTILITIES,
  VIRUSTOTAL,
  FORTIGATE,
  FORTISIEM('6.0.0'),
  FORTISIEM('6.1.0'),
  HELLO_WORLD,
  BROKEN,
];

/** Packages that fail while importing (name@version). */
export const BROKEN_PACKAGES: ReadonlySet<string> = new Set([`${BROKEN.name}@${BROKEN.version}`]);

/** Connectors installed and configured when the simulator starts. */
export const PREINSTALLED: readonly ConnectorDef[] = [UTILITIES, VIRUSTOTAL, FORTIGATE, HELLO_WORLD];

export function findPackage(name: string, version: string): ConnectorDef | undefined {
  return CONTENT_HUB.find((c) => c.name === name && c.version === version);
}

/** How the operations of each known connector answer; other connectors echo their input. */
export const RUNNERS: Readonly<Record<string, OperationRunner>> = {
  cyops_utilities(operation, params) {
    if (operation === 'no_op') return { ok: true, data: {} };
    if (operation === 'get_current_date') {
      const now = new Date();
      return { ok: true, data: { date: now.toISOString(), epoch: Math.floor(now.getTime() / 1000) } };
    }
    return { ok: true, data: extractArtifacts(String(params.data ?? '')) };
  },
  virustotal(operation, params, config) {
    if (config.api_key === 'invalid')
      return { ok: false, message: 'VirusTotal refused the API key (HTTP 401).' };
    const subject = String(operation === 'get_reputation_ip' ? params.ip : params.domain);
    return {
      ok: true,
      data: reputation(subject, operation === 'get_reputation_ip' ? 'ip_address' : 'domain'),
    };
  },
  'fortigate-firewall'(operation, params) {
    return {
      ok: true,
      data: {
        ip: params.ip,
        status: operation === 'block_ip' ? 'blocked' : 'unblocked',
        policy: params.ip_block_policy ?? 'FortiSOAR_Blocked_IPs',
      },
      message: `IP ${String(params.ip)} ${operation === 'block_ip' ? 'blocked' : 'unblocked'} successfully`,
    };
  },
  'hello-world'(_operation, params) {
    const original = String(params.text ?? '');
    return { ok: true, data: { original, reversed: [...original].reverse().join('') } };
  },
};

/** A VirusTotal v3-shaped report; the verdict is a stable function of the subject. */
function reputation(subject: string, type: string) {
  const digest = createHash('sha256').update(subject).digest();
  const malicious = subject === '8.8.8.8' || subject === '1.1.1.1' ? 0 : digest[0]! % 12;
  const suspicious = digest[1]! % 3;
  return {
    data: {
      id: subject,
      type,
      attributes: {
        reputation: malicious > 4 ? -malicious * 5 : 10 - malicious,
        as_owner:
          type === 'ip_address'
            ? ['GOOGLE', 'CLOUDFLARENET', 'AMAZON-02', 'OVH SAS'][digest[2]! % 4]
            : undefined,
        country: type === 'ip_address' ? ['US', 'DE', 'FR', 'NL'][digest[3]! % 4] : undefined,
        last_analysis_stats: { harmless: 70 - malicious, malicious, suspicious, undetected: 18, timeout: 0 },
      },
    },
  };
}

function extractArtifacts(data: string) {
  const unique = (pattern: RegExp) => [...new Set(data.match(pattern) ?? [])];
  return {
    IP: unique(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g),
    URL: unique(/\bhttps?:\/\/[^\s"'<>]+/g),
    Domain: unique(/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|info|biz)\b/gi),
    'FileHash-SHA256': unique(/\b[a-f0-9]{64}\b/gi),
  };
}
