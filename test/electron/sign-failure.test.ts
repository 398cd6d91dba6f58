/**
 * A signing failure reaches the UI as a refusal with its values, never as "Something went wrong":
 * signPdf's ClockBehindError (this computer's clock went behind the file's latest signature
 * between the service's own check and the signature: a race, or a clock set back meanwhile) and
 * any other SignError. Real signatures on a real PDF.
 */
import { describe, expect, it } from 'vitest';
import { toFailure } from '../../electron/handlers.ts';
import { renderDocument } from '../../electron/pdf/render.ts';
import { FONT_FAMILY } from '../../electron/pdf/sheet.ts';
import { ClockBehindError, createIdentity, openIdentity, SignError, signPdf } from '../../electron/signing/index.ts';
import { refusalText } from '../../renderer/app/refusalText.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const PASS = 'correct horse 42';

async function plainPdf(): Promise<Buffer> {
  const { pdf } = await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 40, 40, 40],
    info: { title: '测试' },
    language: 'zh',
    content: [{ text: '考核表' }],
    footer: () => ({ text: '' }),
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 10 },
    files: {},
  });
  return pdf;
}

describe('a signing failure as a refusal', () => {
  it('the clock behind the file’s latest signature: conflict, clock-behind with both times, worded in both languages', { timeout: 30_000 }, async () => {
    const manager = await openIdentity((await createIdentity({ name: '王磊', role: 'manager', employeeNo: 'M-101' }, PASS)).p12, PASS);
    const planning = await openIdentity((await createIdentity({ name: '李娜', role: 'planning' }, PASS)).p12, PASS);
    const at = new Date(Date.UTC(2026, 10, 3, 9, 35, 0));
    const signed = await signPdf(await plainPdf(), manager, { signingTime: at });
    // One second before the signature is behind; the same second is not.
    const behind = new Date(at.getTime() - 1000);
    const err = await signPdf(signed, planning, { signingTime: behind }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClockBehindError);
    await expect(signPdf(signed, planning, { signingTime: new Date(at.getTime() + 999) })).resolves.toBeInstanceOf(Buffer);

    const failure = toFailure(err);
    expect(failure).toEqual({ kind: 'conflict', message: expect.stringMatching(/clock .* is behind/), refusal: { code: 'clock-behind', previous: at.toISOString(), now: behind.toISOString() } });
    const zhText = refusalText(failure.refusal!, zh);
    expect(zhText).toContain('时钟');
    expect(zhText).not.toMatch(/[A-Za-z]/);
    expect(refusalText(failure.refusal!, en)).toMatch(/clock/);
  });

  it('any other signing failure: conflict, sign-failed, the detail kept in the English message', () => {
    const failure = toFailure(new SignError('the signature (9000 bytes) does not fit the 8192-byte placeholder'));
    expect(failure).toEqual({ kind: 'conflict', message: expect.stringMatching(/does not fit/), refusal: { code: 'sign-failed' } });
    expect(refusalText(failure.refusal!, zh)).toMatch(/签署/);
    expect(refusalText(failure.refusal!, zh)).not.toMatch(/[A-Za-z]/);
  });
});
