import { describe, expect, it } from 'vitest';
import { matchRoute, parseRoomInput, safeNext } from './router';
import { catalogues, format, pickLanguage, translate } from './i18n';
import { checkConfirm, checkEmail, checkName, checkPassword, checkSiteLink, formatSize, logoProblem, logoType, presentationProblem, randomAccessCode, safeLink } from './validate';
import { contrast, parseHex, themeFor } from './theme';
import { invitationMailed, parseErrorBody } from './api';
import { canAdmin } from './context';
import { isAdministratorRole, KNOWN_PERMISSIONS, permissionChoices, SITE_LINK_KEYS } from './types';

describe('matchRoute', () => {
  it('matches static and parameterised routes', () => {
    expect(matchRoute('/')).toEqual({ name: 'home', params: {} });
    expect(matchRoute('/signin')).toEqual({ name: 'signin', params: {} });
    expect(matchRoute('/signin/')).toEqual({ name: 'signin', params: {} });
    expect(matchRoute('/reset/confirm')).toEqual({ name: 'resetConfirm', params: {} });
    expect(matchRoute('/rooms')).toEqual({ name: 'rooms', params: {} });
    expect(matchRoute('/rooms/abc-def-ghi-jkl')).toEqual({ name: 'room', params: { friendlyId: 'abc-def-ghi-jkl' } });
    expect(matchRoute('/r/abc-def-ghi-jkl')).toEqual({ name: 'join', params: { friendlyId: 'abc-def-ghi-jkl' } });
    expect(matchRoute('/admin')).toEqual({ name: 'admin', params: {} });
    expect(matchRoute('/admin/settings')).toEqual({ name: 'admin', params: { tab: 'settings' } });
  });
  it('falls back to notFound', () => {
    expect(matchRoute('/nope').name).toBe('notFound');
    expect(matchRoute('/rooms/a/b').name).toBe('notFound');
    expect(matchRoute('/r/%E0%A4%A').name).toBe('notFound');
    expect(matchRoute('/r/').name).toBe('notFound');
  });
});

describe('safeNext', () => {
  it('accepts same-site paths only', () => {
    expect(safeNext('/r/abc-def')).toBe('/r/abc-def');
    expect(safeNext('/rooms/x?tab=1')).toBe('/rooms/x?tab=1');
    expect(safeNext('//evil.example/')).toBe('/rooms');
    expect(safeNext('https://evil.example/')).toBe('/rooms');
    expect(safeNext('/\\evil.example')).toBe('/rooms');
    expect(safeNext('/signin?next=/x')).toBe('/rooms');
    expect(safeNext(null, '/')).toBe('/');
  });
});

describe('parseRoomInput', () => {
  it('takes an ID or a link', () => {
    expect(parseRoomInput(' abc-def-ghi-jkl ')).toBe('abc-def-ghi-jkl');
    expect(parseRoomInput('ABC-DEF-GHI-JKL')).toBe('abc-def-ghi-jkl');
    expect(parseRoomInput('https://meet.example.org/r/abc-def-ghi-jkl')).toBe('abc-def-ghi-jkl');
    expect(parseRoomInput('https://meet.example.org/rooms/abc-def-ghi-jkl/?x=1')).toBe('abc-def-ghi-jkl');
    expect(parseRoomInput('/r/abc-def-ghi-jkl')).toBe('abc-def-ghi-jkl');
  });
  it('rejects anything else', () => {
    expect(parseRoomInput('')).toBeNull();
    expect(parseRoomInput('hello world')).toBeNull();
    expect(parseRoomInput('https://meet.example.org/admin')).toBeNull();
    expect(parseRoomInput('abc-def-<script>')).toBeNull();
  });
});

describe('i18n', () => {
  it('has the same keys in both catalogues, none empty', () => {
    expect(Object.keys(catalogues.it).sort()).toEqual(Object.keys(catalogues.en).sort());
    for (const lang of ['en', 'it'] as const)
      for (const [k, v] of Object.entries(catalogues[lang])) expect(v, `${lang}.${k}`).not.toBe('');
  });
  it('keeps the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(catalogues.en) as (keyof typeof catalogues.en)[])
      expect(ph(catalogues.it[k]), k).toEqual(ph(catalogues.en[k]));
  });
  it('formats placeholders', () => {
    expect(format('Hi {name}, {n} {x}', { name: 'Ada', n: 3 })).toBe('Hi Ada, 3 {x}');
    expect(translate('it', 'minutes', { n: 5 })).toBe('5 min');
  });
  it('picks a language', () => {
    expect(pickLanguage('it', ['en-US'], 'en')).toBe('it');
    expect(pickLanguage(null, ['de-DE', 'it-IT', 'en'], 'en')).toBe('it');
    expect(pickLanguage('fr', ['de'], 'it')).toBe('it');
    expect(pickLanguage(null, [], null)).toBe('en');
  });
});

