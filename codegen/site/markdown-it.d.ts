// markdown-it comes with TypeDoc (its own dependency) and ships no types; this is the little the site uses.
declare module 'markdown-it' {
  interface MarkdownIt {
    render(source: string): string;
    renderInline(source: string): string;
  }
  const MarkdownIt: new (options?: { html?: boolean; linkify?: boolean; typographer?: boolean }) => MarkdownIt;
  export default MarkdownIt;
}
