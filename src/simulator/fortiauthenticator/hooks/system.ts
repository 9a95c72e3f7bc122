/**
 * The rest: RADIUS/TACACS+ policy-client links, IAM users, SMTP servers, user certificates, the
 * system singletons and actions (systeminfo, recovery, upgrade, licensing) and the CSV user import.
 */
import { createHash } from 'node:crypto';
import type { SimResponse } from '../../types.js';
import type { FacSim, ResourceHooks, WriteEvent } from '../engine.js';
import { type Body, badRequest, empty, FacFailure, fieldErrors, json } from '../http.js';
import type { Row } from '../store.js';
import { firmwareString } from '../versions.js';

/** A policy-client link that names its policy and client by URI, or (RADIUS) by name. */
function linkHooks(prefix: 'radius' | 'tacplus', byName: boolean): ResourceHooks {
  const policies = `${prefix}policies`;
  const clients = `${prefix}clients`;
  const ends: [string, string][] = [
    ['policy', policies],
    ['client', clients],
  ];
  return {
    check(sim, w) {
      for (const [field, resource] of ends) {
        const name = w.values[`${field}_name`];
        if (byName && !w.values[field] && typeof name === 'string' && name !== '') {
          const row = sim.collection(resource).find('name', name);
          if (row) w.values[field] = sim.uriOf(resource, row);
          else w.errors[`${field}_name`] = [`No ${resource} object is named '${name}'.`];
        } else if (!w.values[field] && w.mode !== 'update') {
          w.errors[field] = [
            byName ? `Either ${field} or ${field}_name is required.` : 'This field is required.',
          ];
        }
        delete w.values[`${field}_name`];
      }
    },
    computed: {
      policy_name: (sim, row) => sim.lookup(policies, 'uri', row.data.policy)?.data.name ?? '',
      client_name: (sim, row) => sim.lookup(clients, 'uri', row.data.client)?.data.name ?? '',
    },
  };
}

function checkIamUser(sim: FacSim, w: WriteEvent): void {
  const merged = { ...w.row?.data, ...w.values };
  const local = merged.localuser ?? null;
  const ldap = merged.ldapuser ?? null;
  if ((local === null) === (ldap === null)) {
    w.errors.localuser = ['Exactly one of localuser and ldapuser must be set; the other must be null.'];
  }
  const taken = sim
    .collection('iamusers')
    .rows()
    .some(
      (row) => row !== w.row && row.data.account === merged.account && row.data.username === merged.username,
    );
  if (taken) w.errors.username = ['An IAM user with this username already exists in this account.'];
}

/** Only one SMTP server is the default; when none is, the first one is. */
function keepOneDefault(sim: FacSim, row: Row): void {
  const servers = sim.collection('smtpservers').rows();
  if (row.data.default === true) {
    for (const other of servers) if (other !== row) other.data.default = false;
  } else if (!servers.some((s) => s.data.default === true) && servers[0]) {
    (servers[0] as Row).data.default = true;
  }
}