describe('validate', () => {
  it('checks fields', () => {
    expect(checkEmail('')).toBe('required');
    expect(checkEmail('a@b')).toBe('invalidEmail');
    expect(checkEmail('ada@example.org')).toBeNull();
    expect(checkPassword('1234567')).toBe('weakPassword');
    expect(checkPassword('12345678')).toBeNull();
    expect(checkName('  ')).toBe('required');
    expect(checkConfirm('abcdefgh', 'abcdefgx')).toBe('mismatch');
  });
  it('makes numeric access codes', () => {
    expect(randomAccessCode(6, () => 7)).toBe('777777');
    expect(randomAccessCode()).toMatch(/^\d{6}$/);
  });
});

describe('theme', () => {
  const white: [number, number, number] = [255, 255, 255];
  it('keeps text on the accent and the accent as text at AA', () => {
    for (const c of ['#1f4fd1', '#ffcc00', '#00ff00', '#777777', '#000000', '#ffffff', '#e11d48', 'bogus']) {
      const t = themeFor(c);
      const bg = parseHex(t.primary)!;
      expect(contrast(bg, parseHex(t.onPrimary)!), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(parseHex(t.primaryText)!, white), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(parseHex(t.primaryText)!, parseHex(t.primarySoft)!), c).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('parses hex colours', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('1f4fd1')).toEqual([31, 79, 209]);
    expect(parseHex('red')).toBeNull();
  });
});

describe('parseErrorBody', () => {
  it('reads the error envelope and Retry-After', () => {
    const e = parseErrorBody(429, { error: { code: 'throttled', message: 'Try again in 30 s' } }, '30');
    expect(e.code).toBe('throttled');
    expect(e.message).toBe('Try again in 30 s');
    expect(e.retryAfter).toBe(30);
    const f = parseErrorBody(422, { error: { code: 'invalidField', message: 'bad', field: 'email' } }, null);
    expect(f.field).toBe('email');
    expect(parseErrorBody(502, null, null).code).toBe('serverError');
    expect(parseErrorBody(404, 'x', null).code).toBe('httpError');
  });
});

describe('request', () => {
  it('sends the CSRF token on non-GET and retries once with a fresh one', async () => {
    const { getSession, signIn } = await import('./api');
    const calls: { url: string; method: string; csrf?: string }[] = [];
    let token = 'old';
    const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
    const orig = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      const csrf = (init.headers as Record<string, string>)['X-CSRF-Token'];
      calls.push({ url, method: init.method ?? 'GET', csrf });
      if (url.endsWith('/session') && init.method === 'GET') return json(200, { user: null, csrfToken: token, site: {} });
      if (csrf !== 'new') return json(403, { error: { code: 'csrfInvalid', message: 'bad token' } });
      return json(200, { user: { id: '1' } });
    }) as typeof fetch;
    try {
      await getSession();
      token = 'new';
      const r = await signIn('a@b.c', 'secret123');
      expect(r.user.id).toBe('1');
      expect(calls.map((c) => `${c.method} ${c.url} ${c.csrf ?? ''}`)).toEqual([
        'GET /api/v1/session ',
        'POST /api/v1/session old',
        'GET /api/v1/session ',
        'POST /api/v1/session new',
      ]);
    } finally {
      globalThis.fetch = orig;
    }
  });
});

describe('roles and invitations', () => {
  it('lists the known permissions first, then any others', () => {
    expect(permissionChoices([])).toEqual(KNOWN_PERMISSIONS);
    expect(permissionChoices([{ permissions: ['Zeta', 'CreateRoom'] }, { permissions: ['Alpha', 'Zeta'] }])).toEqual([...KNOWN_PERMISSIONS, 'Alpha', 'Zeta']);
  });
  it('knows the built-in Administrator role', () => {
    expect(isAdministratorRole({ name: 'Administrator', builtin: true })).toBe(true);
    expect(isAdministratorRole({ name: 'Administrator', builtin: false })).toBe(false);
    expect(isAdministratorRole({ name: 'User', builtin: true })).toBe(false);
  });
  it('has a label for every known permission in both languages', () => {
    for (const p of KNOWN_PERMISSIONS) for (const lang of ['en', 'it'] as const) expect(translate(lang, `perm_${p}` as never)).not.toBe(`perm_${p}`);
  });
  it('reads whether an invitation was mailed', () => {
    const invitation = { id: 'i', email: 'a@b.c', createdAt: 1, expiresAt: 2, link: 'https://x/signup?inviteToken=t' };
    expect(invitationMailed({ invitation, mailed: true })).toBe(true);
    expect(invitationMailed({ invitation, mailed: false })).toBe(false);
    expect(invitationMailed({ invitation: { ...invitation, mailed: true } } as never)).toBe(true);
    expect(invitationMailed({ invitation } as never)).toBe(false);
  });
});

