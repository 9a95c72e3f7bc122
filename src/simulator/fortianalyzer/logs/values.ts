/**
 * The vocabularies generated logs draw from: services, applications, destinations, web categories,
 * IPS signatures, event messages. Lists are ordered most frequent first (draws are skewed), so that
 * FortiView top-N answers look like a real network's.
 */
import { hash } from './hash.js';

export interface Service {
  readonly service: string;
  readonly port: number;
  /** 6 TCP, 17 UDP. */
  readonly proto: number;
}

export const SERVICES: readonly Service[] = [
  { service: 'HTTPS', port: 443, proto: 6 },
  { service: 'DNS', port: 53, proto: 17 },
  { service: 'HTTP', port: 80, proto: 6 },
  { service: 'NTP', port: 123, proto: 17 },
  { service: 'SSH', port: 22, proto: 6 },
  { service: 'SMTPS', port: 465, proto: 6 },
  { service: 'IMAPS', port: 993, proto: 6 },
  { service: 'RDP', port: 3389, proto: 6 },
  { service: 'SMB', port: 445, proto: 6 },
  { service: 'SNMP', port: 161, proto: 17 },
];

export interface Application {
  readonly app: string;
  readonly appid: number;
  readonly appcat: string;
  readonly apprisk: 'low' | 'medium' | 'elevated' | 'high' | 'critical';
  /** The FortiView application group. */
  readonly group: string;
  readonly cloud: boolean;
}

export const APPLICATIONS: readonly Application[] = [
  app('HTTPS.BROWSER', 40568, 'Web.Client', 'medium', 'HTTPS', false),
  app('DNS', 16195, 'Network.Service', 'elevated', 'DNS', false),
  app('Microsoft.Office.365', 41469, 'Collaboration', 'medium', 'Microsoft.Office', true),
  app('Google.Services', 43540, 'General.Interest', 'low', 'Google', true),
  app('YouTube', 31077, 'Video/Audio', 'medium', 'YouTube', true),
  app('SSL', 15895, 'Network.Service', 'low', 'SSL', false),
  app('Microsoft.Teams', 43541, 'Collaboration', 'low', 'Microsoft.Teams', true),
  app('Zoom', 36619, 'Collaboration', 'medium', 'Zoom', true),
  app('Salesforce', 16920, 'Business', 'low', 'Salesforce', true),
  app('Dropbox', 17603, 'Storage.Backup', 'high', 'Dropbox', true),
  app('NTP', 16270, 'Network.Service', 'low', 'NTP', false),
  app('Slack', 38264, 'Collaboration', 'medium', 'Slack', true),
  app('SSH', 16060, 'Remote.Access', 'elevated', 'SSH', false),
  app('BitTorrent', 16190, 'P2P', 'critical', 'BitTorrent', false),
];

function app(
  name: string,
  appid: number,
  appcat: string,
  apprisk: Application['apprisk'],
  group: string,
  cloud: boolean,
): Application {
  return { app: name, appid, appcat, apprisk, group, cloud };
}

export const COUNTRIES: readonly string[] = [
  'United States',
  'Ireland',
  'Germany',
  'Netherlands',
  'United Kingdom',
  'France',
  'Singapore',
  'Japan',
  'Canada',
  'Brazil',
  'India',
  'Russian Federation',
  'China',
];

export interface Destination {
  readonly ip: string;
  readonly country: string;
}

/** 240 public destinations, the same for every seed. */
export const DESTINATIONS: readonly Destination[] = Array.from({ length: 240 }, (_, i) => {
  const h = hash(0x5eed, i);
  const first = [13, 20, 23, 34, 35, 40, 52, 54, 104, 142, 151, 172, 185, 199, 203][h % 15]!;
  return {
    ip: `${first}.${(h >>> 4) & 0xff}.${(h >>> 12) & 0xff}.${1 + ((h >>> 20) % 254)}`,
    country: COUNTRIES[Math.min(hash(0xc0, i) % COUNTRIES.length, hash(0xc1, i) % COUNTRIES.length)]!,
  };
});

export interface WebCategory {
  readonly catid: number;
  readonly catdesc: string;
  readonly hosts: readonly string[];
  readonly blocked: boolean;
}