function pemOf(row: Row): string {
  const body = Buffer.from(`fortix simulated certificate ${row.id} ${String(row.data.subject)}`).toString(
    'base64',
  );
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

function renew(sim: FacSim, body: Body): SimResponse {
  const b = Array.isArray(body) ? {} : body;
  const errors: Record<string, string[]> = {};
  for (const field of ['cert_id', 'csr', 'expiry'])
    if (b[field] === undefined) errors[field] = ['This field is required.'];
  if (Object.keys(errors).length > 0) throw fieldErrors('usercerts', errors);
  const certs = sim.collection('usercerts');
  const old = certs.find('cert_id', String(b.cert_id));
  if (!old) throw badRequest(`No certificate with ID '${String(b.cert_id)}'.`);
  const renewed = certs.insert({
    ...old.data,
    cert_id: `${String(old.data.cert_id)}-R${certs.size + 1}`,
    status: 'active',
    expiry: Number(b.expiry),
  });
  if (b.revoke_old === true || b.revoke_old === 'true') {
    old.data.status = 'revoked';
    old.data.revocation_reason = 'Superseded';
  }
  return json(201, sim.render('usercerts', renewed));
}

/** CSV import: a header line of local-user field names, then one user per line. */
function importCsv(sim: FacSim, body: Body): SimResponse {
  const csv = Array.isArray(body) ? undefined : body.csv;
  if (typeof csv !== 'string' || csv.trim() === '')
    throw fieldErrors('localusers', { csv: ['This field is required.'] });
  const [header = '', ...lines] = csv.trim().split(/\r?\n/);
  const names = header.split(',').map((name) => name.trim());
  const results = lines.map((line, index) => {
    const values = line.split(',');
    const user = Object.fromEntries(names.map((name, i) => [name, (values[i] ?? '').trim()]));
    try {
      const row = sim.write('localusers', 'create', user, new URLSearchParams(), undefined);
      return { line: index + 2, resource_uri: sim.uriOf('localusers', row) };
    } catch (error) {
      if (!(error instanceof FacFailure)) throw error;
      return { line: index + 2, error: error.reply.body };
    }
  });
  return json(200, { imported: results.filter((r) => 'resource_uri' in r).length, results });
}

export function systemHooks(): Record<string, ResourceHooks> {
  return {
    radiuspolicyclient: linkHooks('radius', true),
    tacpluspolicyclient: linkHooks('tacplus', false),
    iamusers: { check: checkIamUser },
    smtpservers: {
      stored: (sim, row) => keepOneDefault(sim, row),
      deleting(sim, row) {
        if (row.data.default === true) {
          const next = sim
            .collection('smtpservers')
            .rows()
            .find((other) => other !== row);
          if (next) next.data.default = true;
        }
      },
    },
    usercerts: {
      check(_sim, w) {
        if (w.values.status === 'revoked' && !w.values.revocation_reason) {
          w.errors.revocation_reason = ['A revocation reason is required to revoke a certificate.'];
        }
      },
      actions: {
        pem: (sim) => ({
          status: 200,
          headers: { 'content-type': 'application/x-pem-file' },
          body: sim.collection('usercerts').rows().map(pemOf).join(''),
        }),
        renew: (sim, _row, body) => renew(sim, body),
      },
    },
    systeminfo: {
      view(sim) {
        const count = (key: string) => sim.collection(key).size;
        const tokens = [...sim.collection('fortitokens').all()];
        const used = (type: string) =>
          tokens.filter((t) => t.data.type === type && t.data._user !== undefined).length;
        const populated = (type: string) => tokens.filter((t) => t.data.type === type).length;
        return {
          sn: 'FAC-VMTM00000001',
          ha_sn: '',
          firmware: firmwareString(sim.version),
          cpu: '1%',
          memory: '23%',
          memory_usage_detail: { available: '3145728.0 KB', total: '4096000.0 KB', used: '950272.0 KB' },
          disk: '2%',
          disk_usage_detail: { total: '62914560.0 KB', used: '1258291.0 KB' },
          users_usage_detail: {
            max: 5000,
            used: count('localusers') + count('ldapusers') + count('radiususers'),
          },
          groups_usage_detail: { max: 500, used: count('usergroups') },
          fsso_usage_detail: { max: 5000, used: 0 },
          ssoma_usage_detail: { max: 5000, used: 0 },
          ftk_usage_detail: { populated: populated('ftk'), used: used('ftk') },
          ftm_usage_detail: { populated: populated('ftm'), used: used('ftm') },
        };
      },
    },
    recovery: {
      get: (sim) => ({
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': 'attachment; filename="fac_backup.conf"',
        },
        body: `#config-version=${firmwareString(sim.version)}\n#users=${sim.collection('localusers').size}\n`,
      }),
      post(_sim, body) {
        const file = Array.isArray(body) ? undefined : body.file;
        if (file === undefined) throw fieldErrors('recovery', { file: ['This field is required.'] });
        return {
          status: 200,
          headers: { 'content-type': 'text/plain' },
          body: 'Configuration restored. Rebooting.',
        };
      },
    },
    upgrade: {
      post(_sim, body) {
        const url = Array.isArray(body) ? undefined : body.url;
        if (typeof url !== 'string' || url === '')
          throw fieldErrors('upgrade', { url: ['This field is required.'] });
        // An image is recognised by its name; anything else is "not valid for this model".
        return empty(/\.out$/i.test(url) ? 200 : 401);
      },
    },
    licensing: {
      post(_sim, body) {
        const license = Array.isArray(body) ? undefined : body.license;
        if (license === undefined) throw fieldErrors('licensing', { license: ['This field is required.'] });
        const bytes = Buffer.isBuffer(license) ? license : Buffer.from(String(license));
        return json(200, {
          expiry_date: '2030-12-31',
          ip: '192.0.2.1',
          license_hash: createHash('sha256').update(bytes).digest('hex').slice(0, 32),
          success_message: 'License uploaded. The system is rebooting.',
        });
      },
    },
    'csv/localusers': { post: (sim, body) => importCsv(sim, body) },
  };
}