describe('presentation checks', () => {
  const MiB = 1024 * 1024;
  it('takes PDF, PNG and JPEG by type, or by extension when the browser gives no type', () => {
    expect(presentationProblem({ name: 'slides.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(presentationProblem({ name: 'map.PNG', type: 'image/png', size: 1000 })).toBeNull();
    expect(presentationProblem({ name: 'photo.jpeg', type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(presentationProblem({ name: 'photo.jpg', type: '', size: 1000 })).toBeNull();
    expect(presentationProblem({ name: 'Slides.PDF', type: 'application/octet-stream', size: 1000 })).toBeNull();
  });
  it('refuses other types, whatever the name says', () => {
    expect(presentationProblem({ name: 'notes.pdf', type: 'text/plain', size: 10 })).toBe('unsupportedType');
    expect(presentationProblem({ name: 'deck.pptx', type: '', size: 10 })).toBe('unsupportedType');
    expect(presentationProblem({ name: 'anim.gif', type: 'image/gif', size: 10 })).toBe('unsupportedType');
    expect(presentationProblem({ name: 'noext', type: '', size: 10 })).toBe('unsupportedType');
  });
  it('allows up to 20 MiB, and not an empty file', () => {
    expect(presentationProblem({ name: 'a.pdf', type: 'application/pdf', size: 20 * MiB })).toBeNull();
    expect(presentationProblem({ name: 'a.pdf', type: 'application/pdf', size: 20 * MiB + 1 })).toBe('tooLarge');
    expect(presentationProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
  });
});

describe('logo checks', () => {
  it('takes the MIME type, else the extension', () => {
    expect(logoType({ name: 'a.png', type: 'image/png' })).toBe('image/png');
    expect(logoType({ name: 'a', type: 'image/svg+xml' })).toBe('image/svg+xml');
    expect(logoType({ name: 'a.jpg', type: 'image/jpg' })).toBe('image/jpeg');
    expect(logoType({ name: 'Logo.WEBP', type: '' })).toBe('image/webp');
    expect(logoType({ name: 'logo.svg', type: 'application/octet-stream' })).toBe('image/svg+xml');
    expect(logoType({ name: 'logo.gif', type: 'image/gif' })).toBeNull();
    expect(logoType({ name: 'logo.png', type: 'image/gif' })).toBeNull();
    expect(logoType({ name: 'logo', type: '' })).toBeNull();
  });
  it('refuses other types and more than 512 KiB', () => {
    expect(logoProblem({ name: 'a.png', type: 'image/png', size: 512 * 1024 })).toBeNull();
    expect(logoProblem({ name: 'a.png', type: 'image/png', size: 512 * 1024 + 1 })).toBe('tooLarge');
    expect(logoProblem({ name: 'a.bmp', type: 'image/bmp', size: 10 })).toBe('unsupportedType');
  });
  it('formats sizes', () => {
    expect(formatSize(512 * 1024, 'en')).toBe('512 KiB');
    expect(formatSize(800, 'en')).toBe('800 B');
    expect(formatSize(1536, 'it')).toBe('1,5 KiB');
    expect(formatSize(3 * 1024 * 1024, 'en')).toBe('3 MiB');
  });
});

describe('canAdmin', () => {
  const user = (permissions: string[]) => ({ id: '1', name: 'A', email: 'a@example.org', language: 'en' as const, role: { id: 'r', name: 'R' }, permissions, verified: true, status: 'active' as const });
  it('includes the recordings administrators', () => {
    expect(canAdmin(user(['ManageRecordings']))).toBe(true);
    expect(canAdmin(user(['CreateRoom', 'SharedList']))).toBe(false);
    expect(canAdmin(null)).toBe(false);
  });
});

describe('site links', () => {
  it('takes empty or absolute http(s) URLs of at most 500 characters', () => {
    expect(checkSiteLink('')).toBeNull();
    expect(checkSiteLink('   ')).toBeNull();
    expect(checkSiteLink('https://example.org/terms')).toBeNull();
    expect(checkSiteLink(' http://example.org/help?x=1#a ')).toBeNull();
    expect(checkSiteLink('https://example.org/' + 'a'.repeat(480))).toBeNull();
    expect(checkSiteLink('https://example.org/' + 'a'.repeat(481))).toBe('tooLong');
    for (const bad of ['example.org', '/terms', 'ftp://example.org/', 'javascript:alert(1)', 'https://', 'https://exa mple.org/', 'https://example.org/"x', 'https://example.org/<x>', 'data:text/html,x', 'https:example.org'])
      expect(checkSiteLink(bad), bad).toBe('invalidUrl');
  });
  it('renders only safe links', () => {
    expect(safeLink('https://example.org/a')).toBe('https://example.org/a');
    expect(safeLink(' HTTPS://example.org/a ')).toBe('HTTPS://example.org/a');
    expect(safeLink('')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('//example.org/a')).toBeNull();
  });
  it('has labels and settings texts for every link in both languages', () => {
    for (const lang of ['en', 'it'] as const)
      for (const k of SITE_LINK_KEYS) {
        expect(translate(lang, `link_${k}` as never)).not.toBe(`link_${k}`);
        expect(translate(lang, `setting_${k}` as never)).not.toBe(`setting_${k}`);
        expect(translate(lang, `setting_${k}Hint` as never)).not.toBe(`setting_${k}Hint`);
      }
    expect(translate('it', 'link_termsUrl')).toBe("Condizioni d'uso");
    expect(translate('it', 'link_accessibilityUrl')).toBe('Dichiarazione di accessibilità');
    expect(translate('en', 'link_accessibilityUrl')).toBe('Accessibility statement');
  });
});
