// PDF signature layer: identities (PKCS#12), 4 incremental signatures, and the verifier's refusals.
// Real files in a temp dir, checked with OpenSSL 3, poppler's pdfsig/pdfdetach and qpdf.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type CreatedIdentity,
  type Role,
  type SigningIdentity,
  type TrustedSigner,
  type Verdict,
  OID,
  certificateToPem,
  createIdentity,
  openIdentity,
  readCertificate,
  signPdf,
  verifyPdf,
} from '../../electron/signing/index.ts';
import { signPdfWithDigest } from '../../electron/signing/sign.ts';

// ---------------------------------------------------------------------------------------------
// helpers

interface PdfMake {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
}
const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
const HELVETICA = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique'];

async function makeScoreSheet(data: unknown, title = 'Monthly score sheet'): Promise<Buffer> {
  // pdfmake mutates the fonts object: a fresh one per document.
  pdfmake.setFonts({ Helvetica: { normal: HELVETICA[0], bold: HELVETICA[1], italics: HELVETICA[2], bolditalics: HELVETICA[3] } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => HELVETICA.includes(path)); // the standard 14 fonts need no files
  const json = Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
  return pdfmake
    .createPdf({
      content: [{ text: title, bold: true }, 'Region East, 2025-06', 'Scores: see the attached scoresheet.json'],
      defaultStyle: { font: 'Helvetica' },
      files: { 'scoresheet.json': { src: `data:application/json;base64,${json}`, name: 'scoresheet.json' } },
    })
    .getBuffer();
}

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

interface PdfsigSignature {
  commonName: string;
  valid: boolean;
  total: boolean;
}
/** pdfsig exits 0 even for invalid signatures: read its text. */
function pdfsig(file: string): PdfsigSignature[] {
  const { stdout } = run('pdfsig', [file]);
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      total: /- Total document signed/.test(block),
    }));
}

/** An incremental update with a correct xref, as a tool that "edits" the signed PDF would write. */
function appendRevision(pdf: Buffer, objects: { num: number; body: string | Buffer }[]): Buffer {
  const trailerText = pdf.toString('latin1', pdf.lastIndexOf('trailer'));
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(trailerText)![1]);
  const size = Number(/\/Size (\d+)/.exec(trailerText)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailerText)![1];
  const info = /\/Info (\d+ \d+ R)/.exec(trailerText)?.[1];
  const parts: Buffer[] = [];
  let offset = pdf.length;
  const push = (chunk: string | Buffer) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    offset += buffer.length;
  };
  push('\n');
  const offsets: [number, number][] = [];
  for (const object of objects) {
    offsets.push([object.num, offset]);
    push(`${object.num} 0 obj\n`);
    push(object.body);
    push('\nendobj\n');
  }
  const xrefAt = offset;
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, at] of offsets.sort((x, y) => x[0] - y[0])) xref += `${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`;
  const newSize = Math.max(size, ...objects.map((o) => o.num + 1));
  push(`${xref}trailer\n<< /Size ${newSize} /Root ${root}${info ? ` /Info ${info}` : ''} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF`);
  return Buffer.concat([pdf, ...parts]);
}

function streamBody(dict: string, data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
}

/** Object numbers in the pdfmake document (they differ between pdfmake versions, so look them up). */
function objectNumbers(pdf: Buffer) {
  const text = pdf.toString('latin1');
  return {
    embeddedFile: Number(/(\d+) 0 obj\s*<<\s*\/Type \/EmbeddedFile/.exec(text)![1]),
    pageContents: Number(/\/Type \/Page\s*\/Parent[^>]*?\/Contents (\d+) 0 R/.exec(text)![1]),
    catalog: Number(/\/Root (\d+) 0 R/.exec(text)![1]),
  };
}

