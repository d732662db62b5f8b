/**
 * Removing the key from text that came from outside (an error body, a header, a transport's message) before it can
 * reach an error, a log line or a snapshot.
 */

/** Every form the key can take on the wire or in an echo: raw, the Basic credential, its base64 (with and without
 * the ':' and the padding, standard and URL-safe), and each of those percent-encoded. Longest first. */
function secretForms(apiKey: string, authorization: string): string[] {
  const forms = new Set<string>();
  const base = [authorization, apiKey];
  for (const text of [`${apiKey}:`, apiKey]) {
    const b64 = btoa(text);
    base.push(b64, b64.replace(/=+$/, ''));
    base.push(b64.replace(/\+/g, '-').replace(/\//g, '_'), b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  for (const form of base) {
    forms.add(form);
    const encoded = encodeURIComponent(form);
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
    forms.add(encoded.replace(/%20/g, '+'));
  }
  return Array.from(forms)
    .filter((form) => form.length >= 8)
    .sort((a, b) => b.length - a.length);
}

export const scrubber = ({ apiKey, authorization }: { apiKey: string; authorization: string }): ((text: string) => string) => {
  const forms = secretForms(apiKey, authorization);
  const hides = (text: string): boolean => forms.some((form) => text.includes(form));
  return (text: string): string => {
    let out = String(text);
    for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted key]');
    // Any percent-encoding of a form (each character escaped, say): a run that decodes to one goes whole.
    if (out.includes('%')) {
      out = out.replace(/(?:%[0-9A-Fa-f]{2}|[\w.~+\-])*%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2}|[\w.~+\-])*/g, (run) => {
        let decoded: string;
        try {
          decoded = decodeURIComponent(run.replace(/\+/g, ' '));
        } catch {
          decoded = run;
        }
        return hides(decoded) ? '[redacted key]' : run;
      });
    }
    return out;
  };
};
