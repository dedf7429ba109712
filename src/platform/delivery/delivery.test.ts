// The pure parts of delivery: Korean mobile numbers, the settings form's rules, gateway body templates, message
// composition (escaped, in the person's language), the SMS/LMS split, and the signed links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeMobile,
  formatMobile,
  maskPhone,
  maskEmail,
  confirmToken,
  unsubscribeToken,
  checkUnsubscribeToken,
} from './contacts.ts';
import { readChoices } from './pages.tsx';
import { renderBody, gatewayChannel } from './gateway.ts';
import { noticeMail, textMessage, textMessageType } from './compose.tsx';
import { loadConfig } from '../config.ts';

test('Korean mobile numbers in the ways people type them', () => {
  for (const typed of [
    '010-1234-5678',
    '01012345678',
    '010 1234 5678',
    '010.1234.5678',
    '+82 10-1234-5678',
    '+821012345678',
    '0082-10-1234-5678',
    ' (010) 1234-5678 ',
  ]) {
    assert.equal(normalizeMobile(typed), '01012345678', typed);
  }
  assert.equal(normalizeMobile('011-234-5678'), '0112345678', 'the old 10-digit numbers');
  assert.equal(normalizeMobile('016-1234-5678'), '01612345678');
  for (const bad of [
    '02-123-4567',
    '031-123-4567',
    '010-123-4567',
    '1588-1234',
    '010-1234-56789',
    '010-abcd-5678',
    '',
    '+1 415 555 0100',
  ]) {
    assert.equal(normalizeMobile(bad), null, bad);
  }
  assert.equal(formatMobile('01012345678'), '010-1234-5678');
  assert.equal(formatMobile('0112345678'), '011-234-5678');
  assert.equal(maskPhone('01012345678'), '010-****-5678');
  assert.equal(maskEmail('citizen@example.kr'), 'ci*****@example.kr');
});

test('the settings form: what is wrong, per field; what is right, normalised', () => {
  assert.deepEqual(
    readChoices({
      email: ' a@b.kr ',
      emailNotices: 'on',
      phone: '010 2222 3333',
      phoneChannel: 'kakao-alimtalk',
      lang: 'en',
    }),
    {
      ok: true,
      data: { email: 'a@b.kr', emailNotices: true, phone: '01022223333', phoneChannel: 'kakao-alimtalk', lang: 'en' },
    },
  );
  assert.deepEqual(readChoices({}), {
    ok: true,
    data: { email: null, emailNotices: false, phone: null, phoneChannel: 'none', lang: 'ko' },
  });
  assert.deepEqual(readChoices({ email: 'not-an-address', phone: '02-123-4567' }), {
    ok: false,
    errors: { email: 'contacts.v.email', phone: 'contacts.v.phone' },
  });
  assert.deepEqual(readChoices({ emailNotices: 'on', phoneChannel: 'sms' }), {
    ok: false,
    errors: { email: 'contacts.v.emailNeeded', phone: 'contacts.v.phoneNeeded' },
  });
  assert.deepEqual(readChoices({ phoneChannel: 'fax', lang: 'fr' }), {
    ok: false,
    errors: { phoneChannel: 'v.invalid', lang: 'v.invalid' },
  });
  assert.equal(readChoices({ email: `${'a'.repeat(250)}@b.kr` }).ok, false, 'longer than 254 characters');
});

test('gateway bodies: JSON templates are filled value by value (quotes and line breaks stay inside strings); forms are re-encoded', () => {
  const vars = { to: '01012345678', text: '그가 "좋다"고 했습니다\n다음 줄', ref: 'notice-1-sms' };
  const json = renderBody('{"msg":{"to":["{{to}}"],"body":"{{text}}"},"ref":"{{ref}}","n":1}', vars);
  assert.equal(json.contentType, 'application/json; charset=utf-8');
  assert.deepEqual(JSON.parse(json.body), { msg: { to: ['01012345678'], body: vars.text }, ref: 'notice-1-sms', n: 1 });
  const form = renderBody('receiver={{to}}&msg={{text}}&key=abc&unknown={{nope}}', vars);
  assert.equal(form.contentType, 'application/x-www-form-urlencoded; charset=utf-8');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(form.body)), {
    receiver: '01012345678',
    msg: vars.text,
    key: 'abc',
    unknown: '{{nope}}',
  });
  const bad = {
    url: 'http://127.0.0.1:9/sms',
    method: 'POST' as const,
    headers: {},
    body: '{"to":',
    from: '',
    senderKey: '',
    templates: {},
    timeoutMs: 1000,
  };
  assert.throws(() => gatewayChannel('sms', bad), SyntaxError, 'a broken template stops the start');
});

