/**
 * The dataset consumer reads exports in Python: every span's offsets must
 * select its quote there (`text[start:end] == quote`, code points). These
 * tests run `python3` on the actual export output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bratDoc, csvChunks, hfChunks, jsonlChunks, w3cCollectionChunks, webAnnoTsv } from '@mbw/shared';
import { HARD_TEXT, hardDoc, LABELS, plainDoc } from './fixtures.js';

const docs = [hardDoc(), plainDoc()];
const spanCount = docs.reduce((n, d) => n + d.spans.length, 0);
const python = (script: string, input: string, ...args: string[]) =>
  execFileSync('python3', ['-c', script, ...args], { input, encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });

const dir = mkdtempSync(join(tmpdir(), 'mbw-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('offsets read by Python', () => {
  it('the text contains emoji, composed and decomposed combining marks and German quotes', () => {
    expect(HARD_TEXT).toContain('é'); // U+00E9 after NFC
    expect(HARD_TEXT).not.toContain('e\u0301');
    expect(HARD_TEXT).toContain('q\u0307'); // no composed form: stays two code points
    for (const c of ['👍🏽', '🇩🇪', '„', '“', '‚', '‘']) expect(HARD_TEXT).toContain(c);
  });

  it('JSONL: text[start:end] == quote for every span', () => {
    const out = python(
      `
import sys, json
n = 0
for line in sys.stdin:
    if not line.strip():
        continue
    doc = json.loads(line)
    for s in doc["spans"]:
        got = doc["text"][s["start"]:s["end"]]
        assert got == s["quote"], (s["id"], got, s["quote"])
        n += 1
print(n)
`,
      [...jsonlChunks(docs)].join(''),
    );
    expect(Number(out.trim())).toBe(spanCount);
  });

  it('brat: every T line’s text is its fragments of the .txt joined by a space, and spans select their quotes', () => {
    const expected: Array<[number, number, string]> = [];
    docs.forEach((doc, i) => {
      const { txt, ann } = bratDoc(doc);
      // written as files, read as brat reads them (UTF-8)
      writeFileSync(join(dir, `${i}.txt`), txt, 'utf8');
      writeFileSync(join(dir, `${i}.ann`), ann, 'utf8');
      expected.push(...doc.spans.map((s): [number, number, string] => [s.start, s.end, s.quote]));
    });
    const out = python(
      `
import sys, json
spans = []
for i in range(int(sys.argv[2])):
    txt = open(f"{sys.argv[1]}/{i}.txt", encoding="utf-8", newline="").read()
    for line in open(f"{sys.argv[1]}/{i}.ann", encoding="utf-8", newline=""):
        line = line.rstrip("\\n")
        if not line.startswith("T"):
            continue
        tid, data, text = line.split("\\t", 2)
        label, offsets = data.split(" ", 1)
        frags = [tuple(int(x) for x in f.split(" ")) for f in offsets.split(";")]
        assert text == " ".join(txt[s:e] for s, e in frags), (tid, text)
        start, end = frags[0][0], frags[-1][1]
        spans.append([start, end, txt[start:end]])
print(json.dumps(spans))
`,
      '',
      dir,
      String(docs.length),
    );
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('W3C: TextPositionSelector selects the TextQuoteSelector’s exact text', () => {
    const input = JSON.stringify({ texts: Object.fromEntries(docs.map((d) => [`urn:mbw:article:${encodeURIComponent(d.id)}`, d.text])), collection: JSON.parse([...w3cCollectionChunks(docs)].join('')) });
    const out = python(
      `
import sys, json
data = json.load(sys.stdin)
n = 0
for a in data["collection"]["first"]["items"]:
    if a["motivation"] != "classifying":
        continue
    text = data["texts"][a["target"]["source"]]
    pos, quote = a["target"]["selector"]
    assert text[pos["start"]:pos["end"]] == quote["exact"], a["id"]
    assert text[pos["start"] - len(quote["prefix"]):pos["end"] + len(quote["suffix"])] == quote["prefix"] + quote["exact"] + quote["suffix"]
    n += 1
print(n)
`,
      input,
    );
    expect(Number(out.trim())).toBe(spanCount);
  });

  it('CSV: Python’s csv module reads the rows, and start/end select the quote', () => {
    writeFileSync(join(dir, 'spans.csv'), [...csvChunks(docs)].join(''), 'utf8');
    const out = python(
      `
import sys, csv, json
texts = json.load(sys.stdin)
n = 0
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        assert texts[row["article_id"]][int(row["start"]):int(row["end"])] == row["quote"], row
        json.loads(row["attributes"])
        n += 1
print(n)
`,
      JSON.stringify(Object.fromEntries(docs.map((d) => [d.id, d.text]))),
      join(dir, 'spans.csv'),
    );
    expect(Number(out.trim())).toBe(spanCount);
  });

  it('Hugging Face: token offsets select the tokens', () => {
    const rows = [...hfChunks(docs, { labels: LABELS })].join('');
    const out = python(
      `
import sys, json
texts = json.loads(sys.argv[1])
n = 0
for line in sys.stdin:
    row = json.loads(line)
    for tok, (s, e) in zip(row["tokens"], row["offsets"]):
        assert texts[row["article_id"]][s:e] == tok, (tok, s, e)
        n += 1
print(n)
`,
      rows,
      JSON.stringify(Object.fromEntries(docs.map((d) => [d.id, d.text]))),
    );
    expect(Number(out.trim())).toBeGreaterThan(40);
  });

  it('WebAnno TSV: begin-end are UTF-16 offsets, as Java reads them', () => {
    const content = webAnnoTsv(hardDoc()).content;
    const out = python(
      `
import sys, json
text = json.loads(sys.argv[1])
units = text.encode("utf-16-le")
n = 0
for line in sys.stdin.read().split("\\n"):
    if not line or line.startswith("#"):
        continue
    fields = line.split("\\t")
    b, e = (int(x) for x in fields[1].split("-"))
    assert units[2 * b:2 * e].decode("utf-16-le") == fields[2], (fields[0], fields[2])
    n += 1
print(n)
`,
      content,
      JSON.stringify(HARD_TEXT),
    );
    expect(Number(out.trim())).toBe(content.split('\n').filter((l) => /^\d/.test(l)).length);
  });
});
