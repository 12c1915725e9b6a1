// The Markdown that help-centre writers send (`format: "markdown"`, `kefu-server import articles`):
// what each piece of the documented subset becomes, and that nothing in any text becomes markup
// the writer did not ask for (decision 0021).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { markdownToHtml } from './markdown.js';

describe('Markdown for help articles', () => {
  it('turns headings, paragraphs, lists, links, emphasis and code into the HTML the widget shows', () => {
    const source = [
      '# Returns',
      '',
      'Send it back within **30 days**, _unworn_.  ',
      'Labels are free: see [our policy](https://shop.example/returns "Policy") or <mailto:help@shop.example>.',
      '',
      '## How',
      '',
      '1. Open `Orders`',
      '2. Choose the item',
      '   - one parcel per return',
      '',
      '> Refunds take *5 days*.',
      '',
      '```',
      'RMA-1234 <kept as text>',
      '```',
      '',
      '---',
      '![Label](https://shop.example/label.png)',
    ].join('\n');
    assert.equal(
      markdownToHtml(source),
      [
        '<h3>Returns</h3>',
        '<p>Send it back within <strong>30 days</strong>, <em>unworn</em>.<br>Labels are free: see ' +
          '<a href="https://shop.example/returns" title="Policy">our policy</a> or ' +
          '<a href="mailto:help@shop.example">help@shop.example</a>.</p>',
        '<h4>How</h4>',
        '<ol>\n<li>Open <code>Orders</code></li>\n<li>Choose the item\n<ul>\n<li>one parcel per return</li>\n</ul></li>\n</ol>',
        '<blockquote>\n<p>Refunds take <em>5 days</em>.</p>\n</blockquote>',
        '<pre><code>RMA-1234 &lt;kept as text&gt;</code></pre>',
        '<hr>',
        '<p><img src="https://shop.example/label.png" alt="Label"></p>',
      ].join('\n'),
    );
  });

  it('shows raw HTML as text and keeps only the words of a link that is not http(s), mailto, tel or relative', () => {
    assert.equal(
      markdownToHtml(
        '<b onclick="x()">hi</b> [click](javascript:alert(1)) [page](/faq#a) ![x](data:image/png;base64,AA)',
      ),
      '<p>&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt; click <a href="/faq#a">page</a> x</p>',
    );
  });

  it('joins Chinese lines without a space, and keeps snake_case words and escaped stars as written', () => {
    assert.equal(markdownToHtml('通常\n三天'), '<p>通常三天</p>');
    assert.equal(
      markdownToHtml('use order_number_here and \\*not\\* emphasis'),
      '<p>use order_number_here and *not* emphasis</p>',
    );
  });

  it('reads hostile nesting and unclosed markers as text instead of overflowing the stack', () => {
    const quotes = markdownToHtml(`${'> '.repeat(50_000)}deep`);
    assert.equal(quotes.match(/<blockquote>/g)?.length, 16);
    assert.match(quotes, /&gt; &gt; .*deep/);
    assert.ok(markdownToHtml(`${'['.repeat(100_000)}${'**a'.repeat(50_000)}`).startsWith('<p>[[['));
    assert.equal(markdownToHtml('-'), '<ul>\n<li></li>\n</ul>');
  });

  it('never lets any text make a tag or attribute of its own', () => {
    const allowed = /^<\/?(?:h[3-6]|p|br|ul|ol|li|blockquote|pre|code|hr|em|strong|a|img)(?:\s|>|$)/;
    const pieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '*',
      '_',
      '`',
      '[',
      ']',
      '(',
      ')',
      '!',
      '#',
      '-',
      '\n',
      ' ',
      'a',
      'javascript:',
      'on',
      '=',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 40 }), (parts) => {
        const html = markdownToHtml(parts.join(''));
        for (const tag of html.match(/<[^>]*>?/g) ?? [])
          assert.match(tag, allowed, `${JSON.stringify(parts.join(''))} → ${html}`);
        assert.doesNotMatch(html, /\son\w+=/i);
        assert.doesNotMatch(html, /href="\s*javascript:/i);
      }),
      { numRuns: 500, seed: 21 },
    );
  });
});
