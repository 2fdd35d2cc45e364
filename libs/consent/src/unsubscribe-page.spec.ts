import { browserLanguage, unsubscribePage } from './unsubscribe-page.js';

describe('unsubscribePage', () => {
  it('asks in French, with a button posting back to the same link', () => {
    const html = unsubscribePage('confirm', 'fr', 'abc.123');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Se désabonner des courriels</h1>');
    expect(html).toContain('<form method="post" action="/unsubscribe/abc.123"><button type="submit">Me désabonner</button></form>');
  });

  it('says it is done, or why nothing changed, in each language', () => {
    expect(unsubscribePage('unsubscribed', 'fr')).toContain('Votre désabonnement est confirmé');
    expect(unsubscribePage('unsubscribed', 'en')).toContain('You are unsubscribed');
    expect(unsubscribePage('expired', 'fr')).toContain('Ce lien de désabonnement est expiré. Rien n&#39;a été modifié.');
    expect(unsubscribePage('forged', 'en')).toContain('This unsubscribe link is not valid. Nothing was changed.');
    expect(unsubscribePage('unknown-patient', 'fr')).toContain('<html lang="fr">');
  });

  it('escapes the token it writes into the form', () => {
    expect(unsubscribePage('confirm', 'en', '"><script>')).not.toContain('<script>');
  });
});

describe('browserLanguage', () => {
  it.each([
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['es-MX,es;q=0.9,fr;q=0.5', 'fr'],
    ['en;q=0.3, fr;q=0.7', 'fr'],
    ['fr;q=0, en', 'en'],
    ['de', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('reads %j as %s', (header, language) => {
    expect(browserLanguage(header)).toBe(language);
  });
});