function expectFailure(verdict: Verdict, check: string, message?: RegExp) {
  expect(verdict.ok, JSON.stringify(verdict.failure)).toBe(false);
  expect(verdict.failure?.check).toBe(check);
  if (message) expect(verdict.failure?.message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------
// fixtures

const SHEET = {
  month: '2025-06',
  region: '华东区',
  rows: [
    { employee: '刘洋', score: 92.5 },
    { employee: '赵敏', score: 88 },
  ],
  total: 180.5,
};

const PEOPLE: { name: string; role: Role; email?: string; algorithm: 'ECDSA-P256' | 'RSA-2048'; comment: string }[] = [
  { name: '王磊', role: 'manager', email: 'wang.lei@example.com', algorithm: 'ECDSA-P256', comment: '区域经理：数据已核对' },
  { name: '李娜', role: 'planning', algorithm: 'RSA-2048', comment: '销售计划：同意' },
  { name: '张伟', role: 'vp', algorithm: 'ECDSA-P256', comment: '销售副总裁：批准 (OK)' },
  { name: '陈静', role: 'hr', email: 'chen.jing@example.com', algorithm: 'RSA-2048', comment: '人力资源：已归档' },
];
const PASSPHRASE = '正确 horse battery staple';

let dir: string;
let created: CreatedIdentity[];
let signers: SigningIdentity[];
let trusted: TrustedSigner[];
let impostor: SigningIdentity; // a second "王磊" (manager), not on the trusted list
let base: Buffer; // the unsigned sheet
let signed: Buffer[]; // signed[k] has k + 1 signatures
const signMs: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signing-test-'));
  created = await Promise.all(PEOPLE.map((p) => createIdentity({ name: p.name, role: p.role, email: p.email, algorithm: p.algorithm }, PASSPHRASE)));
  signers = await Promise.all(created.map((c) => openIdentity(c.p12, PASSPHRASE)));
  trusted = created.map((c, i) => ({ certificate: c.certificate, role: PEOPLE[i]!.role }));
  impostor = await openIdentity((await createIdentity({ name: '王磊', role: 'manager' }, 'x')).p12, 'x');

  base = await makeScoreSheet(SHEET);
  writeFileSync(join(dir, 'sheet-0.pdf'), base);
  signed = [];
  let pdf = base;
  for (const [i, signer] of signers.entries()) {
    const start = performance.now();
    pdf = await signPdf(pdf, signer, { reason: `approval: ${PEOPLE[i]!.role}`, comment: PEOPLE[i]!.comment });
    signMs.push(performance.now() - start);
    signed.push(pdf);
    writeFileSync(join(dir, `sheet-${i + 1}.pdf`), pdf);
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (pdf: Buffer, extra: Partial<Parameters<typeof verifyPdf>[1]> = {}) => verifyPdf(pdf, { trusted, ...extra });

// ---------------------------------------------------------------------------------------------

describe('identities', () => {
  it('createIdentity writes a PKCS#12 that OpenSSL 3 opens (PBES2 PBKDF2-SHA256 AES-256-CBC, MAC SHA-256)', () => {
    const file = join(dir, 'manager.p12');
    writeFileSync(file, created[0]!.p12);
    const pass = `pass:${PASSPHRASE}`;

    const certs = run('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', pass]);
    expect(certs.status, certs.stderr).toBe(0);
    expect(certs.stdout).toContain('-----BEGIN CERTIFICATE-----');

    const info = run('openssl', ['pkcs12', '-in', file, '-info', '-noout', '-passin', pass]);
    expect(info.status, info.stderr).toBe(0);
    const infoText = info.stdout + info.stderr;
    expect(infoText).toMatch(/MAC: sha256/);
    expect(infoText).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);
    expect(infoText).toMatch(/PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);

    const x509 = run('openssl', ['x509', '-noout', '-subject', '-nameopt', 'utf8', '-fingerprint', '-sha256', '-text'], certs.stdout);
    expect(x509.status, x509.stderr).toBe(0);
    expect(x509.stdout).toContain('subject=CN=王磊, O=staff-assessment, emailAddress=wang.lei@example.com');
    expect(x509.stdout).toContain(`sha256 Fingerprint=${created[0]!.fingerprint}`);
    expect(x509.stdout).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(x509.stdout).toContain(`${OID.staffAssessmentRole}:`);

    const key = run('openssl', ['pkcs12', '-in', file, '-nocerts', '-nodes', '-passin', pass]);
    expect(key.status, key.stderr).toBe(0);
    expect(key.stdout).toContain('PRIVATE KEY');
    expect(run('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', 'pass:wrong']).status).not.toBe(0);
  });

  it('readCertificate reads name, role, email, validity, serial and fingerprint, from DER and PEM', () => {
    for (const [i, c] of created.entries()) {
      const info = readCertificate(c.certificate);
      expect(info).toMatchObject({ name: PEOPLE[i]!.name, role: PEOPLE[i]!.role, email: PEOPLE[i]!.email ?? null, fingerprint: c.fingerprint });
      expect(info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(info.serial).toMatch(/^[0-9A-F]{32}$/);
      const years = (info.notAfter.getTime() - info.notBefore.getTime()) / (365.25 * 24 * 3600 * 1000);
      expect(years).toBeGreaterThan(4.99);
      expect(years).toBeLessThan(5.01);
      expect(info.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
      expect(readCertificate(certificateToPem(c.certificate))).toEqual(info);
      expect(readCertificate(Buffer.from(certificateToPem(c.certificate)))).toEqual(info);
    }
    expect(new Set(created.map((c) => readCertificate(c.certificate).serial)).size).toBe(created.length);
  });

  it('openIdentity opens our PKCS#12 and refuses a wrong passphrase clearly', async () => {
    expect(signers.map((s) => [s.name, s.role])).toEqual(PEOPLE.map((p) => [p.name, p.role]));
    expect(signers[0]!.privateKey.algorithm.name).toBe('ECDSA');
    expect(signers[1]!.privateKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(signers[0]!.privateKey.extractable).toBe(false);
    await expect(openIdentity(created[0]!.p12, 'wrong passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
      message: expect.stringMatching(/wrong passphrase/),
    });
    await expect(openIdentity(Buffer.from('not a p12'), PASSPHRASE)).rejects.toMatchObject({ code: 'invalid-p12' });
  });

  it('createIdentity validates its input', async () => {
    await expect(createIdentity({ name: ' ', role: 'manager' }, 'x')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(createIdentity({ name: '王磊', role: 'boss' as Role }, 'x')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(createIdentity({ name: '王磊', role: 'hr' }, '')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(createIdentity({ name: '王磊', role: 'hr', email: 'not an email' }, 'x')).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it.each([
    ['EC P-256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['RSA 2048', ['-newkey', 'rsa:2048']],
  ])('a PKCS#12 made by OpenSSL 3 (%s) opens, signs and verifies', async (label, keyArgs) => {
    const key = join(dir, `ossl-${label}.key`);
    const cert = join(dir, `ossl-${label}.crt`);
    const p12 = join(dir, `ossl-${label}.p12`);
    const req = run('openssl', [
      'req', '-x509', ...keyArgs, '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-utf8',
      '-subj', '/CN=赵六/O=staff-assessment',
      '-addext', `${OID.staffAssessmentRole}=ASN1:UTF8String:manager`,
      '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation',
    ]);
    expect(req.status, req.stderr).toBe(0);
    const exp = run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:s3cret!']);
    expect(exp.status, exp.stderr).toBe(0);

    const identity = await openIdentity(readFileSync(p12), 's3cret!');
    expect(identity).toMatchObject({ name: '赵六', role: 'manager' });
    await expect(openIdentity(readFileSync(p12), 'S3cret!')).rejects.toThrow(/wrong passphrase/);

    const pdf = await signPdf(base, identity, { comment: 'OpenSSL 证书' });
    const verdict = await verifyPdf(pdf, { trusted: [{ certificate: identity.certificate, role: 'manager' }] });
    expect(verdict.failure).toBeUndefined();
    expect(verdict.signatures[0]).toMatchObject({ name: '赵六', role: 'manager', comment: 'OpenSSL 证书' });
    writeFileSync(join(dir, `ossl-${label}.pdf`), pdf);
    expect(pdfsig(join(dir, `ossl-${label}.pdf`))).toMatchObject([{ commonName: '赵六', valid: true, total: true }]);
  }, 30_000);
});

describe('four signatures in a row', () => {
  it('pdfsig finds every signature valid, the last one covering the whole document; qpdf --check is clean at every step', () => {
    for (let k = 1; k <= 4; k++) {
      const file = join(dir, `sheet-${k}.pdf`);
      const report = pdfsig(file);
      expect(report).toHaveLength(k);
      expect(report.map((s) => s.commonName)).toEqual(PEOPLE.slice(0, k).map((p) => p.name));
      expect(report.every((s) => s.valid), JSON.stringify(report)).toBe(true);
      expect(report.map((s) => s.total)).toEqual([...Array(k - 1).fill(false), true]);

      const check = run('qpdf', ['--check', file]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout + check.stderr).not.toMatch(/WARNING/i);
    }
    // each signed file is the previous one plus an appended update
    for (let k = 1; k < 4; k++) expect(signed[k]!.subarray(0, signed[k - 1]!.length).equals(signed[k - 1]!)).toBe(true);
  });

  it('the verifier accepts the 1-, 2-, 3- and 4-signature files', async () => {
    for (let k = 1; k <= 4; k++) {
      const seen: unknown[] = [];
      const verdict = await verify(signed[k - 1]!, { checkData: (json) => (seen.push(json), null) });
      expect(verdict.failure).toBeUndefined();
      expect(verdict.ok).toBe(true);
      expect(verdict.data).toEqual(SHEET);
      expect(seen).toEqual([SHEET]);
      expect(verdict.signatures).toHaveLength(k);
      verdict.signatures.forEach((s, i) => {
        expect(s).toMatchObject({
          name: PEOPLE[i]!.name,
          role: PEOPLE[i]!.role,
          fingerprint: created[i]!.fingerprint,
          comment: PEOPLE[i]!.comment,
          reason: `approval: ${PEOPLE[i]!.role}`,
          coversWholeFile: i === k - 1,
          revisionEnd: signed[i]!.length,
        });
        expect(Math.abs(s.signingTime!.getTime() - Date.now())).toBeLessThan(120_000);
      });
    }
    // a caller may also require a shorter chain
    expect((await verify(signed[1]!, { expectedChain: ['manager', 'planning'] })).ok).toBe(true);
    expectFailure(await verify(signed[2]!, { expectedChain: ['manager', 'planning'] }), 'signer-order');
  });

  it('timings', async () => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      expect((await verify(signed[3]!)).ok).toBe(true);
      runs.push(performance.now() - start);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    console.log(
      `[signing] sign ms (manager ECDSA, planning RSA, vp ECDSA, hr RSA): ${signMs.map((ms) => ms.toFixed(1)).join(', ')}; ` +
        `verify 4-signature file (${signed[3]!.length} bytes) ms: first ${runs[0]!.toFixed(1)}, median ${sorted[2]!.toFixed(1)}, min ${sorted[0]!.toFixed(1)}`,
    );
  });
});

describe('the verifier refuses', () => {
  it('a flipped byte inside a signed range', async () => {
    const pdf = Buffer.from(signed[3]!);
    const at = pdf.indexOf('(pdfmake)');
    expect(at).toBeGreaterThan(0);
    pdf[at + 1] = 'P'.charCodeAt(0);
    expectFailure(await verify(pdf), 'cms', /signature #1: the signed bytes were modified/);

    const late = Buffer.from(signed[3]!);
    const name = late.indexOf('/T (Signature4)');
    late[name + 4] = 's'.charCodeAt(0);
    expectFailure(await verify(late), 'cms', /signature #4: the signed bytes were modified/);
  });

  it('a changed signature value (/Contents)', async () => {
    const pdf = Buffer.from(signed[3]!);
    const contents = pdf.lastIndexOf('/Contents <');
    const at = contents + '/Contents <'.length + 600; // inside the DER, not the zero padding
    pdf[at] = pdf[at] === 0x30 ? 0x31 : 0x30;
    expectFailure(await verify(pdf), 'cms', /signature #4/);
  });

  it('an appended unsigned revision that replaces the page content (pdfsig still says "valid")', async () => {
    const { pageContents } = objectNumbers(base);
    const pdf = appendRevision(signed[3]!, [{ num: pageContents, body: streamBody('', 'BT /F1 24 Tf 72 720 Td (All scores: 100) Tj ET') }]);
    const file = join(dir, 'tampered-page.pdf');
    writeFileSync(file, pdf);
    const report = pdfsig(file);
    expect(report.every((s) => s.valid)).toBe(true); // why pdfsig alone is not enough
    expect(report[3]!.total).toBe(false);
    expectFailure(await verify(pdf), 'coverage', /bytes were added after it without a signature/);
  });

  it('an appended unsigned revision that replaces the embedded JSON', async () => {
    const { embeddedFile } = objectNumbers(base);
    const forged = JSON.stringify({ ...SHEET, total: 999 });
    const body = streamBody('/Type /EmbeddedFile /Subtype /application#2Fjson', Buffer.from(forged, 'utf8'));
    const pdf = appendRevision(signed[3]!, [{ num: embeddedFile, body }]);
    const file = join(dir, 'tampered-json.pdf');
    writeFileSync(file, pdf);
    const out = join(dir, 'extracted.json');
    expect(run('pdfdetach', ['-save', '1', '-o', out, file]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(forged); // viewers see the forged data
    expectFailure(await verify(pdf), 'coverage');
  });

  it('a later signer who changes the page content, the JSON or the catalog in their own signed update', async () => {
    const { pageContents, embeddedFile, catalog } = objectNumbers(base);
    const catalogs = [...signed[0]!.toString('latin1').matchAll(/\d+ 0 obj\s*(<<\s*\/Type \/Catalog[\s\S]*?>>)\s*endobj/g)];
    const catalogText = catalogs[catalogs.length - 1]![1]!; // the one with /AcroForm
    const tamperings: [string, { num: number; body: string | Buffer }, RegExp][] = [
      ['page', { num: pageContents, body: streamBody('', 'BT /F1 24 Tf 72 720 Td (All scores: 100) Tj ET') }, /adds or replaces a stream/],
      ['json', { num: embeddedFile, body: streamBody('/Type /EmbeddedFile', Buffer.from(JSON.stringify({ ...SHEET, total: 999 }))) }, /EmbeddedFile/],
      ['catalog', { num: catalog, body: catalogText.replace(/>>\s*$/, '/OpenAction << /S /URI /URI (https://example.com) >>\n>>') }, /catalog \(\/OpenAction\)/],
    ];
    for (const [label, object, why] of tamperings) {
      const pdf = await signPdf(appendRevision(signed[0]!, [object]), signers[1]!, { comment: 'looks fine' });
      writeFileSync(join(dir, `signed-over-${label}.pdf`), pdf);
      const report = pdfsig(join(dir, `signed-over-${label}.pdf`));
      expect(report.map((s) => [s.valid, s.total])).toEqual([[true, false], [true, true]]); // pdfsig is content
      expectFailure(await verify(pdf), 'revisions', why);
      expect(run('qpdf', ['--check', join(dir, `signed-over-${label}.pdf`)]).status).toBe(0);
    }
  });

  it("a signature by an untrusted certificate carrying a trusted signer's name", async () => {
    expect(impostor.name).toBe(signers[0]!.name);
    const pdf = await signPdf(base, impostor);
    expectFailure(await verify(pdf), 'trust', /not from a trusted certificate/);
    const later = await signPdf(signed[0]!, impostor);
    expectFailure(await verify(later), 'trust', /signature #2 by "王磊"/);
  });

  it('a trusted certificate used for a role the trusted list does not give it', async () => {
    const misfiled = trusted.map((t, i) => (i === 0 ? { ...t, role: 'vp' as Role } : t));
    expectFailure(await verifyPdf(signed[0]!, { trusted: misfiled }), 'trust', /certificate says role manager/);
  });

  it('a signing time outside the certificate validity', async () => {
    const pdf = await signPdf(base, signers[0]!, { signingTime: new Date('2001-01-01T00:00:00Z') });
    expectFailure(await verify(pdf), 'trust', /not valid at the signing time/);
  });

  it('the right signers in the wrong order', async () => {
    const pdf = await signPdf(await signPdf(base, signers[0]!), signers[2]!);
    expectFailure(await verify(pdf), 'signer-order', /signature #2 is by vp/);
    expectFailure(await verify(await signPdf(base, signers[1]!)), 'signer-order', /signature #1 is by planning/);
  });

  it('the same signer twice', async () => {
    const pdf = await signPdf(signed[0]!, signers[0]!);
    expectFailure(await verify(pdf), 'signer-duplicate', /signed twice/);
  });

  it('a truncated file', async () => {
    expectFailure(await verify(signed[3]!.subarray(0, signed[3]!.length - 300)), 'pdf-format', /does not end with %%EOF/);
    expectFailure(await verify(signed[3]!.subarray(0, Math.floor(signed[3]!.length / 2))), 'pdf-format');
  });

  it('a broken cross-reference (startxref pointing elsewhere)', async () => {
    const pdf = Buffer.from(signed[3]!);
    const at = pdf.lastIndexOf('startxref\n') + 'startxref\n'.length;
    pdf[at + 3] = pdf[at + 3] === 0x30 ? 0x31 : 0x30;
    expectFailure(await verify(pdf), 'pdf-structure', /startxref/);
  });

  it('a non-PDF', async () => {
    expectFailure(await verify(Buffer.from('PK\u0003\u0004 not a pdf at all, just some bytes')), 'pdf-format', /not a PDF/);
    expectFailure(await verify(Buffer.alloc(0)), 'pdf-format');
  });

  it('an unsigned PDF', async () => {
    expectFailure(await verify(base), 'signature-present', /not signed/);
  });

  it('embedded data rejected by checkData', async () => {
    let received: unknown;
    const verdict = await verify(signed[3]!, {
      checkData: (json) => {
        received = json;
        return 'total 180.5 does not match the recomputed 181';
      },
    });
    expectFailure(verdict, 'data-check', /does not match the recomputed/);
    expect(received).toEqual(SHEET);
    expect(verdict.data).toEqual(SHEET);

    const throwing = await verify(signed[3]!, {
      checkData: () => {
        throw new Error('recompute crashed');
      },
    });
    expectFailure(throwing, 'data-check', /recompute crashed/);
  });

  it('a PDF without the embedded scoresheet.json', async () => {
    pdfmake.setFonts({ Helvetica: { normal: HELVETICA[0], bold: HELVETICA[1], italics: HELVETICA[2], bolditalics: HELVETICA[3] } });
    const plain = await pdfmake.createPdf({ content: ['no data'], defaultStyle: { font: 'Helvetica' } }).getBuffer();
    expectFailure(await verify(await signPdf(plain, signers[0]!)), 'embedded-data', /scoresheet\.json/);
  });

  it('a SHA-1 signature', async () => {
    const pdf = await signPdfWithDigest(base, signers[0]!, {}, 'SHA-1');
    expectFailure(await verify(pdf), 'cms', /SHA-1/);
  });

  it('any changed byte in a signed range (property, never an exception)', async () => {
    const pdf = signed[3]!;
    const ranges = signed.map((file) => {
      const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)/.exec(file.toString('latin1', file.lastIndexOf('/ByteRange [0 ')))!;
      return [Number(m[1]), Number(m[2])] as const; // the gap [a, b) of that revision's signature
    });
    const inGap = (i: number) => ranges.some(([a, b]) => i >= a && i < b);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pdf.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        fc.pre(!inGap(at));
        const copy = Buffer.from(pdf);
        copy[at] = copy[at]! ^ xor;
        const verdict = await verify(copy);
        expect(verdict.ok).toBe(false);
        expect(verdict.failure?.check).toMatch(/^(pdf-format|pdf-structure|signature-present|byte-range|cms|coverage)$/);
        expect(verdict.failure?.message).not.toMatch(/unexpected error/);
      }),
      { numRuns: Number(process.env.SIGNING_FUZZ_RUNS ?? 150) },
    );
  }, 60_000);

  it('truncation anywhere except at a signed revision end (property)', async () => {
    const pdf = signed[3]!;
    const ends = new Set(signed.map((file) => file.length));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pdf.length - 1 }), async (length) => {
        const verdict = await verify(pdf.subarray(0, length));
        expect(verdict.ok).toBe(ends.has(length));
      }),
      { numRuns: 150, examples: [[signed[0]!.length], [signed[2]!.length], [signed[2]!.length + 1], [signed[2]!.length - 1]] },
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// The crafted set (hardening): every file refused, each for its own specific reason.

/** Replace `from` by `to` (same length, so no offset moves) in the last place it occurs. */
function sameLengthEdit(pdf: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const at = pdf.lastIndexOf(from, undefined, 'latin1');
  expect(at, from).toBeGreaterThan(0);
  const copy = Buffer.from(pdf);
  copy.write(to, at, 'latin1');
  return copy;
}

/** The last /ByteRange array of a file as written, padding included: "[0 a b c   ]". */
function lastByteRange(pdf: Buffer): { text: string; a: number; b: number; c: number } {
  const text = pdf.toString('latin1');
  const m = /\[0 (\d+) (\d+) (\d+) *\]/.exec(text.slice(text.lastIndexOf('/ByteRange [')))!;
  return { text: m[0], a: Number(m[1]), b: Number(m[2]), c: Number(m[3]) };
}

/** The data check HR's import does in spirit: the total must be the sum of the rows. */
const totalsAddUp = (json: unknown) => {
  const sheet = json as typeof SHEET;
  const sum = sheet.rows.reduce((s, r) => s + r.score, 0);
  return sum === sheet.total ? null : `total ${sheet.total} does not match the recomputed ${sum}`;
};

describe('the crafted set: refused, each with a specific reason', () => {
  it('refuses every crafted or broken file with its own check and reason; valid 2-, 3- and 4-signature chains pass', { timeout: 120_000 }, async () => {
    const { pageContents, embeddedFile } = objectNumbers(base);
    const full = signed[3]!;
    const range = lastByteRange(full);

    // An identity whose certificate expired years ago (created with the clock set back).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2012-03-01T00:00:00Z'));
    let expired: SigningIdentity;
    try {
      const made = await createIdentity({ name: '王磊', role: 'manager' }, 'old');
      expired = await openIdentity(made.p12, 'old');
      trustedExpired = { certificate: made.certificate, role: 'manager' };
    } finally {
      vi.useRealTimers();
    }
    const qpdfEncrypt = (pdf: Buffer) => {
      const input = join(dir, 'to-encrypt.pdf');
      const output = join(dir, 'encrypted.pdf');
      writeFileSync(input, pdf);
      const r = run('qpdf', ['--encrypt', '', 'owner-secret', '256', '--', input, output]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(output);
    };
    const flipped = (() => {
      const copy = Buffer.from(full);
      const at = copy.indexOf('(pdfmake)');
      copy[at + 1] = 'P'.charCodeAt(0);
      return copy;
    })();
    const mismatched = await (async () => {
      let pdf = await makeScoreSheet({ ...SHEET, total: 999 });
      for (const signer of signers) pdf = await signPdf(pdf, signer);
      return pdf;
    })();
    const huge = Buffer.concat([full.subarray(0, full.length - 6), Buffer.alloc(21 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const pad = (s: string) => s.padEnd(range.text.length - 1, ' ') + ']';

    const crafted: { name: string; pdf: () => Buffer | Promise<Buffer>; check: string; reason: RegExp; trust?: TrustedSigner[] }[] = [
      { name: 'not a PDF (a PNG)', pdf: () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), check: 'pdf-format', reason: /not a PDF file \(no %PDF- header\)/ },
      { name: 'empty file', pdf: () => Buffer.alloc(0), check: 'pdf-format', reason: /not a PDF file/ },
      { name: 'truncated', pdf: () => full.subarray(0, full.length - 500), check: 'pdf-format', reason: /does not end with %%EOF \(truncated or damaged\)/ },
      { name: 'huge file (21 MB)', pdf: () => huge, check: 'pdf-format', reason: /the file has 22,\d{3},\d{3} bytes; a signed score sheet has at most 20,971,520/ },
      { name: 'encrypted (qpdf, AES-256)', pdf: () => qpdfEncrypt(full), check: 'pdf-structure', reason: /the PDF is encrypted \(\/Encrypt\)/ },
      {
        name: 'broken cross-reference',
        pdf: () => {
          const copy = Buffer.from(full);
          const at = copy.lastIndexOf('startxref\n') + 'startxref\n'.length;
          copy[at + 3] = copy[at + 3] === 0x30 ? 0x31 : 0x30;
          return copy;
        },
        check: 'pdf-structure',
        reason: /startxref/,
      },
      { name: 'unsigned', pdf: () => base, check: 'signature-present', reason: /the PDF is not signed/ },
      {
        name: 'ByteRange with an extra gap (six numbers)',
        pdf: () => sameLengthEdit(full, range.text, pad(`[0 ${range.a} ${range.b} ${range.c - 10} 5 5`)),
        check: 'byte-range',
        reason: /\/ByteRange is not four non-negative integers/,
      },
      {
        name: 'ByteRange gap wider than /Contents',
        pdf: () => sameLengthEdit(full, range.text, pad(`[0 ${range.a - 1} ${range.b + 1} ${range.c - 1}`)),
        check: 'byte-range',
        reason: /gap \[\d+, \d+\) is not exactly the \/Contents string/,
      },
      {
        name: 'ByteRange not reaching the end of the file',
        pdf: () => sameLengthEdit(full, range.text, pad(`[0 ${range.a} ${range.b} ${range.c - 7}`)),
        check: 'byte-range',
        reason: /does not end at the end of a revision/,
      },
      { name: 'a flipped byte in a signed range', pdf: () => flipped, check: 'cms', reason: /signature #1: the signed bytes were modified/ },
      { name: 'SHA-1 digest', pdf: () => signPdfWithDigest(base, signers[0]!, {}, 'SHA-1'), check: 'cms', reason: /SHA-1/ },
      {
        name: 'appended unsigned revision (page replaced)',
        pdf: () => appendRevision(full, [{ num: pageContents, body: streamBody('', 'BT /F1 24 Tf 72 720 Td (All scores: 100) Tj ET') }]),
        check: 'coverage',
        reason: /bytes were added after it without a signature/,
      },
      {
        name: 'appended unsigned revision (JSON replaced)',
        pdf: () => appendRevision(full, [{ num: embeddedFile, body: streamBody('/Type /EmbeddedFile', Buffer.from(JSON.stringify({ ...SHEET, total: 999 }))) }]),
        check: 'coverage',
        reason: /bytes were added after it without a signature/,
      },
      {
        name: 'a later signer replacing the page in a signed update',
        pdf: () => signPdf(appendRevision(signed[0]!, [{ num: pageContents, body: streamBody('', 'BT (x) Tj ET') }]), signers[1]!),
        check: 'revisions',
        reason: /adds or replaces a stream/,
      },
      { name: 'untrusted certificate with a trusted name', pdf: () => signPdf(base, impostor), check: 'trust', reason: /signature #1 by "王磊" \(.+\) is not from a trusted certificate/ },
      {
        name: 'expired certificate (trusted, but expired in 2017)',
        pdf: () => signPdf(base, expired),
        check: 'trust',
        reason: /the certificate of "王磊" was not valid at the signing time \S+ \(it expired on 2017-/,
        trust: [...trusted, trustedExpired!],
      },
      { name: 'signing time before the certificate', pdf: () => signPdf(base, signers[0]!, { signingTime: new Date('2001-01-01T00:00:00Z') }), check: 'trust', reason: /not valid at the signing time 2001-01-01\S+ \(it is valid only from 20/ },
      { name: 'wrong order (manager → vp)', pdf: async () => signPdf(await signPdf(base, signers[0]!), signers[2]!), check: 'signer-order', reason: /signature #2 is by vp "张伟" but step 2 is planning/ },
      { name: 'duplicate signer', pdf: () => signPdf(signed[0]!, signers[0]!), check: 'signer-duplicate', reason: /"王磊" signed twice \(signatures #1 and #2\)/ },
      {
        name: 'no embedded scoresheet.json',
        pdf: async () => {
          pdfmake.setFonts({ Helvetica: { normal: HELVETICA[0], bold: HELVETICA[1], italics: HELVETICA[2], bolditalics: HELVETICA[3] } });
          return signPdf(await pdfmake.createPdf({ content: ['no data'], defaultStyle: { font: 'Helvetica' } }).getBuffer(), signers[0]!);
        },
        check: 'embedded-data',
        reason: /scoresheet\.json in the first signed revision/,
      },
      { name: 'JSON that does not recompute (total 999)', pdf: () => mismatched, check: 'data-check', reason: /total 999 does not match the recomputed 180.5/ },
    ];

    const lines: string[] = [];
    for (const c of crafted) {
      const verdict = await verifyPdf(await c.pdf(), { trusted: c.trust ?? trusted, checkData: totalsAddUp });
      expect(verdict.ok, c.name).toBe(false);
      expect(verdict.failure?.check, `${c.name}: ${verdict.failure?.message}`).toBe(c.check);
      expect(verdict.failure?.message, c.name).toMatch(c.reason);
      expect(verdict.failure?.message, c.name).not.toMatch(/unexpected error/);
      lines.push(`  ${c.name}: ${c.check} — ${verdict.failure!.message}`);
    }
    console.log(`[signing] crafted set: ${crafted.length} files, all refused:\n${lines.join('\n')}`);
    expect(crafted.length).toBeGreaterThanOrEqual(15);

    // Valid chains: 2, 3 and 4 signatures; and a regional manager's own sheet (planning → vp → hr).
    for (const k of [2, 3, 4]) {
      const verdict = await verifyPdf(signed[k - 1]!, { trusted, checkData: totalsAddUp });
      expect(verdict.failure, `${k} signatures`).toBeUndefined();
      expect(verdict.signatures.map((s) => s.role)).toEqual(PEOPLE.slice(0, k).map((p) => p.role));
    }
    let own = base;
    for (const signer of signers.slice(1)) own = await signPdf(own, signer);
    const ownVerdict = await verifyPdf(own, { trusted, expectedChain: ['planning', 'vp', 'hr'], checkData: totalsAddUp });
    expect(ownVerdict.failure).toBeUndefined();
    expect(ownVerdict.signatures).toHaveLength(3);
  });
});

let trustedExpired: TrustedSigner | undefined;
