/** A generated password, shown once with a copy button and a warning; gone once dismissed. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function OneTimePassword({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [password]);
  const onCopy = () => {
    navigator.clipboard.writeText(password).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };
  return (
    <section className="panel one-time-password" data-testid="one-time-password" aria-labelledby="otp-heading">
      <h3 id="otp-heading" ref={heading} tabIndex={-1}>
        {t('password.heading', { email })}
      </h3>
      <p>
        <strong>{t('password.warning')}</strong>
      </p>
      <div className="password-row">
        <code data-testid="one-time-password-value">{password}</code>
        <button type="button" onClick={onCopy}>
          {t('password.copy')}
        </button>
        <span role="status" className={copy === 'failed' ? 'error' : 'ok'}>
          {copy === 'copied' ? t('password.copied') : copy === 'failed' ? t('password.copyFailed') : ''}
        </span>
      </div>
      <button type="button" className="secondary" onClick={onDone}>
        {t('password.done')}
      </button>
    </section>
  );
}
