/** One admin tab's section: its heading, the notice of the last change (a polite status), then the list and forms. */
import type { ReactNode } from 'react';

export function AdminSection({ id, heading, notice, top, children }: { id: string; heading: string; notice: string; top?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {top}
      <p role="status" className="ok">
        {notice}
      </p>
      {children}
    </section>
  );
}