test('gateway settings are checked at start, with the variable named', () => {
  assert.throws(() => loadConfig({ SECRET: 'x'.repeat(32), SMS_GATEWAY: '{"url":"not a url"}' }), /SMS_GATEWAY: url/);
  assert.throws(() => loadConfig({ SECRET: 'x'.repeat(32), SMTP_URL: 'http://mail.example.kr' }));
  const c = loadConfig({
    SECRET: 'x'.repeat(32),
    ALIMTALK_GATEWAY:
      '{"url":"https://api.example.kr/alimtalk","senderKey":"k","templates":{"proposal.answered":"T1"}}',
  });
  assert.equal(c.alimtalk?.templates['proposal.answered'], 'T1');
  assert.equal(c.alimtalk?.method, 'POST');
  assert.equal(c.sms, undefined);
});

test("an e-mail notice: subject, plain text and HTML in the person's language; the notice text is escaped in HTML", () => {
  const links = {
    url: 'https://madang.example.kr/proposals/7',
    settingsUrl: 'https://madang.example.kr/me/notifications',
    unsubscribeUrl: 'https://madang.example.kr/unsubscribe?p=1&c=email&t=x',
  };
  const ko = noticeMail({
    lang: 'ko',
    name: '한시민',
    text: '"<b>도서관</b>" 제안에 답변이 등록되었습니다.',
    ...links,
  });
  assert.equal(ko.subject, '[마당시] "<b>도서관</b>" 제안에 답변이 등록되었습니다.');
  assert.match(ko.text, /^한시민님, 안녕하세요\.\n\n"<b>도서관<\/b>" 제안에/);
  assert.match(ko.html, /^<!DOCTYPE html><html lang="ko">/);
  assert.match(ko.html, /&lt;b&gt;도서관&lt;\/b&gt;/);
  assert.doesNotMatch(ko.html, /<b>도서관/);
  assert.match(
    ko.html,
    /<a href="https:\/\/madang\.example\.kr\/unsubscribe\?p=1&amp;c=email&amp;t=x">이메일 알림 그만 받기<\/a>/,
  );
  const en = noticeMail({ lang: 'en', name: 'Lan', text: 'A new comment.', ...links });
  assert.equal(en.subject, '[Madang City] A new comment.');
  assert.match(en.text, /Read it on Madang: https:\/\/madang\.example\.kr\/proposals\/7/);
});

test('text messages: the city, the notice and the link; over 90 bytes (EUC-KR counting) it is an LMS', () => {
  assert.equal(
    textMessage('ko', '답변이 등록되었습니다.', 'https://m.kr/p/1'),
    '[마당시] 답변이 등록되었습니다.\nhttps://m.kr/p/1',
  );
  assert.equal(textMessageType('가'.repeat(45)), 'SMS');
  assert.equal(textMessageType('가'.repeat(46)), 'LMS');
  assert.equal(textMessageType('a'.repeat(90)), 'SMS');
  assert.equal(textMessageType('a'.repeat(91)), 'LMS');
});

test('signed links: bound to the person, the channel, the address and the request', () => {
  const s = 'secret-0123456789abcdefghijklmnopqrstuvwxyz';
  const tok = unsubscribeToken(s, 7, 'email');
  assert.ok(checkUnsubscribeToken(s, 7, 'email', tok));
  assert.ok(!checkUnsubscribeToken(s, 8, 'email', tok));
  assert.ok(!checkUnsubscribeToken(s, 7, 'phone', tok));
  assert.ok(!checkUnsubscribeToken('another-secret-0123456789abcdefghijkl', 7, 'email', tok));
  assert.ok(!checkUnsubscribeToken(s, 7, 'email', tok.slice(1)));
  const c = confirmToken(s, 7, 'A@B.kr', 'n1');
  assert.equal(c, confirmToken(s, 7, 'a@b.kr', 'n1'), 'addresses compare without case');
  assert.notEqual(c, confirmToken(s, 7, 'a@b.kr', 'n2'));
  assert.notEqual(c, confirmToken(s, 7, 'other@b.kr', 'n1'));
});