export const WEB_CATEGORIES: readonly WebCategory[] = [
  cat(52, 'Information Technology', [
    'www.fortinet.com',
    'github.com',
    'docs.microsoft.com',
    'stackoverflow.com',
  ]),
  cat(41, 'Search Engines and Portals', ['www.google.com', 'www.bing.com', 'duckduckgo.com']),
  cat(25, 'Streaming Media and Download', ['www.youtube.com', 'www.netflix.com', 'open.spotify.com']),
  cat(4, 'Business', ['www.salesforce.com', 'www.linkedin.com', 'slack.com']),
  cat(17, 'News and Media', ['www.bbc.co.uk', 'www.reuters.com', 'www.lemonde.fr']),
  cat(31, 'Finance and Banking', ['www.paypal.com', 'www.ing.com']),
  cat(37, 'Social Networking', ['www.facebook.com', 'x.com', 'www.instagram.com']),
  cat(26, 'Malicious Websites', ['login-update-secure.example.net', 'cdn-dl.badexample.org'], true),
  cat(61, 'Phishing', ['paypa1-verify.example.com'], true),
];

function cat(catid: number, catdesc: string, hosts: string[], blocked = false): WebCategory {
  return { catid, catdesc, hosts, blocked };
}

export interface Signature {
  readonly attack: string;
  readonly attackid: number;
  readonly severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
}

export const SIGNATURES: readonly Signature[] = [
  sig('Nmap.Script.Scanner', 43256, 'low'),
  sig('HTTP.URI.SQL.Injection', 15621, 'high'),
  sig('Apache.Log4j.Error.Log.Remote.Code.Execution', 51006, 'critical'),
  sig('WordPress.REST.API.Content.Injection', 43509, 'high'),
  sig('MS.SMB.Server.Trans.Peeking.Data.Information.Disclosure', 43796, 'medium'),
  sig('OpenSSL.Heartbleed.Attack', 38300, 'critical'),
  sig('Bash.Function.Definitions.Remote.Code.Execution', 39294, 'critical'),
  sig('SSH.Connection.Brute.Force', 18241, 'medium'),
  sig('PHP.CGI.Argument.Injection', 31476, 'high'),
];

function sig(attack: string, attackid: number, severity: Signature['severity']): Signature {
  return { attack, attackid, severity };
}

export interface EventTemplate {
  readonly subtype: 'system' | 'user' | 'vpn' | 'ha' | 'sdwan';
  readonly logid: string;
  readonly level: 'information' | 'notice' | 'warning' | 'alert';
  readonly logdesc: string;
  readonly action: string;
  readonly status?: string;
  /** The message; `{user}`, `{ip}` and `{tunnel}` are filled in. */
  readonly msg: string;
}

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  {
    subtype: 'sdwan',
    logid: '0113022923',
    level: 'notice',
    logdesc: 'SDWAN SLA notification',
    action: 'sla',
    msg: 'Health Check SLA status. SLA status changes from fail to pass.',
  },
  {
    subtype: 'system',
    logid: '0100032001',
    level: 'information',
    logdesc: 'Admin login successful',
    action: 'login',
    status: 'success',
    msg: 'Administrator {user} logged in successfully from https({ip})',
  },
  {
    subtype: 'vpn',
    logid: '0101037138',
    level: 'notice',
    logdesc: 'IPsec connection status changed',
    action: 'tunnel-up',
    msg: 'IPsec connection status change: {tunnel} up',
  },
  {
    subtype: 'user',
    logid: '0102043008',
    level: 'notice',
    logdesc: 'Authentication success',
    action: 'authentication',
    status: 'success',
    msg: 'User {user} succeeded in authentication',
  },
  {
    subtype: 'system',
    logid: '0100032002',
    level: 'alert',
    logdesc: 'Admin login failed',
    action: 'login',
    status: 'failed',
    msg: 'Administrator {user} login failed from https({ip}) because of invalid password',
  },
  {
    subtype: 'system',
    logid: '0100044547',
    level: 'information',
    logdesc: 'Object attribute configured',
    action: 'Edit',
    msg: 'Edit firewall.policy',
  },
  {
    subtype: 'vpn',
    logid: '0101037141',
    level: 'warning',
    logdesc: 'IPsec tunnel down',
    action: 'tunnel-down',
    msg: 'IPsec connection status change: {tunnel} down',
  },
  {
    subtype: 'ha',
    logid: '0108037893',
    level: 'warning',
    logdesc: 'Heartbeat packet lost',
    action: 'hbdev-down',
    msg: 'HA heartbeat interface port4 lost neighbor information',
  },
];

export const USERS: readonly string[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
export const ADMINS: readonly string[] = ['admin', 'netops', 'audit'];
export const TUNNELS: readonly string[] = ['to-hq', 'to-branch-01', 'to-branch-02', 'to-aws', 'to-azure'];

/** Actions of traffic logs, most frequent first. */
export const TRAFFIC_ACTIONS: readonly string[] = [
  'accept',
  'close',
  'timeout',
  'deny',
  'server-rst',
  'client-rst',
];
